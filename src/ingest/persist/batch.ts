import type { Tx } from '../../db/tx';
import { EXTRACTOR_VERSION } from '../../config';
import { Db } from '../../db/database';
import { UNMERGED } from '../../db/columns';
import { EventKind } from '../../entities/enums';
import type { Extraction } from '../extract';
import type { ResolvedExtraction } from '../resolve/article';
import { matchNames } from '../resolve/names';
import { CURATED_NICKNAMES } from '../resolve/nicknames';
import { EVENT_DATE_SLACK_DAYS, kindFamily, shiftDate } from '../resolve/events';
import type { ParsedArticle } from '../parse';
import { nameKey, personKey } from '../../text/normalize';
import { articleFields, INSTITUTION_COLS } from './columns';
import type { StoredEvent } from './columns';
import { contentHash, lookupKeys, blockingKeys, articleSlug, slugForm } from './keys';
import { DeferredWrites } from './deferred';

/** Stored people sharing a name word above which the word is not used for blocking. */
const COMMON_NAME_PART = 25;


/**
 * What the articles of one ingest batch (one transaction) have already resolved: institutions by canonical name with
 * their alias keys, and places. Later articles of the batch skip those lookups. Cleared when an article of the batch
 * is rolled back, since entries may point at rows it created.
 */
