/**
 * Growth: the nested query and three filtered queries (by person, by institution, by date range), each on a deep
 * keyset page, at a small and a large generated database (default 10,000 and 1,000,000 articles); p50 of sequential
 * requests to a Warta server process on each (alternating between the two), the growth ratio between them, and the
 * servers' RSS.
 */
import { Db } from '../src/db/database';
import { generatedSqlite } from './analytics';
import { NESTED_QUERY } from './reference';
import { Rec, rssMb, startWarta, stop } from './speed';

const cursor = (parts: Array<string | number>) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/**
 * p50 of `rounds` sequential requests to each server (after 3 to warm up), one to each in turn, so that the machine's
 * drift weighs on both sides of a growth ratio alike. An answer with errors stops the bench.
 */
export async function alternatingP50(name: string, sides: Array<{ url: string; query: string; variables: Record<string, unknown> }>, rounds: number): Promise<number[]> {
  const times: number[][] = sides.map(() => []);
  for (let i = 0; i < rounds + 3; i++) {
    for (const [k, side] of sides.entries()) {
      const t = process.hrtime.bigint();
      const r = await fetch(`${side.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: side.query, variables: side.variables }) });
      const j = await r.json() as { errors?: unknown[] };
      if (j.errors) throw new Error(`${name}: ${JSON.stringify(j.errors).slice(0, 200)}`);
      if (i >= 3) times[k].push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return times.map(median);
}

async function queries(db: Db): Promise<Array<[string, string, Record<string, unknown>]>> {
  // A deep page: the cursor of the 1,000th row (or the middle of a shorter list) of each ordering.
  const deep = async (sql: string, params: unknown[]) => {
    const n = Number((await db.one<{ n: number }>(`SELECT COUNT(*) AS n FROM (${sql}) t`, params))!.n);
    const r = await db.one<{ k: string; id: number }>(`${sql} LIMIT 1 OFFSET ?`, [...params, Math.min(1000, Math.floor(n / 2))]);
    return r ? cursor([r.k, Number(r.id)]) : null;
  };
  const person = Number((await db.one<{ pid: number }>("SELECT entity_id AS pid FROM mention WHERE entity_type = 'PERSON' GROUP BY entity_id ORDER BY COUNT(*) DESC LIMIT 1"))!.pid);
  const inst = Number((await db.one<{ iid: number }>("SELECT entity_id AS iid FROM mention WHERE entity_type = 'INSTITUTION' GROUP BY entity_id ORDER BY COUNT(*) DESC LIMIT 1"))!.iid);
  const base = "SELECT COALESCE(a.published_on, '0001-01-01') AS k, a.id FROM article a";
  const order = " ORDER BY COALESCE(a.published_on, '0001-01-01') DESC, a.id DESC";
  const byMention = (type: string) => `${base} WHERE a.id IN (SELECT m.article_id FROM mention m WHERE m.entity_type = '${type}' AND m.entity_id = ? AND m.status <> 'REJECTED')${order}`;
  const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64url');
  const q = 'query($f: ArticleFilter, $after: String) { articles(first: 20, after: $after, filter: $f) { edges { node { title publishedOn persons { name } } } } }';
  return [
    ['nested', NESTED_QUERY, { first: 50 }],
    ['by_person', q, { f: { person: gid('Person', person) }, after: await deep(byMention('PERSON'), [person]) }],
    ['by_institution', q, { f: { institution: gid('Institution', inst) }, after: await deep(byMention('INSTITUTION'), [inst]) }],
    ['by_dates', q, { f: { from: '2018-01-01', to: '2019-12-31' }, after: await deep(`${base} WHERE COALESCE(a.published_on, '0001-01-01') >= ? AND COALESCE(a.published_on, '0001-01-01') <= ?${order}`, ['2018-01-01', '2019-12-31']) }],
  ];
}

export async function benchGrowth(root: string, sizes: [number, number], rec: Rec, log: (s: string) => void): Promise<void> {
  // Both servers run at once and every query alternates between them, request by request, so that the machine's
  // drift during the run weighs on both sides of each ratio alike.
  const sides: Array<{ n: number; label: string; qs: Awaited<ReturnType<typeof queries>>; w: Awaited<ReturnType<typeof startWarta>> }> = [];
  try {
    for (const n of sizes) {
      const db = await generatedSqlite(root, n, log);
      const file = db.ds.options.database as string;
      const qs = await queries(db);
      await db.close();
      sides.push({ n, label: n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`, qs, w: await startWarta(file) });
    }
    const growth: Array<[string, number]> = [];
    for (let q = 0; q < sides[0].qs.length; q++) {
      const name = sides[0].qs[q][0];
      const p50 = await alternatingP50(name, sides.map((side) => ({ url: side.w.url, query: side.qs[q][1], variables: side.qs[q][2] })), 30);
      sides.forEach((side, k) => rec(`growth_${name}_p50_ms_${side.label}`, p50[k], `${side.label} articles: ${name} (deep keyset page), p50 of 30`, ' ms'));
      growth.push([name, p50[1] / p50[0]]);
    }
    for (const side of sides) rec(`rss_mb_${side.label}`, rssMb(side.w.proc.pid!), `server RSS at ${side.label} articles`, ' MB');
    for (const [k, g] of growth) rec(`growth_${k}`, g, `growth ${sizes[0]} → ${sizes[1]} articles: ${k} p50 ratio`);
    rec(sizes[1] >= 1_000_000 && sizes[0] === 10_000 ? 'growth_10k_to_1m_max' : `growth_${sizes[0]}_to_${sizes[1]}_max`, Math.max(...growth.map(([, g]) => g)), 'largest growth ratio (target ≤ 1.5)');
  } finally {
    await Promise.all(sides.map((s) => stop(s.w)));
  }
}
