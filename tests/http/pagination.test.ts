/**
 * Relay pagination both ways on every connection: walking back from the end with `last`/`before` gives the same items
 * as reading forward with `first`, with pageInfo as Relay's bidirectional hooks expect, on both databases.
 */
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

/** Each connection: a query with `@ARGS@` where its paging arguments go, and the path to the connection in the answer. */
const CONNECTIONS: Array<[string, string, string[]]> = [
  ['events', '{ c: events(@ARGS@) { @EDGES@ } }', ['c']],
  ['articles', '{ c: articles(@ARGS@) { @EDGES@ } }', ['c']],
  ['persons', '{ c: persons(@ARGS@) { @EDGES@ } }', ['c']],
  ['institutions', '{ c: institutions(@ARGS@) { @EDGES@ } }', ['c']],
  ['places', '{ c: places(@ARGS@) { @EDGES@ } }', ['c']],
  ['search', '{ c: search(query: "sidoarjo", @ARGS@) { @EDGES@ } }', ['c']],
  ['attendance', '{ c: attendance(@ARGS@) { @EDGES@ } }', ['c']],
  ['person.articles', '{ p: person(slug: "saiful-ilah") { c: articles(@ARGS@) { @EDGES@ } } }', ['p', 'c']],
  ['person.timeline', '{ p: person(slug: "saiful-ilah") { c: timeline(@ARGS@) { @EDGES@ } } }', ['p', 'c']],
  ['person.coAttendees', '{ p: person(slug: "sugeng-haryono") { c: coAttendees(@ARGS@) { @EDGES@ } } }', ['p', 'c']],
  ['institution.events', '{ i: institution(slug: "kementerian-dalam-negeri") { c: events(@ARGS@) { @EDGES@ } } }', ['i', 'c']],
  ['institution.events(filter)', '{ i: institution(slug: "kementerian-dalam-negeri") { c: events(@ARGS@, filter: { from: "2019-01-01" }) { @EDGES@ } } }', ['i', 'c']],
  ['institution.partners', '{ i: institution(slug: "pemerintah-kabupaten-sidoarjo") { c: partners(@ARGS@) { @EDGES@ } } }', ['i', 'c']],
];
const EDGES = 'edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount';

describe.each(targets())('bidirectional connections on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(await target.open()); });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  type Conn = { edges: Array<{ cursor: string }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; totalCount: number };
  const page = async (q: string, path: string[], args: string): Promise<Conn> => {
    const r = await s.gql(q.split('@ARGS@').join(args).split('@EDGES@').join(EDGES));
    expect(r.body.errors).toBeUndefined();
    return path.reduce((o: any, k) => o[k], r.body.data);
  };
  test.each(CONNECTIONS)('%s pages backward to the same items as forward', async (_name, q, path) => {
    const all = await page(q, path, 'first: 100');
    const cursors = all.edges.map((e) => e.cursor);
    expect(cursors.length).toBeGreaterThan(2);
    // Walk back from the end two at a time.
    const back: string[] = [];
    let p = await page(q, path, 'last: 2');
    expect(p.pageInfo.hasNextPage).toBe(false);
    for (;;) {
      back.unshift(...p.edges.map((e) => e.cursor));
      expect(p.pageInfo.startCursor).toBe(p.edges[0].cursor);
      if (!p.pageInfo.hasPreviousPage) break;
      p = await page(q, path, `last: 2, before: "${p.pageInfo.startCursor}"`);
      expect(p.pageInfo.hasNextPage).toBe(true);
    }
    expect(back).toEqual(cursors);
    // Cursors are shared both ways: `before` the third item is the first two; `after` the end of a backward page goes on.
    const two = await page(q, path, `last: 5, before: "${cursors[2]}"`);
    expect(two.edges.map((e) => e.cursor)).toEqual(cursors.slice(0, 2));
    expect(two.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const on = await page(q, path, `first: 1, after: "${two.pageInfo.endCursor}"`);
    expect(on.edges.map((e) => e.cursor)).toEqual([cursors[2]]);
    expect(p.totalCount).toBe(cursors.length);
  });

  test('place.events pages backward too', async () => {
    const places = (await s.gql('{ places(first: 50) { edges { node { slug events(first: 10) { edges { cursor } } } } } }')).body.data.places.edges;
    const slug = places.map((e: any) => e.node).sort((a: any, b: any) => b.events.edges.length - a.events.edges.length)[0].slug;
    const q = `{ p: place(slug: "${slug}") { c: events(@ARGS@) { @EDGES@ } } }`;
    const all = (await page(q, ['p', 'c'], 'first: 100')).edges.map((e) => e.cursor);
    expect(all.length).toBeGreaterThan(1);
    const last = await page(q, ['p', 'c'], `last: ${all.length - 1}`);
    expect(last.edges.map((e) => e.cursor)).toEqual(all.slice(1));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
  });

  test('one direction per request, and sizes bounded like first', async () => {
    const mixed = await s.gql('{ events(first: 2, last: 2) { edges { cursor } } }');
    expect(mixed.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(mixed.body.errors![0].message).toMatch(/first/);
    const tooMany = await s.gql('{ events(last: 1000) { edges { cursor } } }');
    expect(tooMany.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const bad = await s.gql('{ events(last: 2, before: "bm9wZQ") { edges { cursor } } }');
    expect(bad.body.errors![0].message).toMatch(/before/);
  });
});
