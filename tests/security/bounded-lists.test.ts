/**
 * Bounded lists and a cost model that prices rows: every list under an object takes `first` (a default, at most 100),
 * the loaders read at most LIST_CAP rows per parent, and nesting multiplies the price, so the participations →
 * participants → participations attack is refused before any SQL runs. Against a real server on both databases, with
 * a person and an event given more rows than any cap (invented events, "Rapat Uji Batas 1" …).
 */
import { config } from '../../src/config';
import { LIST_CAP } from '../../src/graphql/lists';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const saved = { ...config };
const BUSY = LIST_CAP + 30;
const ATTACK = '{ person(slug: "saiful-ilah") { participations { event { participants { person { participations { event { name } } } } } } } }';

describe.each(targets())('bounded lists on $name', (target) => {
  let s: TestServer;
  let statements = 0;
  beforeAll(async () => {
    Object.assign(config, { anonymousRequestsPerWindow: 0, anonymousCostPerWindow: 0, responseCacheSeconds: 0 });
    s = await startTestServer(await target.open());
    s.db.onQuery = () => { statements++; };
    const person = Number((await s.db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'saiful-ilah'"))!.id);
    // One event with BUSY participants (all this person, under distinct party keys, as the unique index needs) and BUSY events he took part in.
    await s.db.transaction(async (tx) => {
      for (let i = 1; i <= BUSY; i++) {
        await s.db.exec(`INSERT INTO event (slug, name, aliases, kind, start_date) VALUES (?, ?, '[]', 'RAPAT', ?)`,
          [`rapat-uji-batas-${i}`, `Rapat Uji Batas ${i}`, `2031-01-${String(1 + (i % 28)).padStart(2, '0')}`], tx);
      }
      const first = Number((await s.db.one<{ id: number }>("SELECT id FROM event WHERE slug = 'rapat-uji-batas-1'", [], tx))!.id);
      for (let i = 0; i < BUSY; i++) {
        await s.db.exec(`INSERT INTO participation (event_id, person_id, party_key, role) VALUES (?, ?, ?, 'ATTENDEE')`, [first + i, person, `p${person}`], tx);
        if (i > 0) await s.db.exec(`INSERT INTO participation (event_id, person_id, party_key, role) VALUES (?, ?, ?, 'ATTENDEE')`, [first, person, `x${i}`], tx);
      }
    });
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); Object.assign(config, saved); });

  const post = async (query: string, variables?: Record<string, unknown>) => {
    statements = 0;
    const r = await s.gql(query, variables);
    return { ...r, sql: statements };
  };

  test('the nested participations attack is priced by its rows (20 × 20 × 20) and refused as QUERY_TOO_COSTLY, with no SQL run', async () => {
    const r = await post(ATTACK);
    expect(r.status).toBe(400);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: config.maxQueryCost });
    expect(r.body.errors![0].extensions!.cost as number).toBeGreaterThan(config.maxQueryCost);
    expect(r.sql).toBe(0);
  });

  test('scalar fields come with their row: a page of 20 articles with their mentions, people and events stays within the limit', async () => {
    const q = `{ articles(first: 20) { pageInfo { hasNextPage endCursor } edges { node { id title sourceUrl publishedOn body
      mentions { entityType status text start end person { id name aliases } event { id name kind startDate endDate } }
      persons { id name aliases } events { id name kind startDate endDate } } } } }`;
    const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
    const body = await res.json() as { errors?: unknown[] };
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    // 20 articles × (50 mentions with a person and an event, 3 rows each; 10 people; 5 events), and the page.
    expect(Number(res.headers.get('warta-query-cost'))).toBe(3421);
  });

  test('the attack at the largest first is refused too, and first above 100 on a list is a BAD_USER_INPUT naming first', async () => {
    const big = await post(ATTACK.replaceAll('participations', 'participations(first: 100)').replace('participants', 'participants(first: 100)'));
    expect(big.body.errors![0].extensions!.code).toBe('QUERY_TOO_COSTLY');
    expect(big.body.errors![0].extensions!.cost as number).toBeGreaterThan(1_000_000);
    const over = await post('{ person(slug: "saiful-ilah") { participations(first: 101) { role } } }');
    expect(over.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('the busiest person returns the default 20 participations, first: n returns n, and never more than the cap', async () => {
    const d = await post('{ person(slug: "saiful-ilah") { participations { role } } }');
    expect(d.body.data.person.participations).toHaveLength(20);
    const n = await post('{ person(slug: "saiful-ilah") { participations(first: 3) { role } } }');
    expect(n.body.data.person.participations).toHaveLength(3);
    const max = await post('{ person(slug: "saiful-ilah") { participations(first: 100) { role } } }');
    expect(max.body.data.person.participations).toHaveLength(100);
  });

  test('the loaders read at most LIST_CAP rows per parent, batched parents included', async () => {
    const loaders = (await import('../../src/graphql/read/loaders')).createLoaders(s.db);
    const person = Number((await s.db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'saiful-ilah'"))!.id);
    const event = Number((await s.db.one<{ id: number }>("SELECT id FROM event WHERE slug = 'rapat-uji-batas-1'"))!.id);
    const [mine, other] = await Promise.all([loaders.participationsByPerson.load(person), loaders.participationsByPerson.load(person + 100_000)]);
    expect(mine).toHaveLength(LIST_CAP);
    expect(other).toEqual([]);
    expect(await loaders.participantsByEvent(null).load(event)).toHaveLength(LIST_CAP);
    // In order: the earliest events first, as the unbounded list was.
    const dates = await Promise.all(mine.slice(0, 5).map(async (p) => (await loaders.event.load(p.eventId))!.startDate));
    expect([...dates].sort()).toEqual(dates);
  });

  test('a batch of hundreds of parents reads the same first rows per parent as one parent alone, each cut at LIST_CAP', async () => {
    const { createLoaders } = await import('../../src/graphql/read/loaders');
    const busiest = Number((await s.db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'saiful-ilah'"))!.id);
    const others = (await s.db.query<{ id: number }>('SELECT id FROM person WHERE id <> ? ORDER BY id LIMIT 299', [busiest])).map((r) => Number(r.id));
    // Past the compound form's 256 terms: the people there are, and ids that name nobody.
    const ids = [busiest, ...others, ...Array.from({ length: 300 - others.length }, (_, i) => 10_000_000 + i)];
    const batch = createLoaders(s.db);
    const together = await Promise.all(ids.map((id) => batch.participationsByPerson.load(id)));
    expect(together[0]).toHaveLength(LIST_CAP);
    expect(together[together.length - 1]).toEqual([]);
    for (const [i, id] of ids.entries()) {
      const alone = await createLoaders(s.db).participationsByPerson.load(id);
      expect(together[i].map((p) => p.dbId)).toEqual(alone.map((p) => p.dbId));
    }
  });

  test('a query within the cost limit still nests lists, each cut at its first', async () => {
    const r = await post('{ event(slug: "rapat-uji-batas-1") { participants(first: 5) { person { participations(first: 2) { role } } } } }');
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.event.participants).toHaveLength(5);
    for (const p of r.body.data.event.participants) expect(p.person.participations).toHaveLength(2);
  });

  test('a search of one-letter words only is refused with the field named; a one-letter word beside a longer one is matched whole', async () => {
    const r = await post('{ search(query: "a b") { totalCount } }');
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    const ok = await post('{ search(query: "Sidoarjo a") { totalCount } }');
    expect(ok.body.errors).toBeUndefined();
  });
});
