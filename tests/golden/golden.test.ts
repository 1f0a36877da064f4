/**
 * Golden queries: each records its result and the number of SQL statements it ran
 * (tests/golden/queries/<name>.graphql → <name>.golden.json), and on SQLite the text of those statements
 * (<name>.golden.sql), so that a change to the SQL a query issues shows in review. UPDATE_GOLDEN=1 rewrites them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../../src/config';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const DIR = path.join(__dirname, 'queries');
/**
 * A statement as the golden files hold it: one line, whitespace collapsed, a list of placeholders as one
 * (`IN (?, …)`) and a run of identical `UNION ALL` terms as one (`term UNION ALL …`: a term per parent), since their
 * length follows the data asked about rather than the query's shape. Values are bound parameters, so none appear in
 * the text.
 */
function normalizeSql(sql: string): string {
  const terms: string[] = [];
  for (const t of sql.replace(/\s+/g, ' ').trim().replace(/\?(?: ?, ?\?)+/g, '?, …').split(' UNION ALL ')) {
    const last = terms[terms.length - 1];
    if (t === last || (last === '…' && t === terms[terms.length - 2])) { if (last !== '…') terms.push('…'); } else terms.push(t);
  }
  return terms.join(' UNION ALL ');
}

/** The tables that grow with the news. */
const LARGE = ['article', 'event', 'mention', 'participation', 'position', 'quote', 'person', 'institution', 'institution_alias', 'article_event', 'event_organizer', 'person_alias'];

const queries = fs.readdirSync(DIR).filter((f) => f.endsWith('.graphql')).sort();

describe.each(targets())('golden queries on $name', (target) => {
  let s: TestServer;
  let statements = 0;
  let sqlText: string[] = [];
  let raw: Array<{ sql: string; params: unknown[] }> = [];
  beforeAll(async () => {
    // SQL counts measure execution: the response cache would answer repeated queries with no SQL at all.
    config.responseCacheSeconds = 0;
    // And the statements' order: on a busy machine a query can run long enough to wait for the event loop to turn
    // (WARTA_SQLITE_SLICE_MS), and a service's next statement then queues behind other batches (same statements).
    config.sqliteSliceMs = 0;
    s = await startTestServer(await target.open());
    s.db.onQuery = (sql, params) => { statements++; sqlText.push(normalizeSql(sql)); raw.push({ sql, params }); };
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  const run = async (q: string, variables?: Record<string, unknown>) => {
    statements = 0;
    sqlText = [];
    const r = await s.gql(q, variables);
    return { result: r.body, sql: statements, text: sqlText };
  };

  test.each(queries)('%s', async (file) => {
    const q = fs.readFileSync(path.join(DIR, file), 'utf8');
    const got = await run(q, file === 'nested-articles.graphql' ? { first: 50 } : undefined);
    const goldenFile = path.join(DIR, file.replace('.graphql', '.golden.json'));
    const sqlFile = path.join(DIR, file.replace('.graphql', '.golden.sql'));
    const { text, ...counted } = got;
    const sql = text.map((t) => `${t};\n`).join('');
    if (process.env.UPDATE_GOLDEN && target.name === 'sqlite') {
      fs.writeFileSync(goldenFile, JSON.stringify(counted, null, 2) + '\n');
      fs.writeFileSync(sqlFile, sql);
    }
    expect(got.result.errors).toBeUndefined();
    expect(counted).toEqual(JSON.parse(fs.readFileSync(goldenFile, 'utf8')));
    // The statements' text is SQLite's: PostgreSQL runs some queries in its own dialect (its count is checked above).
    if (target.name === 'sqlite') expect(sql).toBe(fs.readFileSync(sqlFile, 'utf8'));
  });

  // The compiled path (graphql-jit) takes over a query once Apollo has answered it cleanly: the same bytes, the same SQL.
  test.each(queries)('compiled path: %s', async (file) => {
    const q = fs.readFileSync(path.join(DIR, file), 'utf8');
    const body = JSON.stringify({ query: q, variables: file === 'nested-articles.graphql' ? { first: 50 } : undefined });
    const post = async () => {
      statements = 0;
      sqlText = [];
      const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { text: await res.text(), path: res.headers.get('warta-execution'), cost: res.headers.get('warta-query-cost'), sql: statements, sqlText };
    };
    const apollo = await post();
    const compiled = await post();
    expect(compiled.path).toBe('compiled');
    expect(compiled.text).toBe(apollo.text);
    expect(compiled.sql).toBe(apollo.sql);
    // The same statements; their order may differ on PostgreSQL, where loaders' round trips finish in any order.
    expect([...compiled.sqlText].sort()).toEqual([...apollo.sqlText].sort());
    expect(compiled.cost).toBe(apollo.cost);
  });

  // PostgreSQL plans every golden query's statements on indexes. Its test tables are tiny, so sequential scans are
  // discouraged (enable_seqscan = off): a Seq Scan that remains on a large table means no index can serve it.
  test.each(queries)('PostgreSQL plans on indexes: %s', async (file) => {
    if (!s.db.isPostgres) return;
    const q = fs.readFileSync(path.join(DIR, file), 'utf8');
    raw = [];
    expect((await s.gql(q, file === 'nested-articles.graphql' ? { first: 50 } : undefined)).body.errors).toBeUndefined();
    const ran = [...raw];
    expect(ran.length).toBeGreaterThan(0);
    for (const st of ran) {
      const plan = await s.db.ds.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        return (await tx.query(`EXPLAIN ${s.db.toDialect(st.sql)}`, st.params) as Array<Record<string, string>>).map((r) => r['QUERY PLAN']).join('\n');
      });
      const scans = LARGE.filter((t) => new RegExp(`Seq Scan on ${t}\\b`).test(plan));
      expect({ sql: normalizeSql(st.sql), scans }).toEqual({ sql: normalizeSql(st.sql), scans: [] });
    }
  });

  test('the nested article query runs the same statements at first: 5 and first: 50, at most 8', async () => {
    const q = fs.readFileSync(path.join(DIR, 'nested-articles.graphql'), 'utf8');
    const five = await run(q, { first: 5 });
    const fifty = await run(q, { first: 50 });
    expect(five.result.errors).toBeUndefined();
    expect(five.sql).toBe(fifty.sql);
    expect(fifty.sql).toBeLessThanOrEqual(8);
  });

  test('co-attendance, partners, attendance and timelines cost the same statements for a short and a full page', async () => {
    // A short page that still holds every kind of row the field can return, and a page holding all of them.
    const cases: Array<[string, number]> = [
      ['person(slug: "saiful-ilah") { coAttendees(first: $n) { edges { node { sharedEvents person { name } events { name } } } } }', 1],
      ['institution(slug: "kementerian-dalam-negeri") { partners(first: $n) { edges { node { sharedEvents institution { name } events { name } } } } }', 1],
      ['person(slug: "sugeng-haryono") { timeline(first: $n) { edges { node { date position { title } participation { event { name } } quote { text } article { title } } } } }', 8],
      ['attendance(first: $n) { edges { node { role person { name } event { name organizers { name } } evidence { title } } } }', 1],
    ];
    for (const [field, short] of cases) {
      const q = `query($n: Int) { ${field} }`;
      const few = await run(q, { n: short });
      const all = await run(q, { n: 100 });
      expect(few.result.errors).toBeUndefined();
      expect(all.result.errors).toBeUndefined();
      expect(JSON.stringify(all.result).length).toBeGreaterThan(JSON.stringify(few.result).length);
      expect({ field, sql: all.sql }).toEqual({ field, sql: few.sql });
    }
  });
});
