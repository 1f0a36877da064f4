import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Someone who took part in the same events, with the events shared' })
export class CoAttendee {
  personId: number;
  @Field(() => Int, { description: 'Number of distinct events shared' }) sharedEvents: number;
  /** The first `limit` shared events' ids (by id), read for the whole page when the first of its items asks. */
  eventIds: (limit?: number) => Promise<number[]>;
}
