/**
 * Limits and transport against a real server: every abusive document is refused before any SQL runs; body, batching,
 * CSRF, GET-mutation and slow-client rules; the production profile hides the schema; unexpected errors are generic.
 */
import net from 'node:net';
import { config } from '../../src/config';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const saved = { ...config };
const sqlite = targets().find((t) => t.name === 'sqlite')!;

describe('limits', () => {
  let s: TestServer;
  let statements = 0;
  beforeAll(async () => {
    Object.assign(config, { anonymousRequestsPerWindow: 0, headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    s = await startTestServer(await sqlite.open());
    s.db.onQuery = () => { statements++; };
  });
  afterAll(async () => { await s.close(); await s.db.close(); await sqlite.cleanup(); Object.assign(config, saved); });

  const post = async (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    statements = 0;
    const r = await fetch(`${s.url}/graphql`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await r.text();
    let json: any = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json, sql: statements };
  };

  const deep = (n: number) => `{ events(first: 1) { edges { node { organizers { ${'children { '.repeat(n)}name${' }'.repeat(n)} } } } } }`;
  test.each([
    ['depth', deep(14), 'depth'],
    ['aliases', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: article(slug: "x") { title }`).join(' ')} }`, 'aliases'],
    ['directives', `{ events(first: 1) { edges { node { ${Array.from({ length: 30 }, () => 'name @include(if: true)').join(' ')} } } } }`, 'directives'],
    ['list argument', `{ search(query: "x", kinds: [${Array(101).fill('PERSON').join(', ')}]) { totalCount } }`, 'listArgument'],
  ])('%s limit: refused with its numbers, no SQL', async (_n, query, limit) => {
    const r = await post({ query });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
    expect(r.sql).toBe(0);
  });

  test('token limit (parser maxTokens)', async () => {
    const r = await post({ query: `{ events(first: 1) { edges { node { ${'name '.repeat(5000)} } } } }` });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(r.sql).toBe(0);
  });

  test('recursive fragment selections are capped', async () => {
    const frags = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Institution { name ${i < 11 ? `children { ...F${i + 1} } parent { ...F${i + 1} }` : ''} }`).join('\n');
    const r = await post({ query: `{ institutions(first: 1) { edges { node { ...F0 } } } }\n${frags}` });
    expect(r.status).toBe(400);
    expect(r.sql).toBe(0);
  });

  test('cost with variables: first: $n costs n; first and list variables above 100 are refused', async () => {
    const q = 'query($n: Int) { articles(first: $n) { edges { node { persons { name } } } } }';
    expect((await post({ query: q, variables: { n: 5 } })).status).toBe(200);
    const big = await post({ query: q, variables: { n: 101 } });
    expect(big.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(big.sql).toBe(0);
    const list = await post({ query: 'query($k: [SearchKind!]) { search(query: "x", kinds: $k) { totalCount } }', variables: { k: Array(101).fill('PERSON') } });
    expect(list.status).toBe(400);
    expect(list.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(list.sql).toBe(0);
  });

  test('transport: body limit, malformed JSON, batches, CSRF, text/plain, mutations over GET', async () => {
    expect((await post({ query: `{ article(slug: "${'x'.repeat(120_000)}") { title } }` })).status).toBe(413);
    expect((await post('{"query": "{ events { ', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post([{ query: '{ events(first: 1) { totalCount } }' }, { query: '{ events(first: 1) { totalCount } }' }])).status).toBe(400);
    expect((await post('{ events(first: 1) { totalCount } }', { 'content-type': 'text/plain' })).status).toBe(400);
    const get = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ events(first: 1) { totalCount } }')}`);
    expect(get.status).toBe(400); // CSRF prevention: a GET without a preflight-forcing header
    const mut = await fetch(`${s.url}/graphql?query=${encodeURIComponent('mutation { revokeApiKey(id: 1) }')}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(mut.status).toBe(405);
  });

  test('a client sending headers slowly is cut off by the server', async () => {
    const port = Number(new URL(s.url).port);
    const closed = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => { sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); });
      let data = '';
      sock.on('data', (d) => { data += d.toString(); });
      // The fallback is cleared once the server has closed: a pending timer would hold the test worker open.
      const giveUp = setTimeout(() => { sock.destroy(); resolve(false); }, 10_000);
      sock.on('close', () => { clearTimeout(giveUp); resolve(data === '' || /^HTTP\/1\.1 408/.test(data)); });
    });
    expect(closed).toBe(true);
  });

  test('a client sending its body slowly is cut off when the request time is up', async () => {
    const port = Number(new URL(s.url).port);
    const answer = await new Promise<string>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
      });
      let data = '';
      sock.on('data', (d) => { data += d.toString(); });
      const giveUp = setTimeout(() => { sock.destroy(); resolve('still open'); }, 10_000);
      sock.on('close', () => { clearTimeout(giveUp); resolve(data); });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  test('unexpected errors reach the client as a generic message with a code and request id; the log has the original', async () => {
    const logged: unknown[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { logged.push(a); });
    const catalog = s.handle.services.catalog;
    const orig = catalog.events;
    catalog.events = async () => { throw new Error('secret detail: constraint uq_whatever violated'); };
    try {
      const r = await post({ query: '{ events(first: 1) { totalCount } }' });
      const e = r.json.errors[0];
      expect(e.message).toBe('Internal server error');
      expect(e.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(e.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(r.json)).not.toContain('secret detail');
      expect(JSON.stringify(logged.map((l) => String((l as unknown[]).map(String))))).toContain('secret detail');
      // A real constraint violation from the database, through an editor path, is generic too.
      catalog.events = async () => { await s.db.transaction((tx) => s.db.exec("INSERT INTO article_event (article_id, event_id) VALUES (1, 1)", [], tx)); throw new Error('unreachable'); };
      const v = await post({ query: '{ events(first: 1) { totalCount } }' });
      expect(v.json.errors[0].message).toBe('Internal server error');
      expect(JSON.stringify(v.json)).not.toMatch(/UNIQUE|duplicate|constraint/i);
    } finally {
      catalog.events = orig;
      spy.mockRestore();
    }
  });
});

describe('the production profile', () => {
  let s: TestServer;
  beforeAll(async () => {
    Object.assign(config, { introspection: false, fieldSuggestions: false, stackTraces: false });
    s = await startTestServer(await sqlite.open(), { demo: false });
  });
  afterAll(async () => { await s.close(); await s.db.close(); Object.assign(config, saved); });

  test('no introspection, no field suggestions, no stack traces', async () => {
    const intro = await s.gql('{ __schema { types { name } } }');
    expect(intro.body.errors![0].message).toMatch(/introspection/i);
    const typo = await s.gql('{ evnts { totalCount } }');
    expect(typo.body.errors![0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo.body)).not.toContain('stacktrace');
  });
});
