/**
 * How long one request can hold the event loop on SQLite (better-sqlite3 runs every statement on the main thread, and a
 * query's batches follow one another in microtasks, so without a pause a request holds the loop from its first
 * statement to its answer). Adversarial queries that pass every document limit and the cost limit at their defaults,
 * on the generated database (default 100,000 articles), through a real server in this process: for each, the longest
 * event-loop delay while it runs (perf_hooks monitorEventLoopDelay), its time and how it ended. Budget: 200 ms.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { config } from '../src/config';
import { Db } from '../src/db/database';
import { createApp } from '../src/http/app';
import { IngestService } from '../src/ingest';

type Rec = (key: string, value: number, label: string, unit?: string) => void;

const STATS = 'eventsPerPeriod { period count } eventsByKind { kind count } eventsByRegion { count place { name } } eventsByOrganizer { count institution { name } } officialsByEvents { count person { name } } officialsByMentions { count person { name } }';
const aliases = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

export async function benchEventLoop(db: Db, rec: Rec, log: (s: string) => void): Promise<void> {
  const top = await db.one<{ pid: number }>('SELECT person_id AS pid FROM participation GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT 1');
  const gid = (t: string, id: number) => Buffer.from(`${t}:${id}`).toString('base64url');
  const person = gid('Person', Number(top!.pid));
  // Each within the default limits (30 aliases, depth 12, cost 10,000): what a hostile client can send today.
  const queries: Array<[string, string, string, Record<string, unknown>]> = [
    ['stats_x30', '30 aliased stats with every count, no filter', `{ ${aliases(30, (i) => `s${i}: stats { ${STATS} }`)} }`, {}],
    ['coattendees_x30', '30 aliased coAttendees(first: 20) of the busiest official',
      `query($id: ID!) { node(id: $id) { ... on Person { ${aliases(30, (i) => `c${i}: coAttendees(first: 20, from: "2015-01-${String(1 + (i % 28)).padStart(2, '0')}") { totalCount edges { node { sharedEvents person { name } } } }`)} } } }`, { id: person }],
    ['counts_x30', '30 aliased article counts over the whole archive',
      `{ ${aliases(30, (i) => `a${i}: articles(first: 0, filter: { from: "2015-01-${String(1 + (i % 28)).padStart(2, '0')}" }) { totalCount }`)} }`, {}],
    ['wide_lists', '7 pages of 100 articles with every list at first: 0 (the loaders still read up to 100 rows a parent)',
      `{ ${aliases(7, (i) => `p${i}: articles(first: 100, filter: { from: "2016-0${1 + (i % 9)}-01" }) { edges { node { persons(first: 0) { name } institutions(first: 0) { name } places(first: 0) { name } quotes(first: 0) { text } mentions(first: 0) { text } events(first: 0) { name } } } }`)} }`, {}],
    ['deep_participations', 'people → participations → event → participants → person → participations, first: 100 then 1',
      '{ persons(first: 100) { edges { node { participations(first: 1) { event { participants(first: 1) { person { participations(first: 1) { event { participants(first: 1) { person { name } } } } } } } } } } } }', {}],
  ];

  Object.assign(config, { responseCacheSeconds: 0, anonymousRequestsPerWindow: 0, anonymousCostPerWindow: 0 });
  const { app, apollo } = await createApp(db, await IngestService.create(db));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const h = monitorEventLoopDelay({ resolution: 5 });
  try {
    let worst = 0, worstKey = '';
    for (const [key, what, query, variables] of queries) {
      let maxDelay = 0, maxMs = 0, outcome = '';
      // First through Apollo, then compiled (graphql-jit), then compiled again.
      for (let i = 0; i < 3; i++) {
        h.reset();
        h.enable();
        // The monitor's first tick only starts its clock: let it tick before the request, or a request that blocks
        // at once would go unrecorded.
        await new Promise((r) => setTimeout(r, 20));
        const t = process.hrtime.bigint();
        const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
        const body = await res.json() as { errors?: Array<{ extensions?: { code?: string } }> };
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        // The delay is recorded when the monitor's timer next fires: give it a turn before stopping it.
        await new Promise((r) => setTimeout(r, 20));
        h.disable();
        maxDelay = Math.max(maxDelay, h.max / 1e6);
        maxMs = Math.max(maxMs, ms);
        outcome = `${res.status} ${body.errors?.[0]?.extensions?.code ?? 'answered'}`;
      }
      log(`  ${key}: longest event-loop delay ${maxDelay.toFixed(1)} ms, slowest answer ${maxMs.toFixed(1)} ms, ${outcome}`);
      rec(`eventloop_${key}_ms`, maxDelay, `event loop held, ${what} (${outcome})`, ' ms');
      if (maxDelay > worst) { worst = maxDelay; worstKey = key; }
    }
    rec('eventloop_worst_ms', worst, `longest event-loop delay of any adversarial query (${worstKey}; budget 200 ms)`, ' ms');
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await apollo.stop();
  }
}
