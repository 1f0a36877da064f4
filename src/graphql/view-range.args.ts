import { ArgsType, Field } from 'type-graphql';
import { DateScalar } from './scalars';

/** `from`/`to` of the embed-view lists. */
@ArgsType()
export class ViewRange {
  @Field(() => DateScalar, { nullable: true }) from?: string;
  @Field(() => DateScalar, { nullable: true }) to?: string;
}
