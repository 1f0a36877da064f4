/**
 * Resolve and persist: an extraction becomes rows, in one transaction per article.
 * Resolution links what the graph already knows (institutions by canonical name or alias, places by region
 * code or name and parent, persons by normalised name plus positions, events by kind, date and name).
 */
import crypto from 'node:crypto';
import type { Tx } from '../db/tx';
import { EXTRACTOR_VERSION } from '../config';
import { Db } from '../db/database';
import { EntityType, EventKind, InstitutionKind, ParticipationRole, PlaceKind, ReviewStatus } from '../entities/enums';
import { kindOfInstitution } from './extract';
import type { Extraction, XEvent } from './extract';
import type { ResolvedExtraction, RPerson } from './resolve/article';
import { coreTokens, isInitialism, matchNames, nameParts, variantToken } from './resolve/names';
import { CURATED_NICKNAMES } from './resolve/nicknames';
import { Decision, decidePerson, IncomingPerson, StoredPerson } from './resolve/persons';
import { EVENT_DATE_SLACK_DAYS, EVENT_LINK_THRESHOLD, eventEvidence, EventCandidate, EventSide, kindFamily, shiftDate, soleNamedGathering } from './resolve/events';
import type { ParsedArticle } from './parse';
import { nameKey, personKey, slugify } from '../text/normalize';
import type { DocRef } from '../search/search.service';

export interface IngestCounts { persons: number; institutions: number; places: number; events: number }
export interface IngestResult {
  /** new: stored now; unchanged: already stored by this extractor; reextracted: stored before by an older extractor or with other content, replayed. */
  status: 'new' | 'unchanged' | 'reextracted';
  articleId: number;
  created: IngestCounts;
  linked: IngestCounts;
}

/** Per parsed article (never changed after parsing): a batch asks in its prefetch, its article inserts and each persister. */
const hashes = new WeakMap<ParsedArticle, string>();
export function contentHash(a: ParsedArticle): string {
  let h = hashes.get(a);
  if (h === undefined) hashes.set(a, (h = crypto.createHash('sha256').update(`${a.title}\n${a.body}`).digest('hex')));
  return h;
}

function zero(): IngestCounts { return { persons: 0, institutions: 0, places: 0, events: 0 }; }

/** An article's columns as stored (the slug aside). */
function articleFields(a: ParsedArticle, hash: string) {
  return {
    title: a.title, section: a.section, outlet: a.outlet, dateline: a.dateline, byline: a.byline,
    published_on: a.publishedOn, published_at: a.publishedAt, language: a.language, body: a.body, related: JSON.stringify(a.related),
    source_url: a.sourceUrl ?? null, source_id: a.sourceId ?? null, content_hash: hash, extractor_version: EXTRACTOR_VERSION,
  };
}

/**
 * The keys an article is found by among stored ones: its content hash, its URL, and the `id` its source gave it (a
 * JSON Lines record's). The source id is its identity: a corrected text under the same id replays that article.
 */
function lookupKeys(a: ParsedArticle, hash: string): string[] {
  return [`h:${hash}`, ...(a.sourceUrl ? [`u:${a.sourceUrl}`] : []), ...(a.sourceId ? [`i:${a.sourceId}`] : [])];
}

const POSITION_COLS = ['person_id', 'title', 'institution_id', 'valid_from', 'valid_to', 'evidence_article_id'] as const;
const PERSON_COLS = ['id', 'slug', 'name', 'name_key', 'aliases', 'merged_into_id'] as const;
const INSTITUTION_COLS = ['id', 'slug', 'name', 'name_key', 'acronym', 'aliases', 'kind', 'parent_id', 'region_code', 'merged_into_id'] as const;
const PLACE_COLS = ['id', 'slug', 'name', 'name_key', 'kind', 'parent_id', 'scope_key', 'region_code'] as const;
/** Tables whose new rows a PostgreSQL batch defers under ids taken ahead. */
type Created = 'person' | 'institution' | 'place' | 'event';
const EVENT_COLS = ['id', 'slug', 'name', 'short_name', 'aliases', 'kind', 'start_date', 'end_date', 'venue_id', 'city_id', 'participant_count',
  'participant_count_article_id', 'merged_into_id'] as const;

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
const positionKey = (personId: number, title: string, institutionId: number | null) => `${personId}|${institutionId ?? ''}|${title}`;

/** The slug a place tries first: regions carry their kind ("sidoarjo-regency"), venues their name alone. */
export const placeSlug = (name: string, kind: PlaceKind, code: string | null) => slugify(kind === PlaceKind.VENUE || !code ? name : `${name} ${kind.toLowerCase()}`);

/**
 * Where resolution looks for the people an article's person may be (blocking): stored names equal to the name, a
 * declared nickname or the full name a curated nickname stands for; registered aliases equal to any written form; and
 * name parts — the word of a one-word name (and its initials when written in capitals), else the first and last words.
 */
type Block = { key: string; names: string[]; aliases: string[]; parts: string[]; curated: string | null; formKeys: string[] };
const blocks = new WeakMap<RPerson, Block>();
export function blockingKeys(p: RPerson): Block {
  let b = blocks.get(p);
  if (!b) blocks.set(p, (b = computeBlock(p)));
  return b;
}
function computeBlock(p: RPerson): Block {
  const key = personKey(p.name);
  const formKeys = [...new Set([...p.aliases, ...p.declared].map(personKey))].filter((k) => k && k !== key);
  const curated = [key, ...formKeys].map((k) => CURATED_NICKNAMES.get(k)).find((k) => k) ?? null;
  const core = coreTokens(key);
  const parts = core.length <= 1 ? [variantToken(key.replace(/ /g, ''))] : [core[0], core[core.length - 1]];
  if (key && !key.includes(' ') && isInitialism(p.name)) parts.push(`~${key}`);
  return { key, names: [...new Set([key, ...p.declared.map(personKey), ...(curated ? [curated] : [])])], aliases: [key, ...formKeys], parts, curated, formKeys };
}

/** Stored people sharing a name word above which the word is not used for blocking. */
const COMMON_NAME_PART = 25;

const UNRESOLVED_COLS = ['article_id', 'start', 'end', 'text', 'candidate_ids', 'extractor_version'];
const UNRESOLVED_KEY = ['article_id', 'start'];

/** The n-th slug insertWithSlug tries for `base` (from 1). */
const slugForm = (base: string, n: number) => (n === 1 ? base : `${base.slice(0, 190)}-${n}`);

/** The slug a new event tries first. */
export function eventSlug(e: XEvent): string {
  const shortName = e.aliases.slice().sort((x, y) => x.length - y.length)[0] ?? null;
  return slugify(`${e.startDate?.slice(0, 4) ?? ''} ${shortName ?? e.name}`);
}

const PERSON_MERGE_COLS = ['person_id', 'merged_person_id', 'article_id', 'form', 'method', 'reason', 'score', 'detail'];

/** The slug an article tries first (then `-2`, `-3`, … while taken). */
const articleSlug = (a: ParsedArticle) => slugify(`${a.publishedOn ?? ''} ${a.title}`, 90);


/**
 * What the articles of one ingest batch (one transaction) have already resolved: institutions by canonical name with
 * their alias keys, and places. Later articles of the batch skip those lookups. Cleared when an article of the batch
 * is rolled back, since entries may point at rows it created.
 */
export class BatchCache {
  readonly institutions = new Map<string, { id: number; known: Set<string> }>();
  /** Name keys known to match no institution (by name or alias) when the batch began. */
  readonly absentInstitutions = new Set<string>();
  readonly places = new Map<string, number>();
  /** Places by official region code (null: none), for the codes the batch names, kept up to date as it creates places. */
  readonly placesByCode = new Map<string, number | null>();
  /** Unmerged people by name key (ids ascending), including those the batch created. */
  readonly personCandidates = new Map<string, number[]>();
  /** Unmerged people by registered alias key (person_alias), including the batch's own additions. */
  readonly personByAlias = new Map<string, number[]>();
  /** Unmerged people by name part (person_name_part: name words, "~" + initials), including the batch's own people. */
  readonly personByPart = new Map<string, number[]>();
  /** Names and keys of the people resolution has looked at (and of those the batch created). */
  readonly personInfo = new Map<number, { name: string; key: string }>();
  /** Institution names by id, for the reasons and the local-office test of person resolution. */
  readonly instNames = new Map<number, string>();
  /** People's aliases as stored now (read once per batch, kept up to date by the batch's own updates). */
  readonly personAliases = new Map<number, string[]>();
  /** Every position of the people in personCandidates (and of those the batch created), kept up to date. */
  readonly positions = new Map<number, Array<{
    id: number | null; institution_id: number | null; title: string; valid_from: string | null; valid_to: string | null;
    /** Its row, while it waits among the deferred inserts (id null): a later widening of its dates changes the row. */
    pending?: unknown[];
  }>>();
  /** Stored articles by content hash ("h:") and source URL ("u:"), as the batch found or left them. */
  readonly articles = new Map<string, { id: number; content_hash: string; extractor_version: string }>();
  /**
   * Records ("KIND:id") the batch created: they have no search document yet (documents are written at the batch's
   * end), so rebuilding theirs needs no delete first. Most of a bulk ingest's search deletes were of these.
   */
  readonly created = new Set<string>();
  /** The `articles` keys of each stored article id (storedNow replaces them without a scan). */
  private articleKeys = new Map<number, string[]>();
  /** Articles inserted up front by preInsertArticles, with their ids (taken by the article's persister). */
  readonly preInserted = new Map<ParsedArticle, number>();
  /** Keys whose absence from `articles` means "not stored" (they were asked for up front). */
  private prefetchedArticles = new Set<string>();
  /**
   * Mention, quote, institution-alias, new position, person and institution rows of the whole batch, written at its
   * end, 100 to a statement (PostgreSQL batches without savepoints; null: written at once). Nothing in the batch reads
   * them before, except a replay and an alias lookup outside the prefetch, which flush first; positions, people and
   * institutions are read from this cache meanwhile.
   */
  deferred: Map<string, { cols: string[]; rows: unknown[][]; conflict?: string[] }> | null = null;

  /**
   * Stored events of the kinds and dates the batch's events may link to, read once per batch (prefetchEvents) and kept
   * current as the batch creates and links events: the per-event candidate query, with its organisers and participants
   * and a JSON.parse per candidate, had become most of a PostgreSQL batch's statements.
   */
  readonly events = new Map<number, StoredEvent>();
  private readonly eventsByKind = new Map<string, StoredEvent[]>();
  /** Extractions whose events the store covers (a savepoint rollback empties it, and each article then asks for its own). */
  private eventsCovered = new WeakSet<object>();
  /** Stored events a deferring batch linked to, written once at its end (their rows in `events` are the truth meanwhile). */
  readonly eventsChanged = new Set<number>();
  /** By table and base slug: the first numbered form insertWithSlug has not yet found taken in this batch. */
  readonly slugFloor = new Map<string, number>();

