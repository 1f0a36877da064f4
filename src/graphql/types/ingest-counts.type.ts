import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Counts of what an ingest created and linked' })
export class IngestCounts {
  @Field(() => Int) persons: number;
  @Field(() => Int) institutions: number;
  @Field(() => Int) places: number;
  @Field(() => Int) events: number;
}
