/**
 * Analysts' queries over HTTP on the demo content, with the answers stated by hand from the demo articles
 * (the golden files hold the full results): co-attendance counts and paging, date filters, filtered participations,
 * and clear errors for bad arguments.
 */
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

describe.each(targets())('analytics on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(await target.open()); });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  const names = (edges: Array<{ node: { sharedEvents: number; person: { name: string } } }>) => edges.map((e) => [e.node.person.name, e.node.sharedEvents]);

  test('co-attendees of Saiful Ilah, strongest first, paged with stable cursors', async () => {
    const q = `query($after: String) { person(slug: "saiful-ilah") { coAttendees(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { sharedEvents person { name } } } } } }`;
    const p1 = await s.gql(q);
    const c1 = p1.body.data.person.coAttendees;
    expect(c1.totalCount).toBe(6);
    expect(names(c1.edges)).toEqual([['Bambang Suryanto', 4], ['Hadi Prasetyo', 2]]);
    const p2 = (await s.gql(q, { after: c1.pageInfo.endCursor })).body.data.person.coAttendees;
    expect(names(p2.edges)).toEqual([['Khofifah Indar Parawansa', 1], ['Sugeng Haryono', 1]]);
    const p3 = (await s.gql(q, { after: p2.pageInfo.endCursor })).body.data.person.coAttendees;
    expect(names(p3.edges)).toEqual([['Sutiaji', 1], ['Tito Karnavian', 1]]);
    expect(p3.pageInfo.hasNextPage).toBe(false);
  });

  test('shared events are read for the first list asked, and again when a larger one follows: each list as asked alone', async () => {
    const one = (first: number) => `{ person(slug: "saiful-ilah") { coAttendees(first: 5) { edges { node { events(first: ${first}) { name startDate } } } } }
      institution(slug: "kementerian-dalam-negeri") { partners(first: 5) { edges { node { events(first: ${first}) { name startDate } } } } } }`;
    const both = await s.gql(`{ person(slug: "saiful-ilah") { coAttendees(first: 5) { edges { node { a: events(first: 1) { name startDate } b: events(first: 50) { name startDate } } } } }
      institution(slug: "kementerian-dalam-negeri") { partners(first: 5) { edges { node { a: events(first: 1) { name startDate } b: events(first: 50) { name startDate } } } } } }`);
    expect(both.body.errors).toBeUndefined();
    const [small, large] = [(await s.gql(one(1))).body.data, (await s.gql(one(50))).body.data];
    type Data = { person: { coAttendees: { edges: Array<{ node: Record<string, unknown[]> }> } }; institution: { partners: { edges: Array<{ node: Record<string, unknown[]> }> } } };
    const lists = (d: Data, key: 'a' | 'b' | 'events') => [...d.person.coAttendees.edges, ...d.institution.partners.edges].map((e) => e.node[key]);
    expect(lists(both.body.data, 'a')).toEqual(lists(small, 'events'));
    expect(lists(both.body.data, 'b')).toEqual(lists(large, 'events'));
    // The demo world shares more than one event somewhere, so the two lists differ.
    expect(lists(large, 'events').some((l) => l.length > 1)).toBe(true);
  });

  test('the date range narrows co-attendance to the events inside it', async () => {
    const r = await s.gql(`{ person(slug: "saiful-ilah") { coAttendees(from: "2020-01-01") { edges { node { sharedEvents person { name } events { name } } } } } }`);
    const edges = r.body.data.person.coAttendees.edges;
    expect(names(edges)).toEqual([['Bambang Suryanto', 1], ['Sutiaji', 1], ['Tito Karnavian', 1]]);
    expect(edges[0].node.events.map((e: { name: string }) => e.name)).toEqual(['Pelantikan Pejabat Administrator dan Pengawas Pemkab Sidoarjo']);
  });

  test('person.participations takes the attendance filter', async () => {
    const r = await s.gql(`{ person(slug: "sugeng-haryono") {
      speaking: participations(filter: { role: SPEAKER, from: "2019-11-01" }) { role date event { name } }
      all: participations { role } } }`);
    const p = r.body.data.person;
    expect(p.speaking.map((x: { date: string }) => x.date)).toEqual(['2019-11-13', '2019-12-02']);
    expect(p.all).toHaveLength(4);
  });

  test('institution.events takes the event filter', async () => {
    const r = await s.gql(`{ institution(slug: "kementerian-dalam-negeri") { events(filter: { kind: RAKOR }) { totalCount edges { node { startDate } } } } }`);
    expect(r.body.data.institution.events.edges.map((e: { node: { startDate: string } }) => e.node.startDate)).toEqual(['2020-02-04', '2019-11-13']);
  });

  test('bad arguments are BAD_USER_INPUT naming the argument, before any SQL runs', async () => {
    let statements = 0;
    s.db.onQuery = () => { statements++; };
    const wrongType = await s.gql('{ attendance(filter: { organizer: "UGVyc29uOjE" }) { totalCount } }');
    expect(wrongType.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.organizer' });
    const badDate = await s.gql('{ person(slug: "saiful-ilah") { coAttendees(from: "2019-13-01") { totalCount } } }');
    expect(badDate.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const tooMany = await s.gql('{ stats { officialsByEvents(first: 1000) { count } } }');
    expect(tooMany.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const refused = statements;
    statements = 0;
    await s.gql('{ person(slug: "saiful-ilah") { name } }');
    s.db.onQuery = null;
    // Only the person lookup of the second query ran; the filters were refused before any query of their own.
    expect(refused).toBe(statements);
  });
});
