/**
 * GraphQL object types. Resolvers fill them from plain rows (no ORM hydration on the read path);
 * fields that need more data are resolved through the per-request loaders.
 */
import { Field, Float, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { EntityType, EventKind, InstitutionKind, ParticipationRole, PlaceKind, ReportPhase, ReviewStatus, SearchKind, TimelineItemKind } from './enums';
import { Connection } from './connection';
import { fromGlobalId } from './ids';
import { DateScalar, DateTimeScalar } from './scalars';

@InterfaceType({ description: 'An object with a global id (Relay)', resolveType: (v: { id: string }) => fromGlobalId(v.id)?.type })
export abstract class Node {
  @Field(() => ID) id: string;
}

@ObjectType({ simpleResolvers: true, description: 'A related-story teaser found at the foot of a scraped page (not part of the body)' })
export class RelatedTeaser {
  @Field(() => String, { nullable: true }) section: string | null;
  @Field() title: string;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A news article' })
export class Article extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) section: string | null;
  @Field(() => String, { nullable: true }) outlet: string | null;
  @Field(() => String, { nullable: true, description: 'Where the story was filed ("Sidoarjo")' }) dateline: string | null;
  @Field(() => String, { nullable: true }) byline: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Publication date' }) publishedOn: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Publication time, where the source gives it' }) publishedAt: string | null;
  @Field() language: string;
  @Field(() => String, { nullable: true }) sourceUrl: string | null;
  body?: string;
  related?: string;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person: an official or anyone else the news names' })
export class Person extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  aliasesJson?: string;
  /** Folded into a list's own query when the list carries it. */
  currentPosition?: Position | null;
}

@ObjectType({ simpleResolvers: true, description: 'A form a person is known by, with where it was learnt' })
export class PersonAlias {
  @Field({ description: 'The form as written ("Cak Mat", "RWK", "Rina Wulandari")' }) alias: string;
  @Field({ description: 'DECLARED (an article says "X atau Y", "X (Y)"), EDITOR (added by an editor), or a resolution merge: EXACT, VARIANT, CONTAINED, FUZZY, ONE_WORD, INITIALS, ALIAS, CURATED' })
  kind: string;
  @Field(() => String, { nullable: true, description: 'Why the form was linked to the person (merges only)' }) reason: string | null;
  @Field(() => Float, { nullable: true, description: 'The evidence score of the merge (merges only)' }) score: number | null;
  articleId: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A merge resolution or an editor made into this person, with its reason; an editor can undo it (splitPerson)' })
export class PersonMerge {
  @Field(() => ID, { description: 'The id splitPerson takes' }) id: string;
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

@ObjectType({ simpleResolvers: true, description: 'The result of splitPerson' })
export class SplitPersonPayload {
  @Field(() => Person, { description: 'The person the merge was into' }) person: Person;
  @Field(() => Person, { description: 'The person split off' }) split: Person;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'An institution: ministry, regional government, agency, bureau, legislature, police …' })
export class Institution extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) acronym: string | null;
  @Field(() => InstitutionKind) kind: InstitutionKind;
  @Field(() => String, { nullable: true, description: 'Official region code (idn-area-data) of the region it governs' }) regionCode: string | null;
  parentId: number | null;
  aliasesJson?: string;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A place: region with its official code, venue, or foreign place' })
export class Place extends Node {
  dbId: number;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => PlaceKind) kind: PlaceKind;
  @Field(() => String, { nullable: true, description: 'Official Indonesian region code, where one exists' }) code: string | null;
  parentId: number | null;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A title held at an institution over a period, with its evidence' })
