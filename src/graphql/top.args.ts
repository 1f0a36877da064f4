import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** `first` of the ranked stats lists. */
@ArgsType()
export class TopArgs {
  @Field(() => Int, { nullable: true, description: 'How many (default 20, at most 100)' }) @Min(1) @Max(100) first?: number;
}