export class BatchCache extends DeferredWrites {
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
   * Stored events of the kinds and dates the batch's events may link to, read once per batch (prefetchEvents) and kept
   * current as the batch creates and links events: the per-event candidate query, with its organisers and participants
   * and a JSON.parse per candidate, had become most of a PostgreSQL batch's statements.
   */
  readonly events = new Map<number, StoredEvent>();
  private readonly eventsByKind = new Map<string, StoredEvent[]>();
  /** Extractions whose events the store covers (a savepoint rollback empties it, and each article then asks for its own). */
  private eventsCovered = new WeakSet<object>();
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
    const kindList = db.inList(kinds);
    for (let at = 0; at === 0 || at < ranges.length; at += 200) {
      const chunk = db.inList(ranges.slice(at, at + 200));
      for (const r of await db.query<{ id: number; name: string; aliases: string; short_name: string | null; kind: string; start_date: string | null; end_date: string | null;
        venue_id: number | null; city_id: number | null; pc: number | null; pca: number | null }>(
        `SELECT id, name, aliases, short_name, kind, start_date, end_date, venue_id, city_id, participant_count AS pc, participant_count_article_id AS pca FROM event
          WHERE kind IN (${kindList.map(() => '?').join(', ')}) AND merged_into_id IS NULL
          AND (start_date IS NULL${chunk.map(() => ' OR (start_date <= ? AND COALESCE(end_date, start_date) >= ?)').join('')})`, [...kindList, ...chunk.flat()], tx)) {
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
      const chunk = db.inList(ask.slice(at, at + 500).map((ev) => ev.id));
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
      const chunk = db.inList(keys.slice(at, at + 500));
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


  /** Stored people's aliases as the lookups read them (JSON, parsed when the person is linked). */
  readonly storedPersonAliases = new Map<number, string>();
  /** Names of the institutions held by the people whose positions were read (canonical, as stored). */
  readonly storedInstNames = new Map<number, string>();

  /** The stored articles and the people the batch's articles may be, in two statements (per 500) for the whole batch. */
  async prefetchArticlesAndPeople(db: Db, tx: Tx, articles: Array<{ a: ParsedArticle; x: Extraction }>): Promise<void> {
    const hashes = [...new Set(articles.map(({ a }) => contentHash(a)))];
    const urls = [...new Set(articles.map(({ a }) => a.sourceUrl).filter((u): u is string => !!u))];
    const sids = [...new Set(articles.map(({ a }) => a.sourceId).filter((u): u is string => !!u))];
    for (let at = 0; at < Math.max(hashes.length, urls.length, sids.length); at += 500) {
      const h = db.inList(hashes.slice(at, at + 500)), u = db.inList(urls.slice(at, at + 500)), i = db.inList(sids.slice(at, at + 500));
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
      const ask = db.inList(chunk);
      for (const r of await db.query<{ id: number; k: string; aliases: string; name: string }>(`SELECT id, name_key AS k, aliases, name FROM person WHERE name_key IN (${ask.map(() => '?').join(', ')})
          AND ${UNMERGED('person')} ORDER BY id`, ask, tx)) {
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
      const ask = db.inList(chunk);
      for (const r of await db.query<{ id: number; c: string }>(`SELECT id, region_code AS c FROM place WHERE region_code IN (${ask.map(() => '?').join(', ')})`, ask, tx)) {
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
      const ask = db.inList(chunk);
      for (const r of await db.query<{ id: number; k: string; name: string; nk: string; aliases: string }>(sql(ask.map(() => '?').join(', ')), ask, tx)) {
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
    return this.lookupPeople(db, tx, this.personCandidates, keys, (m) => `SELECT id, name_key AS k, name, name_key AS nk, aliases FROM person WHERE name_key IN (${m}) AND ${UNMERGED('person')} ORDER BY id`);
  }
  peopleByAlias(db: Db, tx: Tx, keys: string[]): Promise<number[]> {
    return this.lookupPeople(db, tx, this.personByAlias, keys, (m) => `SELECT p.id, a.alias_key AS k, p.name, p.name_key AS nk, p.aliases FROM person_alias a JOIN person p ON p.id = a.person_id
      WHERE a.alias_key IN (${m}) AND ${UNMERGED('p')} ORDER BY p.id`);
  }
  async peopleByPart(db: Db, tx: Tx, parts: string[]): Promise<number[]> {
    // A name word that dozens of stored people share ("muhammad", "budi") blocks nothing useful: it is skipped (its
    // entry stays empty), and the other word of the name, or its exact form, does the blocking.
    const ask = [...new Set(parts.filter((t) => t && !this.personByPart.has(t)))];
    for (let at = 0; at < ask.length; at += 500) {
      const chunk = db.inList(ask.slice(at, at + 500));
      for (const r of await db.query<{ k: string; n: number }>(`SELECT token AS k, COUNT(*) AS n FROM person_name_part WHERE token IN (${chunk.map(() => '?').join(', ')})
          GROUP BY token`, chunk, tx)) {
        if (Number(r.n) > COMMON_NAME_PART) this.personByPart.set(r.k, []);
      }
    }
    return this.lookupPeople(db, tx, this.personByPart, parts, (m) => `SELECT p.id, n.token AS k, p.name, p.name_key AS nk, p.aliases FROM person_name_part n JOIN person p ON p.id = n.person_id
      WHERE n.token IN (${m}) AND ${UNMERGED('p')} ORDER BY p.id`);
  }

  /** Names and keys of these people (from memory when known). */
  async names(db: Db, tx: Tx, ids: number[]): Promise<Array<{ id: number; name: string; key: string }>> {
    const missing = ids.filter((id) => !this.personInfo.has(id));
    for (let at = 0; at < missing.length; at += 500) {
      const chunk = db.inList(missing.slice(at, at + 500));
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
      const ask = db.inList(chunk);
      for (const r of await db.query<{ id: number; pid: number; iid: number | null; title: string; f: string | null; t: string | null; inst: string | null }>(
        `SELECT po.id, po.person_id AS pid, po.institution_id AS iid, po.title, po.valid_from AS f, po.valid_to AS t, i.name AS inst FROM position po
          LEFT JOIN institution i ON i.id = po.institution_id WHERE po.person_id IN (${ask.map(() => '?').join(', ')}) ORDER BY po.id`, ask, tx)) {
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
      const chunk = db.inList(ask.slice(at, at + 500));
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
   * The batch's new articles in one multi-row INSERT per 1,000 (PostgreSQL batches without savepoints: a round trip per
   * article was a quarter of a bulk ingest's statements). Only articles known to be new go in here. Those whose slug
   * another article of the batch or a stored one holds (the same title on the same day: a syndicated story, a daily
   * column, a long title cut at the slug's length) take the first free numbered forms (slug-2, slug-3, …, as
   * insertWithSlug tries them), read for all of them in one statement, and go in with one more INSERT; any still not
   * placed go one by one in their turn as before. Should any article of the batch fail, the whole transaction is rolled
   * back and the batch runs again article by article with savepoints, without this step.
   */
  async preInsertArticles(db: Db, tx: Tx, articles: ParsedArticle[]): Promise<void> {
    const keys = new Set<string>(), slugs = new Set<string>();
    type Row = { a: ParsedArticle; slug: string; fields: ReturnType<typeof articleFields> };
    const rows: Row[] = [], later: Row[] = [];
    for (const a of articles) {
      const hash = contentHash(a);
      const own = lookupKeys(a, hash);
      // A repeat or a replay of an earlier article of the batch finds that one stored when its turn comes.
      const repeat = own.some((k) => keys.has(k));
      for (const k of own) keys.add(k);
      if (repeat || this.storedArticle(own) !== null || this.preInserted.has(a)) continue;
      const row = { a, slug: articleSlug(a), fields: articleFields(a, hash) };
      if (slugs.has(row.slug)) { later.push(row); continue; }
      slugs.add(row.slug);
      rows.push(row);
    }
    if (!rows.length) return;
    const cols = ['slug', ...Object.keys(rows[0].fields)] as Array<'slug' | keyof ReturnType<typeof articleFields>>;
    const insert = async (rs: Row[]) => {
      const stored = await db.insertManyReturning<{ id: number; slug: string }>('article', cols, rs.map((r) => cols.map((c) => (c === 'slug' ? r.slug : r.fields[c]))),
        ['id', 'slug'], tx, 'slug');
      const ids = new Map(stored.map((r) => [r.slug, Number(r.id)]));
      const missed: Row[] = [];
      for (const r of rs) { const id = ids.get(r.slug); if (id != null) this.preInserted.set(r.a, id); else missed.push(r); }
      return missed;
    };
    // Taken slugs, in article order: the batch's own first comers, then whatever is stored.
    const order = new Map(articles.map((a, i) => [a, i]));
    const clashing = [...await insert(rows), ...later].sort((x, y) => order.get(x.a)! - order.get(y.a)!);
    if (!clashing.length) return;
    const perBase = new Map<string, Row[]>();
    for (const r of clashing) { const l = perBase.get(r.slug) ?? []; l.push(r); perBase.set(r.slug, l); }
    // Each base's next forms (after those the batch found taken), as many as it has articles waiting and a few more.
    const span = (base: string, waiting: number) => ({ first: Math.max(2, this.slugFloor.get(`article|${base}`) ?? 2), count: waiting + 8 });
    const forms = [...perBase].flatMap(([base, rs]) => { const { first, count } = span(base, rs.length); return Array.from({ length: count }, (_, i) => slugForm(base, first + i)); });
    const taken = new Set<string>();
    for (let at = 0; at < forms.length; at += 500) {
      const chunk = forms.slice(at, at + 500);
      for (const r of await db.query<{ slug: string }>(`SELECT slug FROM "article" WHERE slug IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) taken.add(r.slug);
    }
    const placed: Row[] = [];
    for (const [base, rs] of perBase) {
      const { first, count } = span(base, rs.length);
      let n = first;
      const last = first + count - 1;
      for (const r of rs) {
        while (n <= last && taken.has(slugForm(base, n))) n++;
        if (n > last) break;
        placed.push({ ...r, slug: slugForm(base, n) });
        this.slugFloor.set(`article|${base}`, ++n);
      }
    }
    // Those the forms read did not place, or that another writer took meanwhile, go one by one in their turn.
    if (placed.length) await insert(placed);
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
      const ask = db.inList(chunk);
      const found = new Map<string, number>();
      for (const r of await db.query<{ id: number; m: number | null; k: string }>(`SELECT id, merged_into_id AS m, name_key AS k FROM institution WHERE name_key IN (${ask.map(() => '?').join(', ')})`, ask, tx)) {
        found.set(r.k, Number(r.m ?? r.id));
      }
      const rest = db.inList(chunk.filter((k) => !found.has(k)));
      if (rest.length) {
        // As institution(): by alias, the lowest id first.
        for (const r of await db.query<{ id: number; m: number | null; k: string }>(`SELECT i.id, i.merged_into_id AS m, a.alias_key AS k FROM institution_alias a
            JOIN institution i ON i.id = a.institution_id WHERE a.alias_key IN (${rest.map(() => '?').join(', ')}) ORDER BY i.id`, rest, tx)) {
          if (!found.has(r.k)) found.set(r.k, Number(r.m ?? r.id));
        }
      }
      const ids = db.inList([...new Set(found.values())]);
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