export class Position extends Node {
  dbId: number;
  @Field() title: string;
  @Field(() => DateScalar, { nullable: true }) validFrom: string | null;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  personId: number;
  institutionId: number | null;
  evidenceArticleId: number | null;
  /** Folded into the position's own query when it is loaded with its institution. */
  institution?: Institution | null;
}

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

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A span of an article that names an entity' })
export class Mention extends Node {
  dbId: number;
  @Field(() => EntityType) entityType: EntityType;
  @Field(() => Int, { description: 'Start offset in the article body' }) start: number;
  @Field(() => Int, { description: 'End offset (exclusive) in the article body' }) end: number;
  @Field() text: string;
  @Field(() => Float) confidence: number;
  @Field() extractorVersion: string;
  @Field(() => ReviewStatus) status: ReviewStatus;
  articleId: number;
  entityId: number;
}

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A direct quote, attributed where the text allows' })
export class Quote extends Node {
  dbId: number;
  @Field() text: string;
  @Field(() => String, { nullable: true, description: 'The speaker as written' }) speakerName: string | null;
  @Field(() => Int) start: number;
  @Field(() => Int) end: number;
  articleId: number;
  personId: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A short name in an article that fits more than one person; an editor decides which' })
export class UnresolvedMention {
  @Field() text: string;
  @Field(() => Int) start: number;
  @Field(() => Int) end: number;
  candidateIds: number[];
}

@ObjectType({ simpleResolvers: true, description: 'Someone who took part in the same events, with the events shared' })
export class CoAttendee {
  personId: number;
  @Field(() => Int, { description: 'Number of distinct events shared' }) sharedEvents: number;
  eventIds: number[];
}

@ObjectType({ simpleResolvers: true, description: 'An institution taking part in the same events (as organiser, participant, or through an official)' })
export class InstitutionPartner {
  institutionId: number;
  @Field(() => Int) sharedEvents: number;
  eventIds: number[];
}

@ObjectType({ simpleResolvers: true, description: 'One dated item of a person\'s timeline; exactly one of position, participation, quote, article is set' })
export class TimelineItem {
  @Field(() => DateScalar) date: string;
  @Field(() => TimelineItemKind) kind: TimelineItemKind;
  ref: number;
}

@ObjectType({ simpleResolvers: true, description: 'An article reporting an event, placed in the event\'s coverage' })
export class EventReport {
  articleId: number;
  @Field(() => ReportPhase) phase: ReportPhase;
  @Field(() => Int, { nullable: true, description: 'Days between the event\'s start and publication' }) dayOffset: number | null;
}

@ObjectType({ simpleResolvers: true }) export class PeriodCount { @Field({ description: '"2019" or "2019-11"' }) period: string; @Field(() => Int) count: number }
@ObjectType({ simpleResolvers: true }) export class KindCount { @Field(() => EventKind) kind: EventKind; @Field(() => Int) count: number }
@ObjectType({ simpleResolvers: true }) export class PlaceCount { @Field(() => Place) place: Place; @Field(() => Int) count: number }
@ObjectType({ simpleResolvers: true }) export class InstitutionCount { @Field(() => Institution) institution: Institution; @Field(() => Int) count: number }
@ObjectType({ simpleResolvers: true }) export class PersonCount { @Field(() => Person) person: Person; @Field(() => Int) count: number }

@ObjectType({ simpleResolvers: true, description: 'Counts over events, people and institutions, under one filter' })
export class Stats {
  filter: { from?: string; to?: string; place?: number; kind?: EventKind; organizer?: number };
}

@ObjectType({ simpleResolvers: true, description: 'A search hit: the object, its title and a snippet with the matched words in <mark> (HTML, escaped)' })
export class SearchHit {
  @Field(() => SearchKind) kind: SearchKind;
  entityId: number;
  @Field({ description: 'The title with matches in <mark>; escaped HTML' }) title: string;
  @Field({ description: 'A passage with matches in <mark>; escaped HTML' }) snippet: string;
  @Field(() => Float, { description: 'Relevance (higher is better; comparable within one search)' }) score: number;
}

export const ArticleConnection = Connection(Article);
export const SearchHitConnection = Connection(SearchHit);
export const CoAttendeeConnection = Connection(CoAttendee);
export const InstitutionPartnerConnection = Connection(InstitutionPartner);
export const TimelineItemConnection = Connection(TimelineItem);
export const PersonConnection = Connection(Person);
export const InstitutionConnection = Connection(Institution);
export const PlaceConnection = Connection(Place);
export const EventConnection = Connection(Event);
export const ParticipationConnection = Connection(Participation);

@ObjectType({ simpleResolvers: true, description: 'Counts of what an ingest created and linked' })
export class IngestCounts {
  @Field(() => Int) persons: number;
  @Field(() => Int) institutions: number;
  @Field(() => Int) places: number;
  @Field(() => Int) events: number;
}

@ObjectType({ simpleResolvers: true, description: 'The result of ingesting one article' })
export class IngestPayload {
  @Field({ description: 'NEW when stored now, UNCHANGED when the same article was already there, REEXTRACTED when an older extraction or older content of it was replayed' }) status: string;
  @Field(() => Article) article: Article;
  @Field(() => IngestCounts) created: IngestCounts;
  @Field(() => IngestCounts) linked: IngestCounts;
}
