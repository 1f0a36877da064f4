import { Field, Float, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { Node } from './node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A merge resolution or an editor made into this person, with its reason; an editor can undo it (splitPerson)' })
export class PersonMerge extends Node {
  @Field(() => ID, { description: 'The id splitPerson takes' }) declare id: string;
  dbId: number;
  @Field({ description: 'The name as the article (or the merged record) wrote it' }) form: string;
  @Field({ description: 'How it was matched: EXACT, VARIANT, CONTAINED, FUZZY, ONE_WORD, INITIALS, ALIAS, CURATED; EDITOR for mergePersons' }) method: string;
  @Field() reason: string;
  @Field(() => Float, { nullable: true }) score: number | null;
  @Field(() => DateTimeScalar, { description: 'When it was made' }) createdAt: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When an editor undid it' }) undoneAt: string | null;
  articleId: number | null;
  mergedPersonId: number | null;
  splitPersonId: number | null;
}
