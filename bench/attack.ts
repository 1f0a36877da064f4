/**
 * "Attack while serving": a victim (a partner with its own key) asks the nested first: 50 query one request at a time,
 * first alone, then while one anonymous client loops the costliest query the cost model lets through (the busiest
 * person's participations, their events' participants and those people's participations, each list at the largest
 * `first` the cost limit allows). Two rounds under attack: the shipped anonymous quotas, and no anonymous quota at all
 * (an attacker with many addresses), where only the cost limit, the row budget and the deadline stand in the way.
 * Warta runs with its shipped settings apart from the response cache (off: an attacker can vary a variable to miss it)
 * and the victim's own key quota (off: the victim asks as fast as it is answered, more than a partner's quota allows).
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'graphql';
import { Db } from '../src/db/database';
import { ApiRole } from '../src/entities/enums';
import { buildWartaSchema } from '../src/graphql/schema';
import { operationCost } from '../src/graphql/cost';
import { loadConfig } from '../src/config';
import { ApiKeyService } from '../src/services/api-key.service';
import { NESTED_QUERY } from './reference';
import { Rec, startWarta, stop } from './speed';

/** The settings as shipped (and as this environment sets them): other phases of the bench change the process's own. */
const config = loadConfig();

const attackQuery = (slug: string, a: number, b: number, c: number) =>
  `{ person(slug: ${JSON.stringify(slug)}) { participations(first: ${a}) { event { name participants(first: ${b}) { person { name participations(first: ${c}) { event { name } } } } } } } }`;

/** The attack query with the most rows (a·b·c) whose price is within the cost limit. */
async function worstAllowed(slug: string): Promise<{ query: string; cost: number; rows: number }> {
  const schema = await buildWartaSchema();
  let best = { query: '', cost: 0, rows: 0 };
  const steps = [1, 2, 5, 10, 20, 30, 50, 75, 100];
  for (const a of steps) for (const b of steps) for (const c of steps) {
    const query = attackQuery(slug, a, b, c);
    const cost = operationCost(schema, parse(query), undefined);
    if (cost <= config.maxQueryCost && a * b * c > best.rows) best = { query, cost, rows: a * b * c };
  }
  return best;
}

async function post(url: string, body: string, key?: string): Promise<{ ms: number; status: number; code?: string }> {
  const t = performance.now();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body });
  const text = await res.text();
  let code: string | undefined;
  try { code = (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code; } catch { code = 'UNPARSEABLE'; }
  return { ms: performance.now() - t, status: res.status, code };
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

/** The victim's latencies over `seconds`, one request at a time, while `attack` (if any) loops until told to stop. */
async function victimRound(url: string, key: string, seconds: number, attack?: string): Promise<{ p50: number; p99: number; n: number; attacker: Record<string, number> }> {
  const body = JSON.stringify({ query: NESTED_QUERY, variables: { first: 50 } });
  let on = true;
  const attacker: Record<string, number> = {};
  const loop = attack ? (async () => {
    while (on) {
      const r = await post(url, JSON.stringify({ query: attack }));
      const k = r.code ?? String(r.status);
      attacker[k] = (attacker[k] ?? 0) + 1;
    }
  })() : Promise.resolve();
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  try {
    while (performance.now() < until) {
      const r = await post(url, body, key);
      if (r.status !== 200 || r.code) throw new Error(`the victim's query failed (${r.status} ${r.code ?? ''})`);
      times.push(r.ms);
    }
  } finally { on = false; await loop; }
  return { p50: pct(times, 50), p99: pct(times, 99), n: times.length, attacker };
}

export async function benchAttack(file: string, rec: Rec, log: (s: string) => void, seconds = 10): Promise<void> {
  const db = await Db.open(file);
  const busiest = (await db.one<{ slug: string; n: number }>(`SELECT p.slug, t.n FROM (SELECT person_id, COUNT(*) AS n FROM participation
    WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY n DESC LIMIT 1) t JOIN person p ON p.id = t.person_id`))!;
  const key = (await new ApiKeyService(db).create(`attack-bench-victim-${Date.now()}`, ApiRole.READER, [])).key;
  await db.close();
  const worst = await worstAllowed(busiest.slug);
  log(`  worst allowed attack: cost ${worst.cost} of ${config.maxQueryCost}, up to ${worst.rows} rows, on ${busiest.slug} (${busiest.n} participations): ${worst.query}`);
  rec('attack_worst_cost', worst.cost, `attack query: the costliest the cost limit (${config.maxQueryCost}) lets through`);

  const shipped = { WARTA_ANONYMOUS_REQUESTS: String(config.anonymousRequestsPerWindow), WARTA_ANONYMOUS_COST: String(config.anonymousCostPerWindow),
    WARTA_KEY_REQUESTS: '0', WARTA_KEY_COST: '0',
    WARTA_MAX_QUERY_COST: String(config.maxQueryCost), WARTA_PAGE_SIZE_MAX: String(config.pageSizeMax), WARTA_RESPONSE_CACHE_SECONDS: '0' };
  for (const [label, env] of [['shipped quotas', shipped], ['no anonymous quota', { ...shipped, WARTA_ANONYMOUS_REQUESTS: '0', WARTA_ANONYMOUS_COST: '0' }]] as const) {
    const w = await startWarta(file, env);
    try {
      const once = await post(w.url, JSON.stringify({ query: worst.query }));
      log(`  ${label}: the attack query alone: ${once.ms.toFixed(0)} ms, ${once.code ?? once.status}`);
      await victimRound(w.url, key, 2); // warm-up
      const calm = await victimRound(w.url, key, seconds);
      const hit = await victimRound(w.url, key, seconds, worst.query);
      const ratio = hit.p99 / calm.p99;
      log(`  ${label}: victim p99 ${calm.p99.toFixed(1)} ms alone, ${hit.p99.toFixed(1)} ms under attack (${ratio.toFixed(2)}×); attacker's answers ${JSON.stringify(hit.attacker)}`);
      const tag = label === 'shipped quotas' ? 'quota' : 'noquota';
      if (tag === 'noquota') rec('attack_worst_ms', once.ms, 'the attack query alone, no anonymous quota', ' ms');
      rec(`attack_victim_p99_alone_ms_${tag}`, calm.p99, `victim p99 alone (${label})`, ' ms');
      rec(`attack_victim_p99_ms_${tag}`, hit.p99, `victim p99 while one anonymous client loops the attack (${label})`, ' ms');
      rec(`attack_victim_p99_ratio_${tag}`, ratio, `victim p99 under attack ÷ alone (${label}; target ≤ 3)`);
    } finally { await stop(w); }
  }
}
