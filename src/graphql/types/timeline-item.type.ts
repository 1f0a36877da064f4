import { Field, ObjectType } from 'type-graphql';
import { TimelineItemKind } from '../enums';
import { DateScalar } from '../scalars';

@ObjectType({ simpleResolvers: true, description: 'One dated item of a person\'s timeline; exactly one of position, participation, quote, article is set' })
export class TimelineItem {
  @Field(() => DateScalar) date: string;
  @Field(() => TimelineItemKind) kind: TimelineItemKind;
  ref: number;
}
