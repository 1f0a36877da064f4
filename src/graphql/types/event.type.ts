import { Field, Int, ObjectType } from 'type-graphql';
import { EventKind } from '../enums';
import { DateScalar } from '../scalars';
import { Node } from './node.type';
import type { Institution } from './institution.type';
import type { Place } from './place.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'An event: a Rakor, a Musrenbang, a Pelantikan …' })
export class Event extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) shortName: string | null;
  @Field(() => EventKind) kind: EventKind;
  @Field(() => DateScalar, { nullable: true }) startDate: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The last day (inclusive)' }) endDate: string | null;
  @Field(() => Int, { nullable: true, description: 'Participant count as reported (see participantCountSource)' }) participantCount: number | null;
  venueId: number | null;
  cityId: number | null;
  participantCountArticleId: number | null;
  aliasesJson?: string;
  venue?: Place | null;
  city?: Place | null;
  /** Folded into a list's own query when the list carries them. */
  organizers?: Institution[];
}
