/**
 * Row shapes of the persist rooms: column lists in insert order (checked against the entities when the module loads),
 * an article's stored fields, the counts an ingest returns.
 */
import { EXTRACTOR_VERSION } from '../../config';
import { checkedColumns } from '../../db/columns';
import { Event, Institution, Person, Place, Position, UnresolvedMention } from '../../entities';
import { EventCandidate } from '../resolve/events';
import type { ParsedArticle } from '../parse';

export interface IngestCounts { persons: number; institutions: number; places: number; events: number }
export interface IngestResult {
  /** new: stored now; unchanged: already stored by this extractor; reextracted: stored before by an older extractor or with other content, replayed. */
  status: 'new' | 'unchanged' | 'reextracted';
  articleId: number;
  created: IngestCounts;
  linked: IngestCounts;
}

export function zero(): IngestCounts { return { persons: 0, institutions: 0, places: 0, events: 0 }; }

/** An article's columns as stored (the slug aside). */
export function articleFields(a: ParsedArticle, hash: string) {
  return {
    title: a.title, section: a.section, outlet: a.outlet, dateline: a.dateline, byline: a.byline,
    published_on: a.publishedOn, published_at: a.publishedAt, language: a.language, body: a.body, related: JSON.stringify(a.related),
    source_url: a.sourceUrl ?? null, source_id: a.sourceId ?? null, content_hash: hash, extractor_version: EXTRACTOR_VERSION,
  };
}

export const POSITION_COLS = checkedColumns(Position, ['person_id', 'title', 'institution_id', 'valid_from', 'valid_to', 'evidence_article_id'] as const);
export const PERSON_COLS = checkedColumns(Person, ['id', 'slug', 'name', 'name_key', 'aliases', 'merged_into_id'] as const);
export const INSTITUTION_COLS = checkedColumns(Institution, ['id', 'slug', 'name', 'name_key', 'acronym', 'aliases', 'kind', 'parent_id', 'region_code', 'merged_into_id'] as const);
export const PLACE_COLS = checkedColumns(Place, ['id', 'slug', 'name', 'name_key', 'kind', 'parent_id', 'scope_key', 'region_code'] as const);
/** Tables whose new rows a PostgreSQL batch defers under ids taken ahead. */
export type Created = 'person' | 'institution' | 'place' | 'event';
export const EVENT_COLS = checkedColumns(Event, ['id', 'slug', 'name', 'short_name', 'aliases', 'kind', 'start_date', 'end_date', 'venue_id', 'city_id',
  'participant_count', 'participant_count_article_id', 'merged_into_id'] as const);

/** A stored event as a batch holds it (see BatchCache.events). */
export interface StoredEvent {
  id: number; name: string; shortName: string | null; aliases: string[]; kind: string; start: string | null; end: string | null;
  venue: number | null; city: number | null; count: number | null; countArticle: number | null;
  /** Organisers and participating people: complete once partiesLoaded (the batch adds its own as it writes them). */
  organizers: Set<number>; persons: Set<number>; partiesLoaded: boolean;
  /** The participating persons' names (with persons). */
  personNames: Map<number, string>;
  /** Its sides for scoring, kept while it does not change (resolve/events.ts caches their name words by object). */
  bare?: EventCandidate; full?: EventCandidate;
  /** Its row while it waits among the deferred inserts. */
  pending?: unknown[];
}

export const UNRESOLVED_COLS = [...checkedColumns(UnresolvedMention, ['article_id', 'start', 'end', 'text', 'candidate_ids', 'extractor_version'] as const)];
export const UNRESOLVED_KEY = ['article_id', 'start'];

/** person_merge has no entity (its table is the person-resolution migration's). */
export const PERSON_MERGE_COLS = ['person_id', 'merged_person_id', 'article_id', 'form', 'method', 'reason', 'score', 'detail'];
