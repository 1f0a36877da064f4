/**
 * Full-text search across articles, events, people, institutions and places: one interface, two backends
 * (SQLite FTS5, PostgreSQL tsvector). Documents carry each entity's aliases and acronyms, so "Kemendagri" finds
 * Kementerian Dalam Negeri, and an article's document carries the names and aliases of what it mentions.
 * Matching ignores case and accents. Highlights come back between private-use markers (MARK_OPEN / MARK_CLOSE)
 * for the GraphQL layer to turn into escaped HTML.
 */
import type { Tx } from '../db/tx';
import { Db } from '../db/database';
import { foldAccents } from '../text/normalize';

import { buildDocs, DocRef, rowid, SearchDoc, SearchKind, uniqueRefs } from './search-docs';
import { markQueued, queueSearchRebuild, rebuildSearchIndex, searchNeedsRebuild } from './db-hooks';

export { buildDocs, DocRef, SEARCH_KINDS, SearchDoc, SearchKind } from './search-docs';
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
/**
 * Words shorter than this are matched whole, not as prefixes: a one-letter prefix expands to most of the index's
 * terms and held a large database's reader for a third of a second.
 */
export const MIN_PREFIX = 2;
const asPrefix = (t: string) => t.length >= MIN_PREFIX;

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
  // Each word's positions as one growing string: arrays and a join per word were most of an article's cost.
  const positions = new Map<string, { p: string; k: number }>();
  let n = 0;
  for (const [text, weight] of parts) {
    const s = foldForSearch(text);
    for (let i = 0; i < s.length;) {
      // The words of WORD, scanned without a match object per word.
      if (!isWordAt(s, i)) { i += charLength(s, i); continue; }
      const start = i;
      do i += charLength(s, i); while (i < s.length && isWordAt(s, i));
      const word = s.slice(start, i);
      n++;
      if (word.length > 682 && Buffer.byteLength(word) > 2046) continue; // 682 × 3 bytes: no shorter word can be too long
      const pos = (n < 16383 ? n : 16383) + weight;
      const e = positions.get(word);
      if (e === undefined) positions.set(word, { p: pos, k: 1 });
      else if (e.k < 256) { e.p += `,${pos}`; e.k++; }
    }
  }
  // Letters and digits only: nothing in a word needs quoting beyond the quotes themselves.
  let out = '';
  for (const [w, e] of positions) out += `${out ? ' ' : ''}'${w}':${e.p}`;
  return out;
}

/** ASCII letters and digits (the rest of WORD's characters are asked of the regular expression). */
const ASCII_WORD = new Uint8Array(128).map((_, c) => (/[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0));
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Whether the code point at `i` is one WORD matches. */
function isWordAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c < 128 ? ASCII_WORD[c] === 1 : WORD_CHAR.test(String.fromCodePoint(s.codePointAt(i)!));
}
/** UTF-16 units of the code point at `i` (2 for a surrogate pair). */
function charLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xFC00) === 0xDC00 ? 2 : 1;
}

export interface SearchBackend {
  /**
   * The documents of these records (unique, `fresh` already folded) rebuilt, or queued for rebuilding, inside the
   * caller's transaction; merged or deleted ones leave the index.
   */
  write(refs: DocRef[], tx: Tx): Promise<void>;
  /** Ranked hits for all tokens (each as a word prefix, or whole below MIN_PREFIX), best first; offset paging. */
  search(tokens: string[], kinds: SearchKind[], limit: number, offset: number): Promise<SearchHit[]>;
  count(tokens: string[], kinds: SearchKind[]): Promise<number>;
  size(): Promise<number>;
}

const marks = (n: number) => Array(n).fill('?').join(', ');

/**
 * SQLite: FTS5 in the index file, written by the search indexer (search-indexer.ts); a write only queues the records
 * in the outbox, and a read first waits for the indexer to apply what this process committed.
 */
export class SqliteSearch implements SearchBackend {
  constructor(private db: Db) {}

  async write(refs: DocRef[], tx: Tx): Promise<void> {
    if (!refs.length) return;
    await this.db.insertMany('search_outbox', ['entity_type', 'entity_id', 'fresh'], refs.map((r) => [r.kind, r.id, r.fresh ? 1 : 0]), tx);
    markQueued(this.db);
  }

  private match(tokens: string[]): string { return tokens.map((t) => (asPrefix(t) ? `"${t}"*` : `"${t}"`)).join(' AND '); }

