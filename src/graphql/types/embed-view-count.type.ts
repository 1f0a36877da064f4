import { Field, Int, ObjectType } from 'type-graphql';
import { EmbedSurface } from '../enums';
import { DateScalar } from '../scalars';

@ObjectType({ simpleResolvers: true, description: 'Views of a partner surface on one day (counts only; no personal data is kept)' })
export class EmbedViewCount {
  @Field(() => DateScalar, { description: 'The day (UTC)' }) day: string;
  @Field(() => EmbedSurface) surface: EmbedSurface;
  @Field(() => Int, { description: 'The partner key (0: views without a partner id)' }) keyId: number;
  eventId: number | null;
  @Field(() => Int) views: number;
}
