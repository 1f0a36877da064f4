import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A short name in an article that fits more than one person; an editor decides which' })
export class UnresolvedMention {
  @Field() text: string;
  @Field(() => Int) start: number;
  @Field(() => Int) end: number;
  candidateIds: number[];
}
