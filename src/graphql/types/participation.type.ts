import { Field, ObjectType } from 'type-graphql';
import { ParticipationRole } from '../enums';
import { Node } from './node.type';
import type { Person } from './person.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person or an institution taking part in an event, in a role' })
export class Participation extends Node {
  dbId: number;
  @Field(() => ParticipationRole) role: ParticipationRole;
  eventId: number;
  personId: number | null;
  institutionId: number | null;
  evidenceArticleId: number | null;
  person?: Person | null;
  /** The event's start date, when the row came with it. */
  date?: string | null;
}
