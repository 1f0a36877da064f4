import { Field, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A related-story teaser found at the foot of a scraped page (not part of the body)' })
export class RelatedTeaser {
  @Field(() => String, { nullable: true }) section: string | null;
  @Field() title: string;
}
