import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'An institution taking part in the same events (as organiser, participant, or through an official)' })
export class InstitutionPartner {
  institutionId: number;
  @Field(() => Int) sharedEvents: number;
  /** The first `limit` shared events' ids (by id), read for the whole page when the first of its items asks. */
  eventIds: (limit?: number) => Promise<number[]>;
}
