/**
 * Full-text search across articles, events, people, institutions and places: one interface, two backends
 * (SQLite FTS5, PostgreSQL tsvector). Documents carry each entity's aliases and acronyms, so "Kemendagri" finds
 * Kementerian Dalam Negeri, and an article's document carries the names and aliases of what it mentions.
 * Matching ignores case and accents. Highlights come back between private-use markers (MARK_OPEN / MARK_CLOSE)
 * for the GraphQL layer to turn into escaped HTML.
 */
import { EntityManager } from 'typeorm';
import { Db } from '../db/database';
import { foldAccents } from '../ingest/extract/text';

export type SearchKind = 'ARTICLE' | 'EVENT' | 'PERSON' | 'INSTITUTION' | 'PLACE';
export const SEARCH_KINDS: SearchKind[] = ['ARTICLE', 'EVENT', 'PERSON', 'INSTITUTION', 'PLACE'];
export interface DocRef {
  kind: SearchKind; id: number;
  /** Created in this transaction: there is no earlier document to replace. */
  fresh?: boolean;
}
export interface SearchDoc extends DocRef { title: string; body: string; extra: string }
export interface SearchHit extends DocRef { title: string; snippet: string; score: number }

export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
const MAX_TOKENS = 10;

/** Lower case, accents and confusable forms folded: what both backends compare. */
export function foldForSearch(s: string): string {
  return foldAccents(s.normalize('NFKC')).toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The query's words (letters and digits only, so nothing in them is query syntax for either backend). */
export function queryTokens(q: string): string[] {
  return (foldForSearch(q).match(WORD) ?? []).slice(0, MAX_TOKENS);
}

/**
 * A PostgreSQL tsvector literal of a document: its folded words, split as queryTokens splits them (and as SQLite's
 * unicode61 tokenizer does), weighted A (title), B (extra) and C (body), positions running on through the parts as
 * `||` joins them. PostgreSQL's own parser (to_tsvector) was most of the cost of writing a document. Within the
 * type's limits: words of at most 2,046 bytes, 256 positions per word, positions up to 16,383.
 */
export function searchVector(parts: Array<[string, 'A' | 'B' | 'C']>): string {
  const positions = new Map<string, string[]>();
  let n = 0;
  for (const [text, weight] of parts) {
    for (const [word] of foldForSearch(text).matchAll(WORD)) {
      n++;
      if (word.length > 682 && Buffer.byteLength(word) > 2046) continue; // 682 × 3 bytes: no shorter word can be too long
      let list = positions.get(word);
      if (!list) positions.set(word, (list = []));
      if (list.length < 256) list.push(`${Math.min(n, 16383)}${weight}`);
    }
  }
  // Letters and digits only: nothing in a word needs quoting beyond the quotes themselves.
  return [...positions].map(([w, p]) => `'${w}':${p.join(',')}`).join(' ');
}

export interface SearchBackend {
  upsert(docs: SearchDoc[], tx: EntityManager): Promise<void>;
  remove(refs: DocRef[], tx: EntityManager): Promise<void>;
  /** Ranked hits for all tokens (each as a word prefix), best first; offset paging. */
  search(tokens: string[], kinds: SearchKind[], limit: number, offset: number): Promise<SearchHit[]>;
  count(tokens: string[], kinds: SearchKind[]): Promise<number>;
  size(): Promise<number>;
}

const KIND_CODE: Record<SearchKind, number> = { ARTICLE: 1, EVENT: 2, PERSON: 3, INSTITUTION: 4, PLACE: 5 };
const rowid = (r: DocRef) => KIND_CODE[r.kind] * 1e12 + r.id;
const marks = (n: number) => Array(n).fill('?').join(', ');

export class SqliteSearch implements SearchBackend {
  constructor(private db: Db) {}

  async upsert(docs: SearchDoc[], tx: EntityManager): Promise<void> {
    for (const d of docs) {
      // FTS5 has no upsert; a fresh record has nothing to delete (and the lookup is not free).
      if (!d.fresh) await this.db.exec('DELETE FROM search_fts WHERE rowid = ?', [rowid(d)], tx);
      await this.db.exec('INSERT INTO search_fts (rowid, title, body, extra, entity_type, entity_id) VALUES (?, ?, ?, ?, ?, ?)',
        [rowid(d), d.title, d.body, d.extra, d.kind, d.id], tx);
    }
  }

  async remove(refs: DocRef[], tx: EntityManager): Promise<void> {
    for (const r of refs) await this.db.exec('DELETE FROM search_fts WHERE rowid = ?', [rowid(r)], tx);
  }

  private match(tokens: string[]): string { return tokens.map((t) => `"${t}"*`).join(' AND '); }

  async search(tokens: string[], kinds: SearchKind[], limit: number, offset: number): Promise<SearchHit[]> {
    const rows = await this.db.query<{ kind: SearchKind; id: number; title: string; snippet: string; score: number }>(
      `SELECT entity_type AS kind, entity_id AS id, highlight(search_fts, 0, ?, ?) AS title, snippet(search_fts, 1, ?, ?, '…', 16) AS snippet,
        bm25(search_fts, 10.0, 1.0, 4.0) AS score
       FROM search_fts WHERE search_fts MATCH ? AND entity_type IN (${marks(kinds.length)}) ORDER BY score, rowid LIMIT ? OFFSET ?`,
      [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, this.match(tokens), ...kinds, limit, offset]);
    return rows.map((r) => ({ kind: r.kind, id: Number(r.id), title: r.title, snippet: r.snippet, score: -Number(r.score) }));
  }

  async count(tokens: string[], kinds: SearchKind[]): Promise<number> {
    const r = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM search_fts WHERE search_fts MATCH ? AND entity_type IN (${marks(kinds.length)})`,
      [this.match(tokens), ...kinds]);
    return Number(r?.n ?? 0);
  }

  async size(): Promise<number> { return Number((await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM search_fts'))?.n ?? 0); }
}

export class PostgresSearch implements SearchBackend {
  constructor(private db: Db) {}

  /** Many documents per statement (a round trip each was most of an ingest batch's search work). */
  async upsert(docs: SearchDoc[], tx: EntityManager): Promise<void> {
    for (let i = 0; i < docs.length; i += 100) {
      const chunk = docs.slice(i, i + 100);
      await this.db.exec(`INSERT INTO search_doc (entity_type, entity_id, title, body, tsv)
        VALUES ${chunk.map(() => '(?, ?, ?, ?, ?::tsvector)').join(', ')}
        ON CONFLICT (entity_type, entity_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, tsv = EXCLUDED.tsv`,
      chunk.flatMap((d) => [d.kind, d.id, d.title, d.body, searchVector([[d.title, 'A'], [d.extra, 'B'], [d.body, 'C']])]), tx);
    }
  }

  async remove(refs: DocRef[], tx: EntityManager): Promise<void> {
    for (const r of refs) await this.db.exec('DELETE FROM search_doc WHERE entity_type = ? AND entity_id = ?', [r.kind, r.id], tx);
  }

  private tsquery(tokens: string[]): string { return tokens.map((t) => `${t}:*`).join(' & '); }

  async search(tokens: string[], kinds: SearchKind[], limit: number, offset: number): Promise<SearchHit[]> {
    const opts = `StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}`;
    const rows = await this.db.query<{ kind: SearchKind; id: number; title: string; snippet: string; score: number }>(
      `SELECT d.entity_type AS kind, d.entity_id AS id, ts_headline('simple', d.title, q, ?) AS title,
        ts_headline('simple', d.body, q, ?) AS snippet, ts_rank(d.tsv, q) AS score
       FROM search_doc d, to_tsquery('simple', ?) q WHERE d.tsv @@ q AND d.entity_type IN (${marks(kinds.length)})
       ORDER BY score DESC, d.entity_type, d.entity_id LIMIT ? OFFSET ?`,
      [`${opts}, HighlightAll=true`, `${opts}, MaxFragments=1, MaxWords=24, MinWords=8, FragmentDelimiter=…`, this.tsquery(tokens), ...kinds, limit, offset]);
    return rows.map((r) => ({ kind: r.kind, id: Number(r.id), title: r.title, snippet: r.snippet, score: Number(r.score) }));
  }

  async count(tokens: string[], kinds: SearchKind[]): Promise<number> {
    const r = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM search_doc d WHERE d.tsv @@ to_tsquery('simple', ?) AND d.entity_type IN (${marks(kinds.length)})`,
      [this.tsquery(tokens), ...kinds]);
    return Number(r?.n ?? 0);
  }

  async size(): Promise<number> { return Number((await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM search_doc'))?.n ?? 0); }
}

export function searchBackend(db: Db): SearchBackend {
  return db.isPostgres ? new PostgresSearch(db) : new SqliteSearch(db);
}

const parseJson = (s: unknown): string[] => { try { return JSON.parse(String(s ?? '[]')) as string[]; } catch { return []; } };

/** Builds the documents of the given entities from the database (a fixed number of statements per kind). */
export async function buildDocs(db: Db, refs: DocRef[], tx?: EntityManager): Promise<{ docs: SearchDoc[]; gone: DocRef[] }> {
  const ids = (k: SearchKind) => [...new Set(refs.filter((r) => r.kind === k).map((r) => r.id))];
  const docs: SearchDoc[] = [];
  const found = new Set<string>();
  const add = (d: SearchDoc) => { docs.push(d); found.add(`${d.kind}:${d.id}`); };

  const a = ids('ARTICLE');
  if (a.length) {
    const rows = await db.query<{ id: number; title: string; body: string }>(`SELECT id, title, body FROM article WHERE id IN (${marks(a.length)})`, a, tx);
    // Names and aliases of what each article mentions, so that a short form finds the article too.
    const named = await db.query<{ aid: number; name: string; aliases: string | null; acronym: string | null }>(
      `SELECT m.article_id AS aid, p.name, p.aliases, NULL AS acronym FROM mention m${db.indexHint('uq_mention_span')} JOIN person p ON p.id = m.entity_id
         WHERE m.entity_type = 'PERSON' AND m.status <> 'REJECTED' AND m.article_id IN (${marks(a.length)})
       UNION SELECT m.article_id, i.name, i.aliases, i.acronym FROM mention m${db.indexHint('uq_mention_span')} JOIN institution i ON i.id = m.entity_id
         WHERE m.entity_type = 'INSTITUTION' AND m.status <> 'REJECTED' AND m.article_id IN (${marks(a.length)})`, [...a, ...a], tx);
    const extra = new Map<number, Set<string>>();
    for (const n of named) {
      const set = extra.get(Number(n.aid)) ?? new Set<string>();
      for (const f of [n.name, n.acronym, ...parseJson(n.aliases)]) if (f) set.add(f);
      extra.set(Number(n.aid), set);
    }
    for (const r of rows) add({ kind: 'ARTICLE', id: Number(r.id), title: r.title, body: r.body, extra: [...(extra.get(Number(r.id)) ?? [])].join(' · ') });
  }
  const e = ids('EVENT');
  if (e.length) {
    const rows = await db.query<{ id: number; name: string; short_name: string | null; aliases: string; kind: string; s: string | null; venue: string | null; city: string | null; merged: number | null }>(
      `SELECT e.id, e.name, e.short_name, e.aliases, e.kind, e.start_date AS s, v.name AS venue, c.name AS city, e.merged_into_id AS merged FROM event e
       LEFT JOIN place v ON v.id = e.venue_id LEFT JOIN place c ON c.id = e.city_id WHERE e.id IN (${marks(e.length)})`, e, tx);
    const orgs = await db.query<{ eid: number; name: string; acronym: string | null }>(`SELECT eo.event_id AS eid, i.name, i.acronym FROM event_organizer eo
      JOIN institution i ON i.id = eo.institution_id WHERE eo.event_id IN (${marks(e.length)})`, e, tx);
    for (const r of rows) {
      if (r.merged != null) continue;
      const o = orgs.filter((x) => Number(x.eid) === Number(r.id));
      add({
        kind: 'EVENT', id: Number(r.id), title: r.name,
        body: [r.kind, r.s, r.venue, r.city, ...o.map((x) => x.name)].filter(Boolean).join(' · '),
        extra: [r.short_name, ...parseJson(r.aliases), ...o.map((x) => x.acronym)].filter(Boolean).join(' · '),
      });
    }
  }
  const p = ids('PERSON');
  if (p.length) {
    const rows = await db.query<{ id: number; name: string; aliases: string; merged: number | null }>(`SELECT id, name, aliases, merged_into_id AS merged FROM person WHERE id IN (${marks(p.length)})`, p, tx);
    const pos = await db.query<{ pid: number; title: string; inst: string | null; acronym: string | null }>(`SELECT po.person_id AS pid, po.title, i.name AS inst, i.acronym FROM position po
      LEFT JOIN institution i ON i.id = po.institution_id WHERE po.person_id IN (${marks(p.length)}) ORDER BY po.id`, p, tx);
    for (const r of rows) {
      if (r.merged != null) continue;
      const mine = pos.filter((x) => Number(x.pid) === Number(r.id));
      add({
        kind: 'PERSON', id: Number(r.id), title: r.name, body: mine.map((x) => [x.title, x.inst].filter(Boolean).join(', ')).join(' · '),
        extra: [...parseJson(r.aliases), ...mine.map((x) => x.acronym)].filter(Boolean).join(' · '),
      });
    }
  }
  const i = ids('INSTITUTION');
  if (i.length) {
    const rows = await db.query<{ id: number; name: string; acronym: string | null; aliases: string; kind: string; parent: string | null; merged: number | null }>(
      `SELECT i.id, i.name, i.acronym, i.aliases, i.kind, pi.name AS parent, i.merged_into_id AS merged FROM institution i LEFT JOIN institution pi ON pi.id = i.parent_id
       WHERE i.id IN (${marks(i.length)})`, i, tx);
    for (const r of rows) {
      if (r.merged != null) continue;
      add({ kind: 'INSTITUTION', id: Number(r.id), title: r.name, body: [r.kind, r.parent].filter(Boolean).join(' · '), extra: [r.acronym, ...parseJson(r.aliases)].filter(Boolean).join(' · ') });
    }
  }
  const pl = ids('PLACE');
  if (pl.length) {
    const rows = await db.query<{ id: number; name: string; kind: string; parent: string | null }>(
      `SELECT pl.id, pl.name, pl.kind, pp.name AS parent FROM place pl LEFT JOIN place pp ON pp.id = pl.parent_id WHERE pl.id IN (${marks(pl.length)})`, pl, tx);
    for (const r of rows) add({ kind: 'PLACE', id: Number(r.id), title: r.name, body: [r.kind, r.parent].filter(Boolean).join(' · '), extra: '' });
  }
  return { docs, gone: refs.filter((r) => !found.has(`${r.kind}:${r.id}`)) };
}

/** The search service: keeps documents in step with writes and answers queries. */
export class SearchService {
  readonly backend: SearchBackend;
  constructor(private db: Db) { this.backend = searchBackend(db); }

  /**
   * Rebuilds the documents of these records (duplicates ignored) inside the caller's transaction, reading them a few
   * hundred at a time; merged or deleted ones leave the index.
   */
  async refresh(refs: DocRef[], tx: EntityManager): Promise<void> {
    const byKey = new Map<string, DocRef>();
    for (const r of refs) {
      const k = `${r.kind}:${r.id}`;
      const seen = byKey.get(k);
      // Fresh only if every mention of it in this batch says so.
      byKey.set(k, seen ? { kind: r.kind, id: r.id, fresh: !!(seen.fresh && r.fresh) } : r);
    }
    const unique = [...byKey.values()];
    const docs: SearchDoc[] = [], gone: DocRef[] = [];
    for (let i = 0; i < unique.length; i += 300) {
      const built = await buildDocs(this.db, unique.slice(i, i + 300), tx);
      docs.push(...built.docs);
      gone.push(...built.gone);
    }
    for (const d of docs) d.fresh = byKey.get(`${d.kind}:${d.id}`)?.fresh;
    // One order, ascending by SQLite rowid (kind code, then id): concurrent PostgreSQL writers take row locks in the
    // same order, and FTS5 flushes its pending index to disk whenever a write goes below the last rowid written (out
    // of order, each batch paid one extra flush and a segment more to merge).
    docs.sort((a, b) => rowid(a) - rowid(b));
    await this.backend.upsert(docs, tx);
    await this.backend.remove(gone, tx);
  }

  /** Indexes everything (warta reindex; the server on start when the index is empty but the database is not). */
  async rebuild(batch = 500): Promise<number> {
    let n = 0;
    for (const [kind, table] of [['ARTICLE', 'article'], ['EVENT', 'event'], ['PERSON', 'person'], ['INSTITUTION', 'institution'], ['PLACE', 'place']] as const) {
      let last = 0;
      for (;;) {
        const rows = await this.db.query<{ id: number }>(`SELECT id FROM "${table}" WHERE id > ? ORDER BY id LIMIT ?`, [last, batch]);
        if (!rows.length) break;
        last = Number(rows[rows.length - 1].id);
        await this.db.transaction((tx) => this.refresh(rows.map((r) => ({ kind, id: Number(r.id) })), tx));
        n += rows.length;
      }
    }
    return n;
  }

  async rebuildIfEmpty(): Promise<boolean> {
    if (await this.backend.size() > 0) return false;
    const a = await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article');
    if (!Number(a?.n)) return false;
    await this.rebuild();
    return true;
  }

  search(query: string, kinds: SearchKind[], limit: number, offset: number): Promise<SearchHit[]> {
    return this.backend.search(queryTokens(query), kinds, limit, offset);
  }

  count(query: string, kinds: SearchKind[]): Promise<number> { return this.backend.count(queryTokens(query), kinds); }
}