  /** Every stored, unmerged event of the batch's kind families whose dates overlap one of its events' (or have none). */
  async prefetchEvents(db: Db, tx: Tx, extractions: Extraction[]): Promise<void> {
    for (const x of extractions) this.eventsCovered.add(x);
    const evs = extractions.flatMap((x) => x.events);
    if (!evs.length) return;
    const kinds = [...new Set(evs.flatMap((e) => kindFamily(e.kind as EventKind)))];
    const fetched: number[] = [];
    const ranges = [...new Map(evs.filter((e) => e.startDate).map((e) => [`${e.startDate}|${e.endDate ?? ''}`,
      [shiftDate(e.endDate ?? e.startDate!, EVENT_DATE_SLACK_DAYS), shiftDate(e.startDate!, -EVENT_DATE_SLACK_DAYS)]])).values()];
    for (let at = 0; at === 0 || at < ranges.length; at += 200) {
      const chunk = ranges.slice(at, at + 200);
      for (const r of await db.query<{ id: number; name: string; aliases: string; short_name: string | null; kind: string; start_date: string | null; end_date: string | null;
        venue_id: number | null; city_id: number | null; pc: number | null; pca: number | null }>(
        `SELECT id, name, aliases, short_name, kind, start_date, end_date, venue_id, city_id, participant_count AS pc, participant_count_article_id AS pca FROM event
          WHERE kind IN (${kinds.map(() => '?').join(', ')}) AND merged_into_id IS NULL
          AND (start_date IS NULL${chunk.map(() => ' OR (start_date <= ? AND COALESCE(end_date, start_date) >= ?)').join('')})`, [...kinds, ...chunk.flat()], tx)) {
        if (this.events.has(Number(r.id))) continue; // the batch's own copy is newer
        fetched.push(Number(r.id));
        this.addEvent({ id: Number(r.id), name: r.name, shortName: r.short_name, aliases: JSON.parse(r.aliases) as string[], kind: r.kind, start: r.start_date, end: r.end_date,
          venue: r.venue_id == null ? null : Number(r.venue_id), city: r.city_id == null ? null : Number(r.city_id), count: r.pc == null ? null : Number(r.pc),
          countArticle: r.pca == null ? null : Number(r.pca), organizers: new Set(), persons: new Set(), personNames: new Map(), partiesLoaded: false });
      }
    }
    // Their organisers and participants with them: most batches weigh some of them (see ArticlePersister.event).
    await this.loadEventParties(db, tx, fetched.map((id) => this.events.get(id)!));
  }

  eventsCover(x: Extraction): boolean { return this.eventsCovered.has(x); }

  addEvent(ev: StoredEvent): void {
    this.events.set(ev.id, ev);
    const list = this.eventsByKind.get(ev.kind);
    if (list) list.push(ev); else this.eventsByKind.set(ev.kind, [ev]);
  }

  /** As the candidate query: events of these kinds whose dates overlap (or, undated, those without dates), the first 200 by id. */
  eventCandidates(kinds: string[], start: string | null, end: string | null): StoredEvent[] {
    const out: StoredEvent[] = [];
    const to = end ? shiftDate(end, EVENT_DATE_SLACK_DAYS) : null, from = start ? shiftDate(start, -EVENT_DATE_SLACK_DAYS) : null;
    for (const k of kinds) {
      for (const ev of this.eventsByKind.get(k) ?? []) {
        if (from ? ev.start == null || (ev.start <= to! && (ev.end ?? ev.start) >= from) : ev.start == null) out.push(ev);
      }
    }
    return out.sort((x, y) => x.id - y.id).slice(0, 200);
  }

  /** Organisers and participants of these stored events, for those not read yet (the batch's own rows are in them already). */
  async loadEventParties(db: Db, tx: Tx, evs: StoredEvent[]): Promise<void> {
    const ask = evs.filter((ev) => !ev.partiesLoaded);
    for (const ev of ask) ev.partiesLoaded = true;
    for (let at = 0; at < ask.length; at += 500) {
      const chunk = ask.slice(at, at + 500).map((ev) => ev.id);
      const marks = chunk.map(() => '?').join(', ');
      for (const r of await db.query<{ e: number; i: number | null; p: number | null; n: string | null }>(`SELECT event_id AS e, institution_id AS i, NULL AS p, NULL AS n
          FROM event_organizer WHERE event_id IN (${marks})
          UNION ALL SELECT pa.event_id AS e, NULL AS i, pa.person_id AS p, pe.name AS n FROM participation pa JOIN person pe ON pe.id = pa.person_id
          WHERE pa.event_id IN (${marks})`, [...chunk, ...chunk], tx)) {
        const ev = this.events.get(Number(r.e));
        if (r.i != null) ev?.organizers.add(Number(r.i));
        else if (r.p != null) { ev?.persons.add(Number(r.p)); if (r.n != null) ev?.personNames.set(Number(r.p), r.n); }
      }
    }
  }

  clear(): void {
    for (const m of [this.institutions, this.absentInstitutions, this.places, this.placesByCode, this.personCandidates, this.personAliases,
      this.positions, this.articles, this.articleKeys, this.prefetchedArticles, this.created, this.preInserted, this.pendingPositions, this.widened,
      this.slugs, this.idPools, this.storedInstitutions, this.aliasesChanged, this.personByAlias, this.personByPart, this.personInfo, this.instNames,
      this.events, this.eventsByKind, this.eventsChanged, this.personAliasesChanged, this.storedPersonAliases, this.storedInstNames,
      this.slugFloor]) m.clear();
    this.eventsCovered = new WeakSet();
    for (const m of this.pendingRows.values()) m.clear();
    this.placesByName = null;
  }

  /**
   * Places by name key, for the names a PostgreSQL batch uses (null: not asked for up front, so lookups go to the
   * database), kept current as the batch creates places.
   */
  private placesByName: Map<string, Array<{ id: number; kind: string; scope: number }>> | null = null;

