/**
 * Gives the positions and person merges a transaction made their keys (text/node-keys.ts), before it commits. Run once
 * at the end of an ingest batch and of the editors' transactions that add either: the rows are written at several
 * places (a PostgreSQL batch writes its positions at its end), and all of them are found by their missing key.
 */
import { type Db, SQLITE_CHUNKS } from '../../db/database';
import type { Tx } from '../../db/tx';
import { freeKey, mergeKeyBase, positionKeyBase } from '../../text/node-keys';

export async function assignNodeKeys(db: Db, tx: Tx): Promise<void> {
  const positions = await db.query<{ id: number; person: string; title: string; inst: string | null; article: string | null }>(
    `SELECT po.id, p.slug AS person, po.title, i.slug AS inst, a.slug AS article FROM position po JOIN person p ON p.id = po.person_id
       LEFT JOIN institution i ON i.id = po.institution_id LEFT JOIN article a ON a.id = po.evidence_article_id
     WHERE po.node_key IS NULL ORDER BY po.id`, [], tx);
  if (positions.length) await assign(db, tx, 'position', positions.map((r) => [Number(r.id), positionKeyBase(r.person, r.title, r.inst, r.article)]));
  const merges = await db.query<{ id: number; survivor: string; absorbed: string | null; form: string; article: string | null }>(
    `SELECT pm.id, p.slug AS survivor, mp.slug AS absorbed, pm.form, a.slug AS article FROM person_merge pm JOIN person p ON p.id = pm.person_id
       LEFT JOIN person mp ON mp.id = pm.merged_person_id LEFT JOIN article a ON a.id = pm.article_id
     WHERE pm.node_key IS NULL ORDER BY pm.id`, [], tx);
  if (merges.length) await assign(db, tx, 'person_merge', merges.map((r) => [Number(r.id), mergeKeyBase(r.survivor, r.absorbed, r.form, r.article)]));
}

/** Rows in the order they were made, each under its base or, when that is taken, the next free suffix. */
async function assign(db: Db, tx: Tx, table: 'position' | 'person_merge', rows: Array<[number, string]>): Promise<void> {
  const stored = new Set<string>();
  const bases = [...new Set(rows.map(([, b]) => b))];
  for (let at = 0; at < bases.length; at += 500) {
    const chunk = db.inList(bases.slice(at, at + 500));
    for (const r of await db.query<{ k: string }>(`SELECT node_key AS k FROM ${table} WHERE node_key IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) stored.add(r.k);
  }
  const given = new Set<string>();
  // A suffixed key is looked up only past a taken base, which is rare.
  const taken = async (k: string) => given.has(k) || stored.has(k) || !!(await db.one(`SELECT 1 AS x FROM ${table} WHERE node_key = ?`, [k], tx));
  const keyed: Array<[number, string]> = [];
  for (const [id, base] of rows) {
    const key = stored.has(base) || given.has(base) ? await freeKey(base, taken) : base;
    given.add(key);
    keyed.push([id, key]);
  }
  if (db.isPostgres) {
    for (let at = 0; at < keyed.length; at += 100) {
      const chunk = keyed.slice(at, at + 100);
      await db.exec(`UPDATE ${table} AS t SET node_key = v.k FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS text))').join(', ')}) AS v (id, k) WHERE t.id = v.id`,
        chunk.flat(), tx);
    }
  } else {
    // Many rows to a statement, in a few fixed sizes (so that few shapes are prepared): one UPDATE per row had been
    // about 840 statements in a bulk ingest of 1,937 articles.
    for (let at = 0; at < keyed.length;) {
      const n = SQLITE_CHUNKS.find((k) => keyed.length - at >= k)!;
      const chunk = keyed.slice(at, (at += n));
      await db.exec(`UPDATE ${table} SET node_key = v.column2 FROM (VALUES ${chunk.map(() => '(?, ?)').join(', ')}) AS v WHERE ${table}.id = v.column1`, chunk.flat(), tx);
    }
  }
}