  async search(tokens: string[], kinds: SearchKind[], limit: number, offset: number): Promise<SearchHit[]> {
    await this.db.searchIndexer?.caughtUp();
    const rows = await this.db.query<{ kind: SearchKind; id: number; title: string; snippet: string; score: number }>(
      `SELECT entity_type AS kind, entity_id AS id, highlight(search_fts, 0, ?, ?) AS title, snippet(search_fts, 1, ?, ?, '…', 16) AS snippet,
        bm25(search_fts, 10.0, 1.0, 4.0) AS score
       FROM search.search_fts WHERE search_fts MATCH ? AND entity_type IN (${marks(kinds.length)}) ORDER BY score, rowid LIMIT ? OFFSET ?`,
      [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, this.match(tokens), ...kinds, limit, offset]);
    return rows.map((r) => ({ kind: r.kind, id: Number(r.id), title: r.title, snippet: r.snippet, score: -Number(r.score) }));
  }

  async count(tokens: string[], kinds: SearchKind[]): Promise<number> {
    await this.db.searchIndexer?.caughtUp();
    const r = await this.db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM search.search_fts WHERE search_fts MATCH ? AND entity_type IN (${marks(kinds.length)})`,
      [this.match(tokens), ...kinds]);
    return Number(r?.n ?? 0);
  }

  async size(): Promise<number> {
    await this.db.searchIndexer?.caughtUp();
    return Number((await this.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM search.search_fts'))?.n ?? 0);
  }
}

export class PostgresSearch implements SearchBackend {
  constructor(private db: Db) {}

  async write(refs: DocRef[], tx: Tx): Promise<void> {
    const docs: SearchDoc[] = [], gone: DocRef[] = [];
    for (let i = 0; i < refs.length; i += 300) {
      const built = await buildDocs(this.db, refs.slice(i, i + 300), tx);
      docs.push(...built.docs);
      gone.push(...built.gone);
    }
    // One order: concurrent writers take row locks in the same order.
    docs.sort((a, b) => rowid(a) - rowid(b));
    await this.upsert(docs, tx);
    await this.remove(gone, tx);
  }

  /**
   * Many documents per statement (a round trip each was most of an ingest batch's search work), as one array per
   * column: a statement of one shape, prepared once, where a VALUES list was parsed and planned on every call.
   */
  private async upsert(docs: SearchDoc[], tx: Tx): Promise<void> {
    for (let i = 0; i < docs.length; i += 500) {
      const chunk = docs.slice(i, i + 500);
      await this.db.exec(`INSERT INTO search_doc (entity_type, entity_id, title, body, tsv)
        SELECT k, id, t, b, CAST(v AS tsvector) FROM unnest(CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
          WITH ORDINALITY AS u (k, id, t, b, v, n) ORDER BY n
        ON CONFLICT (entity_type, entity_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, tsv = EXCLUDED.tsv`,
      [chunk.map((d) => d.kind), chunk.map((d) => d.id), chunk.map((d) => d.title), chunk.map((d) => d.body),
        chunk.map((d) => searchVector([[d.title, 'A'], [d.extra, 'B'], [d.body, 'C']]))], tx);
    }
  }

  private async remove(refs: DocRef[], tx: Tx): Promise<void> {
    for (const r of refs) await this.db.exec('DELETE FROM search_doc WHERE entity_type = ? AND entity_id = ?', [r.kind, r.id], tx);
  }

  private tsquery(tokens: string[]): string { return tokens.map((t) => (asPrefix(t) ? `${t}:*` : t)).join(' & '); }

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

/** The search service: keeps documents in step with writes and answers queries. */
export class SearchService {
  readonly backend: SearchBackend;
  constructor(private db: Db) { this.backend = searchBackend(db); }

  /**
   * Rebuilds the documents of these records (duplicates ignored) inside the caller's transaction (on SQLite: queues
   * them for the indexer, in the transaction); merged or deleted ones leave the index.
   */
  async refresh(refs: DocRef[], tx: Tx): Promise<void> {
    // Ascending by SQLite rowid (kind code, then id), the order the indexer writes them in.
    await this.backend.write([...uniqueRefs(refs).values()].sort((a, b) => rowid(a) - rowid(b)), tx);
  }

  /** Indexes everything (warta reindex; the server on start when the index is empty but the database is not). */
  async rebuild(batch = 500): Promise<number> {
    if (this.db.searchIndexer) return rebuildSearchIndex(this.db);
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
    if (this.db.searchIndexer) {
      // SQLite: a new index file over stored records (see searchNeedsRebuild), or an empty index with nothing
      // queued for it, gets every record queued; the indexer builds the documents in the background.
      if (!searchNeedsRebuild(this.db)) {
        const idle = await this.db.one<{ n: number }>(`SELECT NOT EXISTS (SELECT 1 FROM search.search_fts)
          AND NOT EXISTS (SELECT 1 FROM search_outbox WHERE seq > (SELECT applied FROM search.search_state WHERE id = 1))
          AND EXISTS (SELECT 1 FROM article) AS n`);
        if (!Number(idle?.n)) return false;
      }
      await queueSearchRebuild(this.db);
      return true;
    }
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
