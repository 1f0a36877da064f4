/** Input types and argument validation (class-validator runs on every input: `validate: true`). */
import { IsIn, IsInt, IsOptional, IsUrl, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { EventKind, InstitutionKind, ParticipationRole, PlaceKind } from './enums';
import { badInput } from './errors';
import { fromGlobalId, keyParts, NodeType } from './ids';
import type { CatalogService } from '../services/catalog.service';
import { DateScalar } from './scalars';
import { CALENDAR_DATE_MESSAGE, isCalendarDate, ISO_DATE } from '../text/dates';

/** A calendar date (not only its shape: 2019-02-30 and 0000-01-01 are refused), the field named in the error. */
const IsCalendarDate = () => ValidateBy({ name: 'isCalendarDate', validator: { validate: (v) => isCalendarDate(v), defaultMessage: () => `$property ${CALENDAR_DATE_MESSAGE}` } });

/** The tables of the slugged types (see ids.ts). */
export const SLUG_TABLE: Partial<Record<NodeType, 'article' | 'person' | 'institution' | 'place' | 'event'>> = {
  Article: 'article', Person: 'person', Institution: 'institution', Place: 'place', Event: 'event',
};

/**
 * A global id of the expected type → database id, or BAD_USER_INPUT naming the field. A slug id is looked up
 * (following merges), as is a natural-key id; one that names nothing gives -1, which matches no row, as a row id of a deleted record does.
 */
type Lookups = Pick<CatalogService, 'idBySlug' | 'idByKey'>;
export async function dbId(catalog: Lookups, gid: string, field: string, type: NodeType): Promise<number>;
export async function dbId(catalog: Lookups, gid: string | null | undefined, field: string, type: NodeType): Promise<number | undefined>;
export async function dbId(catalog: Lookups, gid: string | null | undefined, field: string, type: NodeType): Promise<number | undefined> {
  if (gid == null) return undefined;
  const g = fromGlobalId(gid);
  if (!g || g.type !== type) throw badInput(field, `is not a ${type} id`);
  if (g.key != null) return (await catalog.idByKey(type, keyParts(type, g.key)!)) ?? -1;
  if (g.slug == null) return g.id!;
  return (await catalog.idBySlug(SLUG_TABLE[type]!, g.slug)) ?? -1;
}

export function checkDate(v: string | null | undefined, field: string): string | undefined {
  if (v == null) return undefined;
  if (!isCalendarDate(v)) throw badInput(field, CALENDAR_DATE_MESSAGE);
  return v;
}

@InputType({ description: 'Filters for articles; all given filters must hold' })
export class ArticleFilter {
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() to?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) section?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) outlet?: string;
  @Field(() => ID, { nullable: true, description: 'Articles that mention this person' }) @IsOptional() @MaxLength(100) person?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => ID, { nullable: true, description: 'Articles that cover this event' }) @IsOptional() @MaxLength(100) event?: string;
}

@InputType({ description: 'Filters for events; all given filters must hold' })
export class EventFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Events still running on or after this date' }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events starting on or before this date' }) @IsOptional() @IsCalendarDate() to?: string;
  @Field(() => EventKind, { nullable: true }) @IsOptional() kind?: EventKind;
  @Field(() => ID, { nullable: true, description: 'Venue, city, or a province containing the city' }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => ID, { nullable: true, description: 'Organising institution' }) @IsOptional() @MaxLength(100) organizer?: string;
  @Field(() => ID, { nullable: true, description: 'A person taking part' }) @IsOptional() @MaxLength(100) participant?: string;
  @Field(() => ParticipationRole, { nullable: true, description: "The participant's role (with participant)" }) @IsOptional() role?: ParticipationRole;
  @Field({ nullable: true, description: 'Text in the name, short name or aliases (case-insensitive)' }) @IsOptional() @MaxLength(200) search?: string;
}

@InputType({ description: 'Filters for attendance rows; all given filters must hold' })
export class AttendanceFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) person?: string;
  @Field(() => ID, { nullable: true, description: 'The institution taking part, or a person who held a position there' }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) event?: string;
  @Field(() => EventKind, { nullable: true }) @IsOptional() eventKind?: EventKind;
  @Field(() => ParticipationRole, { nullable: true }) @IsOptional() role?: ParticipationRole;
  @Field(() => ID, { nullable: true, description: 'Venue, city, or a province containing the city' }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => ID, { nullable: true, description: 'Events organised by this institution' }) @IsOptional() @MaxLength(100) organizer?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events still running on or after this date' }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Events starting on or before this date' }) @IsOptional() @IsCalendarDate() to?: string;
}

@InputType({ description: 'Filters for counts; all given filters must hold' })
export class StatsFilter {
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() from?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() to?: string;
  @Field(() => ID, { nullable: true, description: 'Venue, city, or a province containing the city' }) @IsOptional() @MaxLength(100) place?: string;
  @Field(() => EventKind, { nullable: true }) @IsOptional() kind?: EventKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) organizer?: string;
}

@InputType()
export class PersonFilter {
  @Field({ nullable: true, description: 'Part of the name (honorifics and case ignored)' }) @IsOptional() @MaxLength(200) name?: string;
  @Field(() => ID, { nullable: true, description: 'Held a position at this institution' }) @IsOptional() @MaxLength(100) institution?: string;
  @Field({ nullable: true, description: 'Part of a title held ("Bupati")' }) @IsOptional() @MaxLength(200) title?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Held a position on this date (as evidenced)' }) @IsOptional() @IsCalendarDate() activeOn?: string;
}

@InputType()
export class InstitutionFilter {
  @Field({ nullable: true, description: 'Part of the name, an acronym or an alias' }) @IsOptional() @MaxLength(200) name?: string;
  @Field(() => InstitutionKind, { nullable: true }) @IsOptional() kind?: InstitutionKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) parent?: string;
}

@InputType()
export class PlaceFilter {
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) name?: string;
  @Field(() => PlaceKind, { nullable: true }) @IsOptional() kind?: PlaceKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) parent?: string;
}

@InputType({ description: 'An article to ingest: either raw `text` (scraped page or plain text) or structured fields' })
export class IngestArticleInput {
  @Field({ nullable: true, description: 'Raw text: the scraped page format or "title, blank line, body"' }) @IsOptional() @MinLength(1) @MaxLength(2_000_000) text?: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(500) title?: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(2_000_000) body?: string;
  @Field({ nullable: true }) @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(1000) url?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) outlet?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) section?: string;
  @Field({ nullable: true, description: 'ISO date or time, or the date as the site prints it' }) @IsOptional() @MaxLength(100) publishedAt?: string;
}

@InputType()
export class UpdateEventInput {
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(500) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) shortName?: string | null;
  @Field(() => EventKind, { nullable: true }) @IsOptional() kind?: EventKind;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() startDate?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() endDate?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) participantCount?: number | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) venue?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) city?: string | null;
}

@InputType()
export class AddPositionInput {
  @Field(() => ID) @MaxLength(100) person: string;
  @Field() @MinLength(1) @MaxLength(200) title: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() validFrom?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsCalendarDate() validTo?: string;
  @Field(() => ID, { nullable: true, description: 'The article that evidences it' }) @IsOptional() @MaxLength(100) evidence?: string;
}

@InputType()
export class AddParticipationInput {
  @Field(() => ID) @MaxLength(100) event: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) person?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) institution?: string;
  @Field(() => ParticipationRole) @IsIn(Object.values(ParticipationRole)) role: ParticipationRole;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(100) evidence?: string;
}

