/**
 * A query's execution budget (issue 21): a row budget and a deadline stop a query that goes over, with a named error and
 * nothing of its partial answer; on SQLite no request holds the event loop for much longer than its slowest statement.
 * Budgets are set low through config for each test (WARTA_MAX_ROWS, WARTA_QUERY_DEADLINE_MS, WARTA_SQLITE_SLICE_MS).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { config } from '../../src/config';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const saved = { ...config };
const busy = (ms: number) => { const t = Date.now(); while (Date.now() - t < ms) { /* a slow statement */ } };

describe.each(targets())('execution budget on $name', (target) => {
  let s: TestServer;
  const sql: string[] = [];
  beforeAll(async () => {
    Object.assign(config, { responseCacheSeconds: 0, anonymousRequestsPerWindow: 0, anonymousCostPerWindow: 0 });
    s = await startTestServer(await target.open());
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); Object.assign(config, saved); });
  afterEach(() => {
    s.db.onQuery = null;
    Object.assign(config, { maxRowsPerRequest: saved.maxRowsPerRequest, queryDeadlineMs: saved.queryDeadlineMs, sqliteSliceMs: saved.sqliteSliceMs });
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    sql.length = 0;
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, path: res.headers.get('warta-execution'), body: await res.json() as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }, sql: [...sql] };
  };
  const record = () => { s.db.onQuery = (text) => { sql.push(text); }; };

  test('a query that reads more rows than the budget stops there: ROW_BUDGET_EXCEEDED alone, no partial data, no further SQL', async () => {
    const q = '{ articles(first: 10) { edges { node { title persons { name } events { name } } } } }';
    const full = await post(q);
    expect(full.body.errors).toBeUndefined();
    config.maxRowsPerRequest = 5;
    record();
    for (let i = 0; i < 2; i++) {
      const r = await post(q);
      // The compiled path runs out and hands the request over; Apollo answers its error without running it again.
      expect(r.path).toBeNull();
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ errors: [{ message: 'the query read more than 5 rows (ask for fewer items, or page through them)', extensions: { code: 'ROW_BUDGET_EXCEEDED', limit: 5 } }] });
      // The page of articles ran; the people and events under it never did.
      expect(r.sql).toHaveLength(1);
      expect(r.sql[0]).toMatch(/FROM article/);
    }
  });

  test('rows read by the loaders count too: a list at first: 1 still reads up to 100 rows per parent', async () => {
    const q = '{ articles(first: 3) { edges { node { mentions(first: 1) { text } } } } }';
    expect((await post(q)).body.errors).toBeUndefined();
    config.maxRowsPerRequest = 10; // 3 articles (4 rows read), then every mention of each
    const r = await post(q);
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors?.[0].extensions?.code).toBe('ROW_BUDGET_EXCEEDED');
  });

  test('a query past its deadline stops at its next batch or resolver: DEADLINE_EXCEEDED alone (503), no partial data', async () => {
    const q = '{ articles(first: 5) { edges { node { title persons { name currentPosition { title } } events { name } quotes { text } } } } }';
    expect((await post(q)).body.errors).toBeUndefined();
    config.queryDeadlineMs = 20;
    // Every statement takes 30 ms: the first one is the page, and nothing after it may start.
    s.db.onQuery = (text) => { sql.push(text); busy(30); };
    for (let i = 0; i < 2; i++) {
      const r = await post(q);
      expect(r.status).toBe(503);
      expect(r.path).toBeNull();
      expect(r.body).toEqual({ errors: [{ message: 'the query ran past its deadline of 20 ms (ask for less, or split it)', extensions: { code: 'DEADLINE_EXCEEDED', limit: 20 } }] });
      expect(r.sql).toHaveLength(1);
    }
  });

  test('the default budget lets the nested page of 50 articles through untouched', async () => {
    const r = await post('query($n: Int) { articles(first: $n) { edges { node { title persons { name currentPosition { title institution { name } } } events { name venue { name } organizers { name } } } } } }', { n: 50 });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
  });

  if (target.name === 'sqlite') {
    test('on SQLite a query of many slow statements lets the event loop turn between them', async () => {
      // 24 counts of 25 ms each: 600 ms of statements, which without a pause would hold the loop from first to last.
      const q = `{ ${Array.from({ length: 24 }, (_, i) => `a${i}: articles(first: 0, filter: { from: "2019-01-${String(i + 1).padStart(2, '0')}" }) { totalCount }`).join(' ')} }`;
      s.db.onQuery = () => busy(25);
      config.sqliteSliceMs = 20;
      let last = performance.now(), longest = 0;
      const ticker = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 1);
      try {
        const r = await post(q);
        expect(r.body.errors).toBeUndefined();
      } finally { clearInterval(ticker); }
      // One stretch is the slice plus one statement; under a busy machine, well below the 600 ms of the whole query.
      expect(longest).toBeLessThan(300);
    });
  }
});

describe('a deadline passing mid-list', () => {
  // In a child process with Node's own rejection rule (an unobserved rejection ends it): the deadline passes while the
  // first answer's lists are still being completed, on the built code (npm test builds first).
  test.each([[0, 8], [3, 30]])('leaves no rejection unobserved: the server lives (slice %i ms, deadline %i ms)', async (slice, deadline) => {
    const out = execFileSync('node', [path.join(__dirname, '../helpers/deadline-child.js'), String(slice), String(deadline)], { encoding: 'utf8', timeout: 60_000 });
    expect(out.trim().split('\n')).toEqual(['503 DEADLINE_EXCEEDED', '503 DEADLINE_EXCEEDED', '503 DEADLINE_EXCEEDED', 'alive']);
  });
});
