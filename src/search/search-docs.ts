/**
 * Search documents built from the database: the text each record is found by. Kept free of the database layer's
 * imports, so that the SQLite search indexer's worker thread (search-indexer-worker.ts) loads it cheaply.
 */
import type { Tx } from '../db/tx';

export type SearchKind = 'ARTICLE' | 'EVENT' | 'PERSON' | 'INSTITUTION' | 'PLACE';
export const SEARCH_KINDS: SearchKind[] = ['ARTICLE', 'EVENT', 'PERSON', 'INSTITUTION', 'PLACE'];
export interface DocRef {
  kind: SearchKind; id: number;
  /** Created in this transaction: there is no earlier document to replace. */
  fresh?: boolean;
}
export interface SearchDoc extends DocRef { title: string; body: string; extra: string }

const KIND_CODE: Record<SearchKind, number> = { ARTICLE: 1, EVENT: 2, PERSON: 3, INSTITUTION: 4, PLACE: 5 };
const unmarked = (s: string) => (/[\uE000\uE001]/.test(s) ? s.replace(/[\uE000\uE001]/g, '') : s);

/** A record's document id in SQLite's index (kind code, then id). */
export const rowid = (r: DocRef) => KIND_CODE[r.kind] * 1e12 + r.id;
const marks = (n: number) => Array(n).fill('?').join(', ');

/** Each record once, by key (`KIND:id`); fresh (no document yet) only if every mention of it says so. */
export function uniqueRefs(refs: Iterable<DocRef>): Map<string, DocRef> {
  const byKey = new Map<string, DocRef>();
  for (const r of refs) {
    const k = `${r.kind}:${r.id}`;
    const seen = byKey.get(k);
    byKey.set(k, { kind: r.kind, id: r.id, fresh: !!r.fresh && (!seen || !!seen.fresh) });
  }
  return byKey;
}

/** What buildDocs reads through: the Db, or the indexer thread's own connection. */
export interface DocReader {
  query<T>(sql: string, params: unknown[], tx?: Tx): Promise<T[]>;
  indexHint(index: string): string;
}

const parseJson = (s: unknown): string[] => { try { return JSON.parse(String(s ?? '[]')) as string[]; } catch { return []; } };

/** Rows by a key, each list in the rows' order (a filter per record was quadratic in a pass of a thousand). */
function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r); else out.set(k, [r]);
  }
  return out;
}

/** Builds the documents of the given entities from the database (a fixed number of statements per kind). */
export async function buildDocs(db: DocReader, refs: DocRef[], tx?: Tx): Promise<{ docs: SearchDoc[]; gone: DocRef[] }> {
  const ids = (k: SearchKind) => [...new Set(refs.filter((r) => r.kind === k).map((r) => r.id))];
  const docs: SearchDoc[] = [];
  const found = new Set<string>();
  // The highlight markers (U+E000, U+E001, search.service.ts) are taken out of stored text, so that text holding
  // them (scraped pages can) never turns into markup when a search highlights its hits.
  const add = (d: SearchDoc) => {
    docs.push({ ...d, title: unmarked(d.title), body: unmarked(d.body), extra: unmarked(d.extra) });
    found.add(`${d.kind}:${d.id}`);
  };

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
    // A record's aliases come once per article that mentions it: parsed once.
    const aliases = new Map<string, string[]>();
    for (const n of named) {
      const set = extra.get(Number(n.aid)) ?? new Set<string>();
      if (n.name) set.add(n.name);
      if (n.acronym) set.add(n.acronym);
      const key = String(n.aliases ?? '[]');
      let list = aliases.get(key);
      if (!list) aliases.set(key, (list = parseJson(key)));
      for (const f of list) if (f) set.add(f);
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
    const orgsOf = groupBy(orgs, (x) => Number(x.eid));
    for (const r of rows) {
      if (r.merged != null) continue;
      const o = orgsOf.get(Number(r.id)) ?? [];
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
    const posOf = groupBy(pos, (x) => Number(x.pid));
    for (const r of rows) {
      if (r.merged != null) continue;
      const mine = posOf.get(Number(r.id)) ?? [];
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