  /** Every place the batch's extractions name (their parents, events' venues and cities), in one statement per 500 names. */
  async prefetchPlaces(db: Db, tx: Tx, extractions: Extraction[]): Promise<void> {
    const names = extractions.flatMap((x) => [...x.places.flatMap((p) => [p.name, p.parent]), ...x.events.flatMap((e) => [e.venue, e.city])]);
    const keys = [...new Set(names.filter((n): n is string => !!n).map(nameKey))];
    this.placesByName = new Map(keys.map((k) => [k, []]));
    for (let at = 0; at < keys.length; at += 500) {
      const chunk = keys.slice(at, at + 500);
      for (const r of await db.query<{ id: number; k: string; kind: string; s: number }>(
        `SELECT id, name_key AS k, kind, scope_key AS s FROM place WHERE name_key IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) {
        this.placesByName.get(r.k)!.push({ id: Number(r.id), kind: r.kind, scope: Number(r.s) });
      }
    }
  }

  /**
   * A place of this name among those of `kinds` (and of `scope`, if given) when the batch asked for the name up front:
   * its id, or null when there is none. Undefined when the database must be asked: the name was not prefetched, or
   * several places match and the database's own order decides.
   */
  knownPlace(key: string, kinds: string[], scope?: number): number | null | undefined {
    const all = this.placesByName?.get(key);
    if (!all) return undefined;
    const hits = all.filter((p) => kinds.includes(p.kind) && (scope === undefined || p.scope === scope));
    return hits.length === 0 ? null : hits.length === 1 ? hits[0].id : undefined;
  }

  placeCreated(key: string, id: number, kind: string, scope: number): void {
    this.placesByName?.get(key)?.push({ id, kind, scope });
  }

  /**
   * New people, institutions and places of a PostgreSQL batch go in with the deferred rows, under ids taken from their
   * table's sequence ahead and slugs known to be free: the slugs the batch's names would take, as stored when it began.
   */
  private slugs = new Map<Created, { asked: Set<string>; taken: Set<string> }>();
  private idPools = new Map<Created, number[]>();
  /** Deferred person, institution and place rows by table and id (a change before they are written changes the row). */
  readonly pendingRows = new Map<Created, Map<number, unknown[]>>([['person', new Map()], ['institution', new Map()], ['place', new Map()], ['event', new Map()]]);

  /** The base slugs of `names` (or of slugs: slugify keeps a slug as it is) already taken in `table`, one statement per 500. */
  async prefetchSlugs(db: Db, tx: Tx, table: Created, names: string[]): Promise<void> {
    const bases = [...new Set(names.map((n) => slugify(n)))];
    const known = { asked: new Set(bases), taken: new Set<string>() };
    this.slugs.set(table, known);
    for (let at = 0; at < bases.length; at += 500) {
      const chunk = bases.slice(at, at + 500);
      for (const r of await db.query<{ slug: string }>(`SELECT slug FROM "${table}" WHERE slug IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) known.taken.add(r.slug);
    }
  }

  /**
   * As prefetchSlugs, for tables whose names repeat within a batch (events: "2024 rapat paripurna"): each base with as
   * many of its numbered forms (`-2`, `-3`, … as insertWithSlug tries them) as the batch has rows of that base, and a few more.
   */
  async prefetchSlugSeries(db: Db, tx: Tx, table: Created, bases: string[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const b of bases) counts.set(b, (counts.get(b) ?? 0) + 1);
    const known = { asked: new Set<string>(), taken: new Set<string>() };
    this.slugs.set(table, known);
    // Common bases ("2025 konferensi pers") have dozens of numbered forms already: while every form asked is taken, a
    // few rounds ask four times as many.
    let round = [...counts].map(([b, n]) => ({ b, from: 1, to: n + 4 }));
    for (let r = 0; round.length && r < 5; r++) {
      const ask = round.flatMap(({ b, from, to }) => Array.from({ length: to - from + 1 }, (_, i) => slugForm(b, from + i)));
      for (const slug of ask) known.asked.add(slug);
      for (let at = 0; at < ask.length; at += 500) {
        const chunk = ask.slice(at, at + 500);
        for (const row of await db.query<{ slug: string }>(`SELECT slug FROM "${table}" WHERE slug IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) known.taken.add(row.slug);
      }
      round = round.filter(({ b, from, to }) => {
        let free = 0;
        for (let n = from; n <= to; n++) if (!known.taken.has(slugForm(b, n))) free++;
        return free < counts.get(b)!;
      }).map(({ b, to }) => ({ b, from: to + 1, to: to * 4 }));
    }
  }

  /** The first free form of `base` in insertWithSlug's order (claimed now), or null when the prefetch cannot tell it. */
  claimSlugSeries(table: Created, base: string): string | null {
    const known = this.slugs.get(table);
    for (let n = 1; known; n++) {
      const slug = slugForm(base, n);
      if (!known.asked.has(slug)) return null;
      if (!known.taken.has(slug)) { known.taken.add(slug); return slug; }
    }
    return null;
  }

  /** A slug free for a deferred row (claimed now), or null: then the row is inserted at once, slug by slug. */
  claimSlug(table: Created, base: string): string | null {
    const known = this.slugs.get(table);
    if (!known?.asked.has(base) || known.taken.has(base)) return null;
    known.taken.add(base);
    return base;
  }

  /** The next id of the table's sequence, taken 64 at a time. */
  async nextId(db: Db, tx: Tx, table: Created): Promise<number> {
    let pool = this.idPools.get(table);
    if (!pool?.length) {
      pool = (await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id FROM generate_series(1, 64)`, [], tx)).map((r) => Number(r.id));
      this.idPools.set(table, pool);
    }
    return pool.shift()!;
  }

  /** Stored institutions' names and aliases as the batch leaves them (PostgreSQL); `aliasesChanged` are written at its end. */
  readonly storedInstitutions = new Map<number, { name: string; aliases: string[] }>();
  readonly aliasesChanged = new Set<number>();
  /** Stored people whose aliases the batch extended (PostgreSQL; written at its end from personAliases). */
  readonly personAliasesChanged = new Set<number>();
  /** Stored people's aliases as the lookups read them (JSON, parsed when the person is linked). */
  readonly storedPersonAliases = new Map<number, string>();
  /** Names of the institutions held by the people whose positions were read (canonical, as stored). */
  readonly storedInstNames = new Map<number, string>();

  /** Stored positions whose dates the batch widened, by id (written at its end with the deferred rows). */
  readonly widened = new Map<number, { valid_from: string | null; valid_to: string | null }>();

  /** Deferred positions by person, title and institution (unique among them: a second would have matched the first). */
  readonly pendingPositions = new Map<string, { id: number | null; pending?: unknown[] }>();

  /** Writes the deferred rows (only `table`'s, if given). */
  async flushDeferred(db: Db, tx: Tx, table?: string): Promise<void> {
    if (!this.deferred) return;
    if (table) {
      const d = this.deferred.get(table);
      if (d && table !== 'position') { await db.insertMany(table, d.cols, d.rows, tx, d.conflict); this.deferred.delete(table); }
      this.pendingRows.get(table as Created)?.clear();
      return;
    }
    for (const [table, { cols, rows, conflict }] of this.deferred) {
      if (table !== 'position') { await db.insertMany(table, cols, rows, tx, conflict); continue; }
      // Positions learn their ids, so that a later widening of their dates in this batch is an UPDATE again.
      const stored = await db.insertManyReturning<{ id: number; person_id: number; title: string; institution_id: number | null }>(table, cols, rows,
        ['id', 'person_id', 'title', 'institution_id'], tx);
      for (const r of stored) {
        const entry = this.pendingPositions.get(positionKey(Number(r.person_id), r.title, r.institution_id == null ? null : Number(r.institution_id)));
        if (entry) { entry.id = Number(r.id); delete entry.pending; }
      }
    }
    this.pendingPositions.clear();
    const widened = [...this.widened];
    for (let at = 0; at < widened.length; at += 100) {
      const chunk = widened.slice(at, at + 100);
      await db.exec(`UPDATE position AS po SET valid_from = v.f, valid_to = v.t
        FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS date), CAST(? AS date))').join(', ')}) AS v (id, f, t) WHERE po.id = v.id`,
      chunk.flatMap(([id, d]) => [id, d.valid_from, d.valid_to]), tx);
    }
    this.widened.clear();
    const changed = [...this.aliasesChanged];
    for (let at = 0; at < changed.length; at += 100) {
      const chunk = changed.slice(at, at + 100);
      await db.exec(`UPDATE institution AS i SET aliases = v.a FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), ?)').join(', ')}) AS v (id, a) WHERE i.id = v.id`,
        chunk.flatMap((id) => [id, JSON.stringify(this.storedInstitutions.get(id)!.aliases)]), tx);
    }
    this.aliasesChanged.clear();
    const people = [...this.personAliasesChanged];
    for (let at = 0; at < people.length; at += 100) {
      const chunk = people.slice(at, at + 100);
      await db.exec(`UPDATE person AS p SET aliases = v.a FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS text))').join(', ')}) AS v (id, a) WHERE p.id = v.id`,
        chunk.flatMap((id) => [id, JSON.stringify(this.personAliases.get(id))]), tx);
    }
    this.personAliasesChanged.clear();
    const events = [...this.eventsChanged].map((id) => this.events.get(id)!);
    for (let at = 0; at < events.length; at += 100) {
      const chunk = events.slice(at, at + 100);
      await db.exec(`UPDATE event AS ev SET aliases = v.a, start_date = v.s, end_date = v.e, venue_id = v.v, city_id = v.c, participant_count = v.n,
          participant_count_article_id = v.na
        FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS text), CAST(? AS date), CAST(? AS date), CAST(? AS integer), CAST(? AS integer), CAST(? AS integer), CAST(? AS integer))').join(', ')})
          AS v (id, a, s, e, v, c, n, na) WHERE ev.id = v.id`,
      chunk.flatMap((ev) => [ev.id, JSON.stringify(ev.aliases), ev.start, ev.end, ev.venue, ev.city, ev.count, ev.countArticle]), tx);
    }
    this.eventsChanged.clear();
    for (const ev of this.events.values()) delete ev.pending;
    for (const m of this.pendingRows.values()) m.clear();
    this.deferred.clear();
  }

  /** The stored articles and the people the batch's articles may be, in two statements (per 500) for the whole batch. */
  async prefetchArticlesAndPeople(db: Db, tx: Tx, articles: Array<{ a: ParsedArticle; x: Extraction }>): Promise<void> {
    const hashes = [...new Set(articles.map(({ a }) => contentHash(a)))];
    const urls = [...new Set(articles.map(({ a }) => a.sourceUrl).filter((u): u is string => !!u))];
    const sids = [...new Set(articles.map(({ a }) => a.sourceId).filter((u): u is string => !!u))];
    for (let at = 0; at < Math.max(hashes.length, urls.length, sids.length); at += 500) {
      const h = hashes.slice(at, at + 500), u = urls.slice(at, at + 500), i = sids.slice(at, at + 500);
      const rows = await db.query<{ id: number; content_hash: string; extractor_version: string; source_url: string | null; source_id: string | null }>(
        `SELECT id, content_hash, extractor_version, source_url, source_id FROM article WHERE content_hash IN (${h.map(() => '?').join(', ') || 'NULL'})
           OR source_url IN (${u.map(() => '?').join(', ') || 'NULL'}) OR source_id IN (${i.map(() => '?').join(', ') || 'NULL'})`, [...h, ...u, ...i], tx);
      for (const r of rows) {
        const v = { id: Number(r.id), content_hash: r.content_hash, extractor_version: r.extractor_version };
        this.setArticle(`h:${r.content_hash}`, v);
        if (r.source_url) this.setArticle(`u:${r.source_url}`, v);
        if (r.source_id) this.setArticle(`i:${r.source_id}`, v);
      }
    }
    this.prefetchedArticles = new Set([...hashes.map((x) => `h:${x}`), ...urls.map((x) => `u:${x}`), ...sids.map((x) => `i:${x}`)]);
    const blocks = articles.flatMap(({ x }) => (x as ResolvedExtraction).persons.map((p) => blockingKeys(p)));
    await this.peopleByAlias(db, tx, [...new Set(blocks.flatMap((b) => b.aliases))]);
    // The probes of aliases no stage took, and the full names of curated nicknames among them.
    const probes = [...new Set(articles.flatMap(({ x }) => ((x as ResolvedExtraction).aliasProbes ?? []).map((q) => personKey(q.text))))];
    await this.peopleByAlias(db, tx, probes);
    const curatedNames = probes.map((k) => CURATED_NICKNAMES.get(k)).filter((k): k is string => !!k);
    const keys = [...new Set([...blocks.flatMap((b) => b.names), ...curatedNames])];
    for (let at = 0; at < keys.length; at += 500) {
      const chunk = keys.slice(at, at + 500);
      for (const k of chunk) this.personCandidates.set(k, []);
      for (const r of await db.query<{ id: number; k: string; aliases: string; name: string }>(`SELECT id, name_key AS k, aliases, name FROM person WHERE name_key IN (${chunk.map(() => '?').join(', ')})
          AND merged_into_id IS NULL ORDER BY id`, chunk, tx)) {
        this.personCandidates.get(r.k)?.push(Number(r.id));
        this.personAliases.set(Number(r.id), JSON.parse(r.aliases) as string[]);
        this.personInfo.set(Number(r.id), { name: r.name, key: r.k });
      }
    }
    // Name parts only for names not stored yet: a stored name is resolved among its namesakes (see person()).
    await this.peopleByPart(db, tx, [...new Set(blocks.filter((b) => !this.personCandidates.get(b.key)?.length).flatMap((b) => b.parts))]);
    // Positions of the people found by name, and of those found by alias or name part whose names can match (the ones
    // ArticlePersister.decide weighs), so that deciding reads none.
    const people = new Set(this.personAliases.keys());
    for (const b of blocks) {
      const byAlias = new Set(b.aliases.flatMap((k) => this.personByAlias.get(k) ?? []));
      for (const id of [...byAlias, ...b.parts.flatMap((t) => this.personByPart.get(t) ?? [])]) {
        const c = this.personInfo.get(id);
        if (!people.has(id) && c && (byAlias.has(id) || c.key === b.key || b.curated === c.key || b.formKeys.includes(c.key) || matchNames(b.key, c.key) != null)) people.add(id);
      }
    }
    await this.ensurePositions(db, tx, [...people]);
    // Regions by code: the places themselves and the provinces (the first segment) their creation may need.
    const codes = [...new Set(articles.flatMap(({ x }) => x.places.flatMap((p) => (p.code ? [p.code, p.code.split('.')[0]] : []))))];
    for (let at = 0; at < codes.length; at += 500) {
      const chunk = codes.slice(at, at + 500);
      for (const c of chunk) this.placesByCode.set(c, null);
      for (const r of await db.query<{ id: number; c: string }>(`SELECT id, region_code AS c FROM place WHERE region_code IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) {
        this.placesByCode.set(r.c, Number(r.id));
      }
    }
  }

  /**
   * Looks up keys in one of the person indexes: keys already known come from memory (the batch keeps them current as
   * it creates people and aliases), the others from the table, one statement per 500. A PostgreSQL batch asks for all
   * of its keys up front (prefetchArticlesAndPeople), so its deferred rows are never looked for in the table.
   */
  private async lookupPeople(db: Db, tx: Tx, map: Map<string, number[]>, keys: string[], sql: (marks: string) => string): Promise<number[]> {
    const missing = [...new Set(keys.filter((k) => k && !map.has(k)))];
    for (let at = 0; at < missing.length; at += 500) {
      const chunk = missing.slice(at, at + 500);
      for (const k of chunk) map.set(k, []);
      for (const r of await db.query<{ id: number; k: string; name: string; nk: string; aliases: string }>(sql(chunk.map(() => '?').join(', ')), chunk, tx)) {
        this.storedPersonAliases.set(Number(r.id), r.aliases);
        const list = map.get(r.k)!;
        if (!list.includes(Number(r.id))) list.push(Number(r.id));
        // Names come with the lookup: resolution compares them next (their registry hits are in personByAlias).
        if (!this.personInfo.has(Number(r.id))) this.personInfo.set(Number(r.id), { name: r.name, key: r.nk });
      }
    }
    return [...new Set(keys.flatMap((k) => map.get(k) ?? []))];
  }

  peopleByName(db: Db, tx: Tx, keys: string[]): Promise<number[]> {
    return this.lookupPeople(db, tx, this.personCandidates, keys, (m) => `SELECT id, name_key AS k, name, name_key AS nk, aliases FROM person WHERE name_key IN (${m}) AND merged_into_id IS NULL ORDER BY id`);
  }
  peopleByAlias(db: Db, tx: Tx, keys: string[]): Promise<number[]> {
    return this.lookupPeople(db, tx, this.personByAlias, keys, (m) => `SELECT p.id, a.alias_key AS k, p.name, p.name_key AS nk, p.aliases FROM person_alias a JOIN person p ON p.id = a.person_id
      WHERE a.alias_key IN (${m}) AND p.merged_into_id IS NULL ORDER BY p.id`);
  }
  async peopleByPart(db: Db, tx: Tx, parts: string[]): Promise<number[]> {
    // A name word that dozens of stored people share ("muhammad", "budi") blocks nothing useful: it is skipped (its
    // entry stays empty), and the other word of the name, or its exact form, does the blocking.
    const ask = [...new Set(parts.filter((t) => t && !this.personByPart.has(t)))];
    for (let at = 0; at < ask.length; at += 500) {
      const chunk = ask.slice(at, at + 500);
      for (const r of await db.query<{ k: string; n: number }>(`SELECT token AS k, COUNT(*) AS n FROM person_name_part WHERE token IN (${chunk.map(() => '?').join(', ')})
          GROUP BY token`, chunk, tx)) {
        if (Number(r.n) > COMMON_NAME_PART) this.personByPart.set(r.k, []);
      }
    }
    return this.lookupPeople(db, tx, this.personByPart, parts, (m) => `SELECT p.id, n.token AS k, p.name, p.name_key AS nk, p.aliases FROM person_name_part n JOIN person p ON p.id = n.person_id
      WHERE n.token IN (${m}) AND p.merged_into_id IS NULL ORDER BY p.id`);
  }

  /** Names and keys of these people (from memory when known). */
  async names(db: Db, tx: Tx, ids: number[]): Promise<Array<{ id: number; name: string; key: string }>> {
    const missing = ids.filter((id) => !this.personInfo.has(id));
    for (let at = 0; at < missing.length; at += 500) {
      const chunk = missing.slice(at, at + 500);
      for (const r of await db.query<{ id: number; name: string; k: string }>(`SELECT id, name, name_key AS k FROM person WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) {
        this.personInfo.set(Number(r.id), { name: r.name, key: r.k });
      }
    }
    return ids.flatMap((id) => { const i = this.personInfo.get(id); return i ? [{ id, name: i.name, key: i.key }] : []; });
  }

  /** Every position of these people into `positions` (those not there yet: the batch keeps the others current). */
  async ensurePositions(db: Db, tx: Tx, ids: number[]): Promise<void> {
    const missing = ids.filter((id) => !this.positions.has(id));
    for (let at = 0; at < missing.length; at += 500) {
      const chunk = missing.slice(at, at + 500);
      for (const id of chunk) this.positions.set(id, []);
      for (const r of await db.query<{ id: number; pid: number; iid: number | null; title: string; f: string | null; t: string | null; inst: string | null }>(
        `SELECT po.id, po.person_id AS pid, po.institution_id AS iid, po.title, po.valid_from AS f, po.valid_to AS t, i.name AS inst FROM position po
          LEFT JOIN institution i ON i.id = po.institution_id WHERE po.person_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY po.id`, chunk, tx)) {
        this.positions.get(Number(r.pid))!.push({ id: Number(r.id), institution_id: r.iid == null ? null : Number(r.iid), title: r.title, valid_from: r.f, valid_to: r.t });
        if (r.iid != null && r.inst != null) this.storedInstNames.set(Number(r.iid), r.inst);
      }
    }
  }

  /** Institution names by id (deferred rows of the batch included). */
  async institutionNames(db: Db, tx: Tx, ids: number[]): Promise<Map<number, string>> {
    const pending = this.pendingRows.get('institution')!;
    const missing = [...new Set(ids)].filter((id) => !this.instNames.has(id));
    const ask: number[] = [];
    for (const id of missing) {
      const row = pending.get(id), stored = this.storedInstNames.get(id);
      if (row) this.instNames.set(id, row[INSTITUTION_COLS.indexOf('name')] as string);
      else if (stored !== undefined) this.instNames.set(id, stored); // read with the positions that hold it
      else ask.push(id);
    }
    for (let at = 0; at < ask.length; at += 500) {
      const chunk = ask.slice(at, at + 500);
      for (const r of await db.query<{ id: number; name: string }>(`SELECT id, name FROM institution WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) {
        this.instNames.set(Number(r.id), r.name);
      }
    }
    return this.instNames;
  }

  /** As the lookup in ArticleWriter.run (the source id's article first, else the lowest id), when every key was prefetched. */
  storedArticle(keys: string[]): { id: number; content_hash: string; extractor_version: string } | null | undefined {
    if (!keys.every((k) => this.prefetchedArticles.has(k))) return undefined;
    const found = keys.map((k) => this.articles.get(k));
    const bySource = keys.findIndex((k) => k.startsWith('i:'));
    if (bySource !== -1 && found[bySource]) return found[bySource]!;
    let best: { id: number; content_hash: string; extractor_version: string } | null = null;
    for (const v of found) if (v && (!best || v.id < best.id)) best = v;
    return best;
  }

  private setArticle(key: string, v: { id: number; content_hash: string; extractor_version: string }): void {
    this.articles.set(key, v);
    const keys = this.articleKeys.get(v.id);
    if (keys) keys.push(key); else this.articleKeys.set(v.id, [key]);
  }

  /** After an article was stored or replayed under these keys (lookupKeys). */
  storedNow(id: number, hash: string, keys: string[]): void {
    const v = { id, content_hash: hash, extractor_version: EXTRACTOR_VERSION };
    for (const k of this.articleKeys.get(id) ?? []) if (this.articles.get(k)?.id === id) this.articles.delete(k);
    this.articleKeys.delete(id);
    for (const k of keys) this.setArticle(k, v);
  }

  /**
   * The batch's new articles in one multi-row INSERT per 100 (PostgreSQL batches without savepoints: a round trip per
   * article was a quarter of a bulk ingest's statements). Only articles known to be new go in here, and only the first
   * of each slug; the others, and any whose slug is taken already, go one by one in their turn (slug, slug-2, …) as
   * before. Should any article of the batch fail, the whole transaction is rolled back and the batch runs again article
   * by article with savepoints, without this step.
   */
  async preInsertArticles(db: Db, tx: Tx, articles: ParsedArticle[]): Promise<void> {
    const keys = new Set<string>(), slugs = new Set<string>();
    const rows: Array<{ a: ParsedArticle; slug: string; fields: ReturnType<typeof articleFields> }> = [];
    for (const a of articles) {
      const hash = contentHash(a);
      const own = lookupKeys(a, hash);
      // A repeat or a replay of an earlier article of the batch finds that one stored when its turn comes.
      const repeat = own.some((k) => keys.has(k));
      for (const k of own) keys.add(k);
      if (repeat || this.storedArticle(own) !== null || this.preInserted.has(a)) continue;
      const slug = articleSlug(a);
      if (slugs.has(slug)) continue;
      slugs.add(slug);
      rows.push({ a, slug, fields: articleFields(a, hash) });
    }
    if (!rows.length) return;
    const cols = ['slug', ...Object.keys(rows[0].fields)] as Array<'slug' | keyof ReturnType<typeof articleFields>>;
    const stored = await db.insertManyReturning<{ id: number; slug: string }>('article', cols, rows.map((r) => cols.map((c) => (c === 'slug' ? r.slug : r.fields[c]))),
      ['id', 'slug'], tx, 'slug');
    const ids = new Map(stored.map((r) => [r.slug, Number(r.id)]));
    for (const r of rows) { const id = ids.get(r.slug); if (id != null) this.preInserted.set(r.a, id); }
  }

  /**
   * Resolves every institution name the batch's extractions use, in three statements for the whole batch (by name,
   * then by alias, then their known aliases), instead of up to three per institution and article.
   */
  async prefetchInstitutions(db: Db, tx: Tx, extractions: Extraction[]): Promise<void> {
    const names = new Set<string>();
    for (const x of extractions) {
      for (const i of x.institutions) { names.add(i.name); if (i.parent) names.add(i.parent); }
      for (const p of x.persons) for (const pos of p.positions) if (pos.institution) names.add(pos.institution);
      for (const e of x.events) { for (const o of e.organizers) names.add(o); for (const pa of e.participants) if (pa.institution) names.add(pa.institution); }
    }
    if (this.deferred) await this.prefetchSlugs(db, tx, 'institution', [...names]);
    const keys = [...new Set([...names].map(nameKey))].filter((k) => k && !this.institutions.has(k) && !this.absentInstitutions.has(k));
    for (let at = 0; at < keys.length; at += 500) {
      const chunk = keys.slice(at, at + 500);
      const marks = chunk.map(() => '?').join(', ');
      const found = new Map<string, number>();
      for (const r of await db.query<{ id: number; m: number | null; k: string }>(`SELECT id, merged_into_id AS m, name_key AS k FROM institution WHERE name_key IN (${marks})`, chunk, tx)) {
        found.set(r.k, Number(r.m ?? r.id));
      }
      const rest = chunk.filter((k) => !found.has(k));
      if (rest.length) {
        // As institution(): by alias, the lowest id first.
        for (const r of await db.query<{ id: number; m: number | null; k: string }>(`SELECT i.id, i.merged_into_id AS m, a.alias_key AS k FROM institution_alias a
            JOIN institution i ON i.id = a.institution_id WHERE a.alias_key IN (${rest.map(() => '?').join(', ')}) ORDER BY i.id`, rest, tx)) {
          if (!found.has(r.k)) found.set(r.k, Number(r.m ?? r.id));
        }
      }
      const ids = [...new Set(found.values())];
      const known = new Map<number, Set<string>>(ids.map((id) => [id, new Set<string>()]));
      if (ids.length) {
        for (const r of await db.query<{ iid: number; k: string }>(`SELECT institution_id AS iid, alias_key AS k FROM institution_alias WHERE institution_id IN (${ids.map(() => '?').join(', ')})`, ids, tx)) {
          known.get(Number(r.iid))?.add(r.k);
        }
        // PostgreSQL: their names and aliases too, which new aliases extend in memory until the batch's end.
        if (this.deferred) {
          for (const r of await db.query<{ id: number; name: string; aliases: string }>(`SELECT id, name, aliases FROM institution WHERE id IN (${ids.map(() => '?').join(', ')})`, ids, tx)) {
            this.storedInstitutions.set(Number(r.id), { name: r.name, aliases: JSON.parse(r.aliases) as string[] });
          }
        }
      }
      for (const k of chunk) {
        const id = found.get(k);
        if (id == null) this.absentInstitutions.add(k);
        else this.institutions.set(k, { id, known: known.get(id)! });
      }
    }
  }
}

/** Persists one article's extraction. Runs inside `db.transaction`. */
export class ArticlePersister {
  private created = zero();
  private linked = zero();
  private instIds = new Map<string, number>();
  private placeIds = new Map<string, number>();
  private personIds = new Map<string, number>();
  private date: string | null;
  private eventIds = new Set<number>();
  /** Records created here, or whose names, aliases or positions changed: their search documents need rebuilding. */
  private changed: DocRef[] = [];
  private articleId: number | null = null;
  /** The article existed (an older extraction or older content) and was replayed. */
  private replayed = false;

  constructor(private db: Db, private tx: Tx, private a: ParsedArticle, private x: ResolvedExtraction, private batch = new BatchCache()) {
    this.date = a.publishedOn;
  }

  async run(): Promise<IngestResult> {
    const { db, tx, a } = this;
    const hash = contentHash(a);
    const keys = lookupKeys(a, hash);
    const known = this.batch.storedArticle(keys);
    // The article its source's id names, whatever its text now (a correction); else the same text or URL.
    const sid = a.sourceId ?? null;
    const existing = known !== undefined ? known : await db.one<{ id: number; content_hash: string; extractor_version: string }>(
      `SELECT id, content_hash, extractor_version FROM article WHERE content_hash = ? OR (source_url IS NOT NULL AND source_url = ?)
        OR (source_id IS NOT NULL AND source_id = ?) ORDER BY CASE WHEN source_id = ? THEN 0 ELSE 1 END, id LIMIT 1`, [hash, a.sourceUrl ?? null, sid, sid], tx);
    if (existing && existing.content_hash === hash && existing.extractor_version === EXTRACTOR_VERSION) {
      return { status: 'unchanged', articleId: Number(existing.id), created: zero(), linked: zero() };
    }
    const fields = articleFields(a, hash);
    let articleId: number;
    if (existing) {
      // Replay: a newer extractor, or the same URL with new content. What this article's last extraction wrote goes;
      // mentions an editor confirmed or rejected stay (their spans are skipped below), and so do the entities,
      // which other articles may share.
      articleId = Number(existing.id);
      this.replayed = true;
      await this.batch.flushDeferred(db, tx); // the replay reads and clears this article's rows
      await this.clearExtraction(articleId);
      const cols = Object.keys(fields) as Array<keyof typeof fields>;
      await db.exec(`UPDATE article SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`, [...cols.map((c) => fields[c]), articleId], tx);
      // Reviewed mentions stay through a replay; they take the article's date as it is now.
      await db.exec('UPDATE mention SET article_date = ? WHERE article_id = ?', [a.publishedOn ?? '0001-01-01', articleId], tx);
    } else {
      const pre = this.batch.preInserted.get(a);
      this.batch.preInserted.delete(a);
      articleId = pre ?? await this.insertWithSlug('article', articleSlug(a), fields);
    }
    this.batch.storedNow(articleId, hash, keys);

    this.articleId = articleId;
    const mentions: Array<{ type: EntityType; id: number; start: number; end: number; text: string; confidence: number }> = [];

    // Institutions named in the text, then their parents.
    for (const i of this.x.institutions) {
      const id = await this.institution(i.name, i.kind, [i.acronym, ...i.aliases], i.regionCode);
      for (const m of i.mentions) mentions.push({ type: EntityType.INSTITUTION, id, ...m, confidence: 0.9 });
    }
    for (const i of this.x.institutions) {
      if (!i.parent) continue;
      const parentId = await this.institution(i.parent, kindOfInstitution(i.parent), [], null);
      const childId = this.instIds.get(nameKey(i.name))!;
      const pending = this.batch.pendingRows.get('institution')!.get(childId);
      const at = INSTITUTION_COLS.indexOf('parent_id');
      if (pending) { if (pending[at] == null) pending[at] = parentId; }
      else await db.exec('UPDATE institution SET parent_id = ? WHERE id = ? AND parent_id IS NULL', [parentId, childId], tx);
    }

    // Places.
    for (const p of this.x.places) {
      const id = await this.place(p.name, p.kind, p.code, p.parent);
      for (const m of p.mentions) mentions.push({ type: EntityType.PLACE, id, ...m, confidence: p.code ? 0.95 : 0.8 });
    }

    // Persons with their positions.
    for (const p of this.x.persons) {
      const id = await this.person(p, articleId);
      for (const m of p.mentions) mentions.push({ type: EntityType.PERSON, id, ...m, confidence: m.text.includes(' ') ? 0.9 : 0.7 });
    }

    // Known aliases no stage took (initials, curated one-word nicknames): mentions of the one stored person the registry or the curated
    // list gives them to; never a new person.
    const probeKeys = [...new Set(this.x.aliasProbes.map((q) => personKey(q.text)))];
    if (probeKeys.length) {
      const byAlias = new Map<string, number[]>();
      await this.batch.peopleByAlias(db, tx, probeKeys);
      for (const k of probeKeys) byAlias.set(k, this.batch.personByAlias.get(k) ?? []);
      const curatedKeys = probeKeys.map((k) => CURATED_NICKNAMES.get(k)).filter((k): k is string => !!k);
      if (curatedKeys.length) await this.batch.peopleByName(db, tx, curatedKeys);
      for (const q of this.x.aliasProbes) {
        const k = personKey(q.text);
        const curated = CURATED_NICKNAMES.get(k);
        const ids = [...new Set([...byAlias.get(k)!, ...(curated ? this.batch.personCandidates.get(curated) ?? [] : [])])];
        if (ids.length !== 1) continue;
        mentions.push({ type: EntityType.PERSON, id: ids[0], ...q, confidence: 0.6 });
      }
    }

    // Events with organisers and participations (candidates from the batch's store; an article outside the batch's
    // prefetch, such as one ingested alone or after a rollback, reads its own).
    if (this.x.events.length && !this.batch.eventsCover(this.x)) await this.batch.prefetchEvents(db, tx, [this.x]);
    for (const e of this.x.events) {
      const id = await this.event(e, articleId);
      this.eventIds.add(id);
      for (const m of e.mentions) mentions.push({ type: EntityType.EVENT, id, ...m, confidence: 0.85 });
    }

    const seen = new Set<string>();
    if (existing) {
      for (const r of await db.query<{ entity_type: string; start: number; end: number }>('SELECT entity_type, start, "end" FROM mention WHERE article_id = ?', [articleId], tx)) {
        seen.add(`${r.entity_type}:${r.start}:${r.end}`);
      }
    }
    const mentionRows: unknown[][] = [];
    const articleDate = a.publishedOn ?? '0001-01-01';
    for (const m of mentions) {
      const k = `${m.type}:${m.start}:${m.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      mentionRows.push([articleId, m.type, m.id, m.start, m.end, m.text.slice(0, 500), m.confidence, EXTRACTOR_VERSION, ReviewStatus.SUGGESTED, articleDate]);
    }
    await this.insertRows('mention', ['article_id', 'entity_type', 'entity_id', 'start', 'end', 'text', 'confidence', 'extractor_version', 'status', 'article_date'], mentionRows);

    const quoteStarts = new Set<number>();
    const quoteRows: unknown[][] = [];
    for (const q of this.x.quotes) {
      if (quoteStarts.has(q.start)) continue;
      quoteStarts.add(q.start);
      const pid = q.speaker ? this.personIds.get(personKey(q.speaker)) ?? null : null;
      quoteRows.push([articleId, pid, q.speaker, q.text, q.start, q.end]);
    }
    await this.insertRows('quote', ['article_id', 'person_id', 'speaker_name', 'text', 'start', 'end'], quoteRows);
    for (const u of this.x.unresolved) {
      const ids = u.candidates.map((c) => this.personIds.get(personKey(c))).filter((id): id is number => id != null);
      if (ids.length < 2) continue;
      await this.insertRows('unresolved_mention', UNRESOLVED_COLS, [[articleId, u.start, u.end, u.text.slice(0, 200), JSON.stringify(ids), EXTRACTOR_VERSION]], UNRESOLVED_KEY);
    }
    return { status: existing ? 'reextracted' : 'new', articleId, created: this.created, linked: this.linked };
  }

  /**
   * The records whose search documents this ingest changed: the article, its events, and the people, institutions and
   * places it created or gave new names, aliases or positions (linking alone changes no document). They are rebuilt
   * in the same transaction.
   */
  touched(): DocRef[] {
    if (this.articleId == null) return [];
    const created = this.batch.created;
    const refs: DocRef[] = [
      { kind: 'ARTICLE', id: this.articleId, fresh: !this.replayed },
      ...[...this.eventIds].map((id) => ({ kind: 'EVENT' as const, id })),
      ...this.changed,
    ];
    return refs.map((r) => (r.fresh || !created.has(`${r.kind}:${r.id}`) ? r : { ...r, fresh: true }));
  }

  /** Removes what an earlier extraction of this article wrote and an editor has not reviewed. */
  private async clearExtraction(articleId: number): Promise<void> {
    const { db, tx } = this;
    await db.exec('DELETE FROM mention WHERE article_id = ? AND status = ?', [articleId, ReviewStatus.SUGGESTED], tx);
    await db.exec('DELETE FROM quote WHERE article_id = ?', [articleId], tx);
    await db.exec('DELETE FROM unresolved_mention WHERE article_id = ?', [articleId], tx);
    // Automatic merges this article made are made again by the replay (with today's reasons); undone ones stay as history.
    await db.exec('DELETE FROM person_merge WHERE article_id = ? AND merged_person_id IS NULL AND undone_at IS NULL', [articleId], tx);
    await db.exec('DELETE FROM participation WHERE evidence_article_id = ?', [articleId], tx);
    await db.exec('DELETE FROM article_event WHERE article_id = ?', [articleId], tx);
  }

  /**
   * Inserts a row under the first free slug of `base`, `base-2`, … in one statement per try (the slug's unique
   * index decides; other unique columns still raise).
   */
  private async insertWithSlug(table: string, base: string, values: Record<string, unknown>): Promise<number> {
    // Forms found taken earlier in the batch stay taken (nothing frees a slug meanwhile): the search resumes after
    // them. A common base ("2025 konferensi pers") otherwise costs one failed insert per earlier event of that name.
    const floor = `${table}|${base}`;
    for (let n = this.batch.slugFloor.get(floor) ?? 1; ; n++) {
      const id = await this.db.insertUnless(table, { slug: slugForm(base, n), ...values }, 'slug', this.tx);
      if (id != null) { this.batch.slugFloor.set(floor, n + 1); return id; }
    }
  }

  /** Finds an institution by canonical name or any alias; creates it with its aliases if new. */
  async institution(name: string, kind: InstitutionKind, forms: Array<string | null>, regionCode: string | null): Promise<number> {
    const key = nameKey(name);
    const cached = this.instIds.get(key);
    if (cached) return cached;
    const { db, tx } = this;
    const aliasKeys = [...new Set([key, ...forms.filter((f): f is string => !!f && f.length >= 3).map(nameKey)])];
    let entry = this.batch.institutions.get(key);
    let existed = true;
    if (entry) this.linked.institutions++;
    else {
      // Known absent when the batch began, and not created since (it would be in the cache): no lookups needed.
      const absent = this.batch.absentInstitutions.has(key);
      let row = absent ? null : await db.one<{ id: number; merged_into_id: number | null }>('SELECT id, merged_into_id FROM institution WHERE name_key = ?', [key], tx);
      if (!row && !absent) {
        await this.flushAliases();
        row = await db.one<{ id: number; merged_into_id: number | null }>(
          `SELECT i.id, i.merged_into_id FROM institution_alias a JOIN institution i ON i.id = a.institution_id WHERE a.alias_key = ? ORDER BY i.id LIMIT 1`, [key], tx);
      }
      let id: number;
      if (row) {
        id = Number(row.merged_into_id ?? row.id);
        this.linked.institutions++;
      } else {
        existed = false;
        const acronym = forms.find((f) => !!f && /^[\p{Lu}][\p{L}\d-]{1,14}$/u.test(f) && /\p{Lu}.*\p{Lu}|^[\p{Lu}][\p{Ll}]+$/u.test(f)) ?? null;
        const aliases = forms.filter((f): f is string => !!f && f !== name);
        const slug = this.batch.deferred ? this.batch.claimSlug('institution', slugify(name)) : null;
        if (slug) {
          id = await this.batch.nextId(db, tx, 'institution');
          const row = [id, slug, name, key, acronym, JSON.stringify(aliases), kind, null, regionCode, null];
          await this.insertRows('institution', [...INSTITUTION_COLS], [row]);
          this.batch.pendingRows.get('institution')!.set(id, row);
        } else {
          // Deferred institutions hold their slugs only in memory: they go in first, so that the slug search sees them.
          await this.batch.flushDeferred(db, tx, 'institution');
          id = await this.insertWithSlug('institution', slugify(name), { name, name_key: key, acronym, aliases, kind, parent_id: null, region_code: regionCode, merged_into_id: null });
        }
        this.created.institutions++;
        this.changed.push({ kind: 'INSTITUTION', id, fresh: true });
        this.batch.created.add(`INSTITUTION:${id}`);
      }
      // A new institution has no aliases yet.
      if (existed) await this.flushAliases();
      entry = { id, known: existed ? new Set((await db.query<{ alias_key: string }>('SELECT alias_key FROM institution_alias WHERE institution_id = ?', [id], tx)).map((r) => r.alias_key)) : new Set() };
      this.batch.institutions.set(key, entry);
    }
    const id = entry.id;
    const newForms: string[] = [];
    for (const k of aliasKeys) {
      if (entry.known.has(k)) continue;
      entry.known.add(k);
      this.batch.absentInstitutions.delete(k); // a later article's lookup of this key finds it now
      newForms.push(k);
    }
    await this.insertRows('institution_alias', ['alias_key', 'institution_id'], newForms.map((k) => [k, id]));
    if (existed && newForms.length) {
      const pending = this.batch.pendingRows.get('institution')!.get(id);
      const stored = this.batch.storedInstitutions.get(id);
      const at = { aliases: INSTITUTION_COLS.indexOf('aliases'), name: INSTITUTION_COLS.indexOf('name') };
      const cur = pending ? { aliases: JSON.parse(pending[at.aliases] as string) as string[], name: pending[at.name] as string }
        : stored ? { aliases: [...stored.aliases], name: stored.name }
          : await db.one<{ aliases: string; name: string }>('SELECT aliases, name FROM institution WHERE id = ?', [id], tx)
            .then((r) => ({ aliases: JSON.parse(r!.aliases) as string[], name: r!.name }));
      const list = cur.aliases;
      for (const f of forms) if (f && f !== cur.name && !list.includes(f)) list.push(f);
      if (pending) pending[at.aliases] = JSON.stringify(list);
      else if (stored) { stored.aliases = list; this.batch.aliasesChanged.add(id); }
      else await db.exec('UPDATE institution SET aliases = ? WHERE id = ?', [JSON.stringify(list), id], tx);
      this.changed.push({ kind: 'INSTITUTION', id });
    }
    if (!this.batch.instNames.has(id)) this.batch.instNames.set(id, name);
    this.instIds.set(key, id);
    return id;
  }

  /** Regions by official code (with their province as parent); other places by name, kind and parent. */
  async place(name: string, kind: PlaceKind, code: string | null, parentName: string | null): Promise<number> {
    const k = `${kind}:${code ?? nameKey(name)}:${parentName ?? ''}`;
    const cached = this.placeIds.get(k);
    if (cached) return cached;
    const earlier = this.batch.places.get(k);
    if (earlier) { this.linked.places++; this.placeIds.set(k, earlier); return earlier; }
    const { db, tx } = this;
    // A region is found by its official code alone; its parent is looked up only to create it.
    const cachedCode = code ? this.batch.placesByCode.get(code) : undefined;
    // Waiting places are written before any lookup in the table (the batch's own lookups come from its prefetch).
    const flush = () => this.batch.flushDeferred(db, tx, 'place');
    const byCode = !code ? null : cachedCode !== undefined ? (cachedCode == null ? null : { id: cachedCode })
      : (await flush(), await db.one<{ id: number }>('SELECT id FROM place WHERE region_code = ?', [code], tx));
    let parentId: number | null = null;
    if (parentName && !byCode) {
      const parentKind = kind === PlaceKind.VENUE ? null : PlaceKind.PROVINCE;
      const known = this.batch.knownPlace(nameKey(parentName), parentKind ? [parentKind] : [PlaceKind.REGENCY, PlaceKind.CITY, PlaceKind.PROVINCE]);
      if (known === undefined) await flush();
      const pr = known !== undefined ? (known == null ? null : { id: known }) : parentKind
        ? await db.one<{ id: number }>('SELECT id FROM place WHERE name_key = ? AND kind = ?', [nameKey(parentName), parentKind], tx)
        : await db.one<{ id: number }>(`SELECT id FROM place WHERE name_key = ? AND kind IN ('REGENCY', 'CITY', 'PROVINCE') ORDER BY region_code LIMIT 1`, [nameKey(parentName)], tx);
      parentId = pr ? Number(pr.id) : null;
      if (!parentId && parentKind === PlaceKind.PROVINCE && code) {
        parentId = await this.place(parentName, PlaceKind.PROVINCE, code.split('.')[0], null);
      }
    }
    const known = code ? undefined : this.batch.knownPlace(nameKey(name), [kind], parentId ?? 0);
    if (!code && known === undefined) await flush();
    const row = code
      ? byCode
      : known !== undefined ? (known == null ? null : { id: known })
        : await db.one<{ id: number }>('SELECT id FROM place WHERE name_key = ? AND kind = ? AND scope_key = ?', [nameKey(name), kind, parentId ?? 0], tx);
    let id: number;
    if (row) { id = Number(row.id); this.linked.places++; }
    else {
      const base = placeSlug(name, kind, code);
      const slug = this.batch.deferred ? this.batch.claimSlugSeries('place', base) : null;
      if (slug) {
        id = await this.batch.nextId(db, tx, 'place');
        const row = [id, slug, name, nameKey(name), kind, parentId, parentId ?? 0, code];
        await this.insertRows('place', [...PLACE_COLS], [row]);
        this.batch.pendingRows.get('place')!.set(id, row);
      } else {
        await flush();
        id = await this.insertWithSlug('place', base, { name, name_key: nameKey(name), kind, parent_id: parentId, scope_key: parentId ?? 0, region_code: code });
      }
      this.created.places++;
      this.changed.push({ kind: 'PLACE', id, fresh: true });
      this.batch.created.add(`PLACE:${id}`);
      this.batch.placeCreated(nameKey(name), id, kind, parentId ?? 0);
      if (code && this.batch.placesByCode.has(code)) this.batch.placesByCode.set(code, id);
    }
    this.placeIds.set(k, id);
    this.batch.places.set(k, id);
    return id;
  }

  /**
   * Resolve (ingest/resolve/persons.ts) and persist one person of the article: candidates by blocking, a decision on
   * the evidence, then a link (with the merge and its reason recorded unless the names are equal) or a new person
   * (with the candidates left for an editor when the decision was ambiguous). Nicknames the article declares go into
   * the alias registry of the person.
   */
  async person(p: RPerson, articleId: number): Promise<number> {
    const key = personKey(p.name);
    const cached = this.personIds.get(key);
    if (cached) return cached;
    const { db, tx, batch } = this;
    const positionInsts: number[] = [];
    for (const pos of p.positions) {
      if (pos.institution) positionInsts.push(await this.institution(pos.institution, kindOfInstitution(pos.institution), [], null));
    }
    const block = blockingKeys(p);
    const exactIds = await batch.peopleByName(db, tx, [key]);
    // The common case decides itself: one stored person of this very name, no nickname declared, and positions on at
    // most one side (so no conflict of offices is possible); everything else is scored (decide()).
    let decision: Decision | null = null;
    if (exactIds.length === 1 && !p.declared.length) {
      await batch.ensurePositions(db, tx, exactIds);
      if (!p.positions.length || !batch.positions.get(exactIds[0])!.length) decision = { id: exactIds[0], method: 'EXACT', score: 1, reason: 'same name', ambiguous: [] };
    }
    decision ??= await this.decide(p, key, block, exactIds, positionInsts);
    let id = decision.id;
    if (id != null) {
      this.linked.persons++;
      const info = batch.personInfo.get(id)!;
      const cachedAliases = batch.personAliases.get(id);
      // The lookups that found a stored person read its aliases too (those the batch changed are in personAliases).
      const raw = cachedAliases ? null : batch.storedPersonAliases.get(id);
      const list: string[] = cachedAliases ?? JSON.parse(raw ?? (await db.one<{ aliases: string }>('SELECT aliases FROM person WHERE id = ?', [id], tx))!.aliases);
      // A fuller name than the stored one becomes the name ("Rina Wulandari" stored, "Rina Wulandari Kusuma" now); the shorter stays an alias.
      // Not when the extra words name a place or an institution of the article ("Saiful Ilah Sidoarjo": a scraped run-on).
      const longer = decision.method !== 'EXACT' && key.split(' ').length > info.key.split(' ').length && !isInitialism(p.name);
      const placeWords = () => new Set([...this.x.places.map((q) => q.name), ...this.x.institutions.map((q) => q.name)].flatMap((n) => nameKey(n).split(' ')));
      const upgrade = longer && ((pw) => !key.split(' ').some((t) => !info.key.split(' ').includes(t) && pw.has(t)))(placeWords());
      const oldName = info.name;
      const add = [...(p.name !== info.name ? [p.name] : []), ...p.aliases, ...p.declared, ...(upgrade ? [oldName] : [])]
        .filter((f, i, all) => f !== (upgrade ? p.name : info.name) && !list.includes(f) && all.indexOf(f) === i);
      const aliases = [...list.filter((f) => !(upgrade && f === p.name)), ...add];
      batch.personAliases.set(id, aliases);
      const pending = batch.pendingRows.get('person')!.get(id);
      if (upgrade) {
        if (pending) { pending[PERSON_COLS.indexOf('name')] = p.name; pending[PERSON_COLS.indexOf('name_key')] = key; }
        else await db.exec('UPDATE person SET name = ?, name_key = ? WHERE id = ?', [p.name, key, id], tx);
        const was = batch.personCandidates.get(info.key);
        if (was) batch.personCandidates.set(info.key, was.filter((x) => x !== id));
        batch.personCandidates.get(key)?.push(id);
        const newParts = nameParts(key).filter((t) => !nameParts(info.key).includes(t));
        for (const t of newParts) {
          await db.exec('INSERT INTO person_name_part (token, person_id) VALUES (?, ?) ON CONFLICT (token, person_id) DO NOTHING', [t, id], tx);
          batch.personByPart.get(t)?.push(id);
        }
        info.name = p.name; info.key = key;
      }
      if (add.length || upgrade) {
        if (pending) pending[PERSON_COLS.indexOf('aliases')] = JSON.stringify(aliases);
        // A deferring batch writes a stored person's aliases once, at its end (it reads them from personAliases meanwhile).
        else if (batch.deferred) batch.personAliasesChanged.add(id);
        else await db.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify(aliases), id], tx);
        this.changed.push({ kind: 'PERSON', id });
      }
      if (decision.ambiguous.length && p.mentions.length) {
        const m = p.mentions[0];
        await this.insertRows('unresolved_mention', UNRESOLVED_COLS, [[articleId, m.start, m.end, m.text.slice(0, 200), JSON.stringify([id, ...decision.ambiguous]), EXTRACTOR_VERSION]],
          UNRESOLVED_KEY);
      }
      if (decision.method !== 'EXACT') {
        await this.insertRows('person_merge', PERSON_MERGE_COLS, [[id, null, articleId, p.name.slice(0, 200), decision.method, decision.reason, decision.score,
          JSON.stringify({ spans: p.mentions.map((m) => [m.start, m.end]), titles: p.positions.map((q) => q.title), storedName: oldName })]]);
      }
    } else {
      const values = { name: p.name, name_key: key, aliases: p.aliases, merged_into_id: null };
      const slug = batch.deferred ? batch.claimSlug('person', slugify(p.name)) : null;
      if (slug) {
        id = await batch.nextId(db, tx, 'person');
        const row = [id, slug, p.name, key, JSON.stringify(p.aliases), null];
        await this.insertRows('person', [...PERSON_COLS], [row]);
        batch.pendingRows.get('person')!.set(id, row);
        batch.personAliases.set(id, p.aliases);
      } else {
        // Deferred people hold their slugs only in memory: they go in first, so that the slug search sees them.
        await batch.flushDeferred(db, tx, 'person');
        id = await this.insertWithSlug('person', slugify(p.name), values);
      }
      const parts = nameParts(key);
      // One statement for the person's parts (SQLite; a deferring batch writes them with its other rows).
      if (batch.deferred) await this.insertRows('person_name_part', ['token', 'person_id'], parts.map((t) => [t, id]));
      else if (parts.length) await db.exec(`INSERT INTO person_name_part (token, person_id) VALUES ${parts.map(() => '(?, ?)').join(', ')}`, parts.flatMap((t) => [t, id]), tx);
      for (const t of parts) batch.personByPart.get(t)?.push(id);
      batch.personInfo.set(id, { name: p.name, key });
      this.created.persons++;
      this.changed.push({ kind: 'PERSON', id, fresh: true });
      batch.created.add(`PERSON:${id}`);
      batch.personCandidates.get(key)?.push(id);
      batch.positions.set(id, []);
      // Not guessed: the candidates stay beside the new person for an editor (Article.unresolved).
      if (decision.ambiguous.length && p.mentions.length) {
        const m = p.mentions[0];
        await this.insertRows('unresolved_mention', UNRESOLVED_COLS, [[articleId, m.start, m.end, m.text.slice(0, 200), JSON.stringify([id, ...decision.ambiguous]), EXTRACTOR_VERSION]],
          UNRESOLVED_KEY);
      }
    }
    // The alias registry learns the nicknames this article declares; later articles resolve them.
    const info = batch.personInfo.get(id)!;
    for (const d of p.declared) {
      const k = personKey(d);
      if (!k || k === info.key || batch.personByAlias.get(k)?.includes(id)) continue;
      await db.exec('INSERT INTO person_alias (person_id, alias, alias_key, kind, article_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (alias_key, person_id) DO NOTHING',
        [id, d.slice(0, 200), k, 'DECLARED', articleId], tx);
      const known = batch.personByAlias.get(k);
      if (known) known.push(id); else if (batch.deferred) batch.personByAlias.set(k, [id]);
    }
    // Positions: the same title at the same institution widens its dates; a new one is added, never overwritten.
    for (const [i, pos] of p.positions.entries()) {
      const instId = pos.institution ? positionInsts[p.positions.slice(0, i).filter((q) => q.institution).length] : null;
      const mine = this.batch.positions.get(id);
      const same = mine ? mine.find((h) => h.title === pos.title && h.institution_id === instId) ?? null : await db.one<{ id: number; valid_from: string | null; valid_to: string | null }>(
        `SELECT id, valid_from, valid_to FROM position WHERE person_id = ? AND title = ? AND ${instId == null ? 'institution_id IS NULL' : 'institution_id = ?'} ORDER BY id LIMIT 1`,
        instId == null ? [id, pos.title] : [id, pos.title, instId], tx);
      if (same) {
        if (this.date) {
          const from = same.valid_from && same.valid_from < this.date ? same.valid_from : this.date;
          const to = same.valid_to && same.valid_to > this.date ? same.valid_to : this.date;
          const pending = 'pending' in same ? same.pending : undefined; // set until the deferred rows are written
          same.valid_from = from;
          same.valid_to = to;
          if (pending) { pending[POSITION_COLS.indexOf('valid_from')] = from; pending[POSITION_COLS.indexOf('valid_to')] = to; }
          // A deferring batch writes the widest dates once, at its end (nothing in it reads them from the table).
          else if (this.batch.deferred && mine) this.batch.widened.set(Number(same.id), same);
          else await db.exec('UPDATE position SET valid_from = ?, valid_to = ? WHERE id = ?', [from, to, same.id], tx);
        }
      } else {
        const values = { person_id: id, title: pos.title, institution_id: instId, valid_from: this.date, valid_to: this.date, evidence_article_id: articleId };
        // Deferred with the batch's other rows when the batch keeps every position it touches (nothing reads its id).
        const pending = this.batch.deferred && mine ? POSITION_COLS.map((c) => values[c]) : undefined;
        if (pending) await this.insertRows('position', [...POSITION_COLS], [pending]);
        const posId = pending ? null : await db.insert('position', values, tx);
        const entry = { id: posId, institution_id: instId, title: pos.title, valid_from: this.date, valid_to: this.date, pending };
        mine?.push(entry);
        if (pending) this.batch.pendingPositions.set(positionKey(id, pos.title, instId), entry);
        this.changed.push({ kind: 'PERSON', id });
      }
    }
    this.personIds.set(key, id);
    return id;
  }

  /** Candidates by blocking, their names, positions and institutions, and the scored decision (resolve/persons.ts). */
  private async decide(p: RPerson, key: string, block: Block, exactIds: number[], positionInsts: number[]): Promise<Decision> {
    const { db, tx, batch } = this;
    const ids = new Set<number>([...exactIds, ...await batch.peopleByName(db, tx, block.names), ...await batch.peopleByAlias(db, tx, block.aliases)]);
    // Shorter and longer forms (name parts) matter when the name itself is not stored yet, or only under a
    // namesake who cannot be this person.
    const withParts = async () => {
      // Outside the batch's prefetch, a deferring batch writes its people first, so that the table has them.
      if (batch.deferred && block.parts.some((t) => !batch.personByPart.has(t))) {
        await batch.flushDeferred(db, tx, 'person');
        await batch.flushDeferred(db, tx, 'person_name_part');
      }
      for (const id of await batch.peopleByPart(db, tx, block.parts)) ids.add(id);
    };
    if (!exactIds.length) await withParts();
    // Only candidates whose names can match at all are weighed (a shared common word such as "Budi" finds many).
    // Registry hits are what the alias lookup found; registries themselves are read only for the candidates kept.
    const byAlias = new Set(block.aliases.flatMap((k) => batch.personByAlias.get(k) ?? []));
    const named = (await batch.names(db, tx, [...ids])).filter((c) => byAlias.has(c.id) || c.key === key || block.curated === c.key || matchNames(key, c.key) != null
      || block.formKeys.includes(c.key));
    const infos = named.map((c) => ({ ...c, registry: new Map(block.aliases.filter((k) => batch.personByAlias.get(k)?.includes(c.id)).map((k) => [k, 'REGISTERED'])) }));
    await batch.ensurePositions(db, tx, infos.map((c) => c.id));
    const instIdsHeld = infos.flatMap((c) => batch.positions.get(c.id)!.map((h) => h.institution_id).filter((i): i is number => i != null));
    const names = await batch.institutionNames(db, tx, [...instIdsHeld, ...positionInsts]);
    let at = 0;
    const incoming: IncomingPerson = {
      name: p.name, key, formKeys: block.formKeys, curated: block.curated, articleInsts: new Set(this.instIds.values()),
      positions: p.positions.map((pos) => {
        const iid = pos.institution ? positionInsts[at++] : null;
        return { title: pos.title, institution_id: iid, institution: iid != null ? names.get(iid) ?? pos.institution : null };
      }),
    };
    const stored: StoredPerson[] = infos.map((c) => ({
      ...c, positions: batch.positions.get(c.id)!.map((h) => ({ title: h.title, institution_id: h.institution_id, institution: h.institution_id != null ? names.get(h.institution_id) ?? null : null })),
    }));
    let decision = decidePerson(incoming, stored);
    if (decision.id == null && exactIds.length && block.parts.length) {
      // Every namesake was ruled out: look at the other forms too.
      const before = ids.size;
      await withParts();
      if (ids.size > before) {
        const more = (await batch.names(db, tx, [...ids].filter((c) => !infos.some((i) => i.id === c)))).filter((c) => matchNames(key, c.key) != null);
        await batch.ensurePositions(db, tx, more.map((c) => c.id));
        const held = await batch.institutionNames(db, tx, more.flatMap((c) => batch.positions.get(c.id)!.map((h) => h.institution_id).filter((i): i is number => i != null)));
        stored.push(...more.map((c) => ({ ...c, registry: new Map<string, string>(),
          positions: batch.positions.get(c.id)!.map((h) => ({ title: h.title, institution_id: h.institution_id, institution: h.institution_id != null ? held.get(h.institution_id) ?? null : null })) })));
        decision = decidePerson(incoming, stored);
      }
    }
    return decision;
  }

  /** Same kind, same start date (or none) and a compatible name → the same event. */
  async event(e: XEvent, articleId: number): Promise<number> {
    const { db, tx } = this;
    const venueId = e.venue ? await this.place(e.venue, PlaceKind.VENUE, null, e.city) : null;
    const cityPlace = e.city ? this.x.places.find((p) => p.name === e.city && (p.kind === PlaceKind.REGENCY || p.kind === PlaceKind.CITY)) : undefined;
    const cityId = cityPlace ? await this.place(cityPlace.name, cityPlace.kind, cityPlace.code, cityPlace.parent) : null;
    // Resolve (ingest/resolve/events.ts): stored events of a related kind whose dates overlap, scored on name, place,
    // organisers and participants; the best one at or above the threshold is this event.
    const family = kindFamily(e.kind as EventKind);
    const organizerIds: number[] = [];
    for (const o of e.organizers) organizerIds.push(await this.institution(o, kindOfInstitution(o), [], null));
    const personIdsOf = new Set(e.participants.map((pa) => (pa.person ? this.personIds.get(personKey(pa.person)) : undefined)).filter((x): x is number => x != null));
    const end = e.endDate ?? e.startDate;
    const { batch } = this;
    const cands = batch.eventCandidates(family, e.startDate, end);
    const personNames = new Map<number, string>();
    for (const pa of e.participants) { const pid = pa.person ? this.personIds.get(personKey(pa.person)) : undefined; if (pid != null) personNames.set(pid, pa.person!); }
    const mine: EventSide = {
      name: e.name, forms: e.aliases, kind: e.kind as EventKind, startDate: e.startDate, endDate: e.endDate, venueId, cityId, organizers: new Set(organizerIds), persons: personIdsOf, personNames,
    };
    const empty = new Set<number>();
    const side = (c: StoredEvent, parties: boolean): EventCandidate => ({
      id: c.id, name: c.name, forms: [c.shortName, ...c.aliases].filter((f): f is string => !!f), kind: c.kind as EventKind,
      startDate: c.start, endDate: c.end, venueId: c.venue, cityId: c.city, organizers: parties ? c.organizers : empty, persons: parties ? c.persons : empty,
      personNames: parties ? c.personNames : undefined,
    });
    // Organisers and participants count only when they could still lift a candidate over the threshold (as when they
    // were read per event): the sides without them decide that.
    const bare = cands.map((c) => (c.bare ??= side(c, false)));
    const bareEvidence = bare.map((c) => eventEvidence(mine, c));
    const undecided = bareEvidence.some((ev) => !ev.conflict && ev.score < EVENT_LINK_THRESHOLD && ev.score + 0.5 >= EVENT_LINK_THRESHOLD);
    // Hearings always: whose hearing it was is told by the people in it (resolve/events.ts).
    const parties = cands.length > 0 && (undecided || e.kind === EventKind.HEARING) && (organizerIds.length > 0 || personIdsOf.size > 0);
    if (parties) await batch.loadEventParties(db, tx, cands);
    const evidence = parties ? cands.map((c) => eventEvidence(mine, (c.full ??= side(c, true)))) : bareEvidence;
    const scored = cands.map((c, i) => ({ c, ...evidence[i] })).filter((x) => !x.conflict && x.score >= EVENT_LINK_THRESHOLD).sort((x, y) => y.score - x.score || x.c.id - y.c.id);
    const sole = scored.length || !parties ? null : soleNamedGathering(mine, cands.map((c) => c.full!), evidence);
    const hit = scored[0]?.c ?? (sole ? cands.find((c) => c.id === sole.id) : undefined);
    let id: number;
    if (hit) {
      id = hit.id;
      this.linked.events++;
      const more = [e.name, ...e.aliases].filter((f) => f !== hit.name && !hit.aliases.includes(f));
      hit.aliases = [...hit.aliases, ...more];
      hit.start ??= e.startDate; hit.end ??= e.endDate; hit.venue ??= venueId; hit.city ??= cityId;
      if (hit.count == null && e.participantCount != null) { hit.count = e.participantCount; hit.countArticle = articleId; }
      hit.bare = hit.full = undefined;
      if (hit.pending) {
        const row = hit.pending, at = (c: typeof EVENT_COLS[number]) => EVENT_COLS.indexOf(c);
        row[at('aliases')] = JSON.stringify(hit.aliases); row[at('start_date')] = hit.start; row[at('end_date')] = hit.end; row[at('venue_id')] = hit.venue;
        row[at('city_id')] = hit.city; row[at('participant_count')] = hit.count; row[at('participant_count_article_id')] = hit.countArticle;
      } else if (batch.deferred) batch.eventsChanged.add(id);
      else {
        await db.exec(
          `UPDATE event SET aliases = ?, start_date = COALESCE(start_date, ?), end_date = COALESCE(end_date, ?), venue_id = COALESCE(venue_id, ?),
           city_id = COALESCE(city_id, ?), participant_count_article_id = CASE WHEN participant_count IS NULL AND CAST(? AS INTEGER) IS NOT NULL THEN CAST(? AS INTEGER) ELSE participant_count_article_id END,
           participant_count = COALESCE(participant_count, ?) WHERE id = ?`,
          [JSON.stringify(hit.aliases), e.startDate, e.endDate, venueId, cityId, e.participantCount, articleId, e.participantCount, id], tx);
      }
    } else {
      const shortName = e.aliases.slice().sort((x, y) => x.length - y.length)[0] ?? null;
      const base = eventSlug(e);
      const slug = batch.deferred ? batch.claimSlugSeries('event', base) : null;
      const values = {
        name: e.name, short_name: shortName, aliases: e.aliases, kind: e.kind as EventKind, start_date: e.startDate, end_date: e.endDate,
        venue_id: venueId, city_id: cityId, participant_count: e.participantCount, participant_count_article_id: e.participantCount != null ? articleId : null, merged_into_id: null,
      };
      let pending: unknown[] | undefined;
      if (slug) {
        id = await batch.nextId(db, tx, 'event');
        pending = EVENT_COLS.map((c) => (c === 'id' ? id : c === 'slug' ? slug : c === 'aliases' ? JSON.stringify(e.aliases) : values[c]));
        await this.insertRows('event', [...EVENT_COLS], [pending]);
      } else {
        // Deferred events hold their slugs only in memory: the waiting rows go in first, so that the slug search sees them.
        if (batch.deferred) await batch.flushDeferred(db, tx);
        id = await this.insertWithSlug('event', base, values);
      }
      batch.addEvent({ id, name: e.name, shortName, aliases: [...e.aliases], kind: e.kind, start: e.startDate, end: e.endDate, venue: venueId, city: cityId,
        count: e.participantCount, countArticle: e.participantCount != null ? articleId : null, organizers: new Set(), persons: new Set(), personNames: new Map(), partiesLoaded: true, pending });
      this.created.events++;
      batch.created.add(`EVENT:${id}`);
    }
    const stored = batch.events.get(id)!;
    await this.insertRows('article_event', ['article_id', 'event_id'], [[articleId, id]], ['article_id', 'event_id']);
    for (const o of e.organizers) {
      const iid = await this.institution(o, kindOfInstitution(o), [], null);
      await this.insertRows('event_organizer', ['event_id', 'institution_id'], [[id, iid]], ['event_id', 'institution_id']);
      stored.organizers.add(iid); // the full side holds this very set
    }
    for (const part of e.participants) {
      const pid = part.person ? this.personIds.get(personKey(part.person)) : undefined;
      const iid = part.institution ? await this.institution(part.institution, kindOfInstitution(part.institution), [], null) : undefined;
      if (pid == null && iid == null) continue;
      await this.insertRows('participation', ['event_id', 'person_id', 'institution_id', 'party_key', 'role', 'evidence_article_id'],
        [[id, pid ?? null, iid ?? null, pid != null ? `p:${pid}` : `i:${iid}`, part.role as ParticipationRole, articleId]], ['event_id', 'party_key', 'role']);
      if (pid != null) { stored.persons.add(pid); stored.personNames.set(pid, part.person!); }
    }
    return id;
  }

  /** Deferred alias rows reach the table before it is read (rare: the batch's lookups mostly come from its prefetch). */
  private async flushAliases(): Promise<void> {
    // The alias lookups join institution: deferred institutions go in first.
    await this.batch.flushDeferred(this.db, this.tx, 'institution');
    await this.batch.flushDeferred(this.db, this.tx, 'institution_alias');
  }

  /** Rows now, or at the end of the batch when it defers them. */
  private async insertRows(table: string, cols: string[], rows: unknown[][], conflict?: string[]): Promise<void> {
    const later = this.batch.deferred;
    if (!later) { await this.db.insertMany(table, cols, rows, this.tx, conflict); return; }
    let d = later.get(table);
    if (!d) later.set(table, (d = { cols, rows: [], conflict }));
    d.rows.push(...rows);
  }
}
