import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A form a person is known by, with where it was learnt' })
export class PersonAlias {
  @Field({ description: 'The form as written ("Cak Mat", "RWK", "Rina Wulandari")' }) alias: string;
  @Field({ description: 'DECLARED (an article says "X atau Y", "X (Y)"), EDITOR (added by an editor), or a resolution merge: EXACT, VARIANT, CONTAINED, FUZZY, ONE_WORD, INITIALS, ALIAS, CURATED' })
  kind: string;
  @Field(() => String, { nullable: true, description: 'Why the form was linked to the person (merges only)' }) reason: string | null;
  @Field(() => Float, { nullable: true, description: 'The evidence score of the merge (merges only)' }) score: number | null;
  articleId: number | null;
}
