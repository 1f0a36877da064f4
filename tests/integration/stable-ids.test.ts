/**
 * Global ids do not depend on the backend's row ids: the demo articles ingested into SQLite and into PostgreSQL give
 * the same ids, even when PostgreSQL's sequences have moved on (as conflicting inserts make them do). Ids issued in
 * the row-id form keep resolving; padded ids answer with the canonical id.
 */
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const LISTS = ['articles', 'persons', 'institutions', 'places', 'events'] as const;

async function idsBySlug(s: TestServer): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const list of LISTS) {
    out[list] = {};
    let after: string | null = null;
    for (;;) {
      const r = await s.gql(`query($after: String) { c: ${list}(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id slug } } } }`, { after });
      for (const e of r.body.data.c.edges) out[list][e.node.slug] = e.node.id;
      if (!r.body.data.c.pageInfo.hasNextPage) break;
      after = r.body.data.c.pageInfo.endCursor;
    }
  }
  // Records keyed by the slugs of what they belong to: quotes and mentions of every article, participants of every event.
  out.quotes = {};
  out.mentions = {};
  out.participations = {};
  for (const slug of Object.keys(out.articles)) {
    const r = await s.gql('query($slug: String!) { article(slug: $slug) { quotes(first: 100) { id start } mentions(first: 100) { id entityType start end } } }', { slug });
    expect(r.body.errors).toBeUndefined();
    for (const q of r.body.data.article.quotes) out.quotes[`${slug}/${q.start}`] = q.id;
    for (const m of r.body.data.article.mentions) out.mentions[`${slug}/${m.entityType}/${m.start}-${m.end}`] = m.id;
  }
  for (const slug of Object.keys(out.events)) {
    const r = await s.gql('query($slug: String!) { event(slug: $slug) { participants(first: 100) { id role person { slug } institution { slug } } } }', { slug });
    for (const p of r.body.data.event.participants) out.participations[`${slug}/${p.role}/${p.person?.slug ?? p.institution?.slug}`] = p.id;
  }
  return out;
}

/** Invented for this test: a full name, then shorter forms of it in later articles (automatic merges), and offices. */
const art = (key: string, publishedAt: string, title: string, body: string) => parseRecord({ title, body, publishedAt, url: `https://warta.example/${key}` }, key);
const WORLD = [
  art('ids-port1', '2025-04-01', 'Pelabuhan Diperluas', 'Menteri Perhubungan Hendra Wijaya Kusnadi meresmikan perluasan Pelabuhan Tanjung Wangi di Banyuwangi, Selasa (1/4/2025).'),
  art('ids-port2', '2025-04-02', 'Kapal Baru Tiba', 'Menteri Perhubungan Hendra Wijaya menyambut kapal baru di Pelabuhan Tanjung Wangi, Rabu (2/4/2025).'),
  art('ids-port3', '2025-04-03', 'Jadwal Kapal', 'Menteri Perhubungan Hendra Wijaya Kusnadi mengumumkan jadwal kapal mudik, Kamis (3/4/2025). Bupati Banyuwangi Laras Pertiwi turut hadir.'),
  art('ids-farm1', '2025-04-04', 'Panen Raya', 'Bupati Banyuwangi Laras Pertiwi membuka panen raya di Kecamatan Rogojampi, Jumat (4/4/2025). Kepala Dinas Pertanian Banyuwangi Agus Salim Nugroho mendampingi.'),
  art('ids-farm2', '2025-04-05', 'Bibit Dibagikan', 'Kepala Dinas Pertanian Banyuwangi Agus Salim membagikan bibit jagung kepada petani, Sabtu (5/4/2025).'),
];

type Held = { id: string; title: string; institution: { slug: string } | null };
type Merge = { id: string; form: string; method: string; undoneAt: string | null };
/** Every person's positions and merges, by person slug, with their ids (positions by id: undated ones sort first on SQLite, last on PostgreSQL). */
async function positionsAndMerges(s: TestServer, fresh = ''): Promise<Record<string, { positions: Held[]; merges: Merge[] }>> {
  // `fresh`: another query text, past the response cache (an UPDATE of the test's own bumps no generation).
  const r = await s.gql('{ ' + (fresh ? `${fresh}: __typename ` : '') + 'persons(first: 100) { edges { node { slug positions { id title institution { slug } } merges { id form method undoneAt } } } } }');
  expect(r.body.errors).toBeUndefined();
  return Object.fromEntries(r.body.data.persons.edges.map((e: { node: { slug: string; positions: Held[]; merges: Merge[] } }) =>
    [e.node.slug, { positions: [...e.node.positions].sort((x, y) => (x.id < y.id ? -1 : 1)), merges: e.node.merges.map((m) => ({ ...m, undoneAt: m.undoneAt ? 'undone' : null })) }]));
}
const text = (id: string) => Buffer.from(id, 'base64url').toString();

const all = targets();
const sqlite = all.find((t) => t.name === 'sqlite')!;
const postgres = all.find((t) => t.name === 'postgres');

describe('ids across backends', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) { await s.close(); await s.db.close(); }
    await sqlite.cleanup();
    await postgres?.cleanup();
  });

  test('the same data gives the same global ids whatever the row ids', async () => {
    // SQLite always; the second database is PostgreSQL when TEST_DATABASE_URL is set, else a second SQLite file.
    const second = postgres ?? sqlite;
    const a = await startTestServer(await sqlite.open());
    servers.push(a);
    const db2: Db = await second.open();
    // Row ids on the second database start far from the first's: ids built from them could not match.
    for (const t of ['article', 'person', 'institution', 'place', 'event', 'quote', 'mention', 'participation', 'position', 'person_merge']) {
      if (db2.isPostgres) await db2.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), 5000)`);
      else await db2.query(`INSERT INTO sqlite_sequence (name, seq) SELECT '${t}', 5000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${t}')`);
    }
    const b = await startTestServer(db2);
    servers.push(b);
    const [ia, ib] = [await idsBySlug(a), await idsBySlug(b)];
    expect(Object.keys(ia.persons).length).toBeGreaterThan(5);
    for (const k of ['quotes', 'mentions', 'participations']) expect(Object.keys(ia[k]).length).toBeGreaterThan(5);
    const rowA = Number((await a.db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'saiful-ilah'"))!.id);
    const rowB = Number((await b.db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'saiful-ilah'"))!.id);
    expect(rowA).not.toBe(rowB);
    expect(ib).toEqual(ia);
    // Positions too (their ids are built from the key each was given when made).
    const [pa, pb] = [await positionsAndMerges(a), await positionsAndMerges(b)];
    expect(Object.values(pa).flatMap((p) => p.positions).length).toBeGreaterThan(3);
    expect(pb).toEqual(pa);
    expect(text(pa['saiful-ilah'].positions[0].id)).toMatch(/^Position:saiful-ilah\/bupati\/[a-z0-9-]+\/[a-z0-9-]+$/);
    // Each id names its own record: node() answers it with the same id, on both databases.
    for (const s of [a, b]) {
      for (const [k, id] of [...Object.entries(ia.quotes).slice(0, 3), ...Object.entries(ia.mentions).slice(0, 3), ...Object.entries(ia.participations).slice(0, 3)]) {
        const r = await s.gql('query($id: ID!) { node(id: $id) { __typename id ... on Quote { start article { slug } } ... on Mention { start end article { slug } } ... on Participation { role event { slug } } } }', { id });
        expect({ k, node: r.body.data.node?.id }).toEqual({ k, node: id });
        expect(k.startsWith(r.body.data.node.article?.slug ?? r.body.data.node.event.slug)).toBe(true);
      }
    }
  });

  test('row-id ids keep resolving, to the canonical id; padded ids too', async () => {
    const s = servers[0];
    const row = Number((await s.db.one<{ id: number }>("SELECT id FROM person WHERE slug = 'saiful-ilah'"))!.id);
    const canonical = (await s.gql('{ person(slug: "saiful-ilah") { id } }')).body.data.person.id;
    const old = Buffer.from(`Person:${row}`).toString('base64url');
    const node = (id: string) => s.gql('query($id: ID!) { node(id: $id) { id ... on Person { name } } }', { id });
    expect((await node(old)).body.data.node).toEqual({ id: canonical, name: 'Saiful Ilah' });
    expect((await s.gql('query($id: ID!) { person(id: $id) { id } }', { id: old })).body.data.person.id).toBe(canonical);
    const bambang = (await s.gql('{ person(slug: "bambang-suryanto") { id } }')).body.data.person.id;
    const padded = Buffer.from('Person:bambang-suryanto').toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect((await node(padded)).body.data.node.id).toBe(bambang);
    // Filters take either form.
    const q = 'query($p: ID) { events(filter: { participant: $p }) { totalCount } }';
    const [n1, n2] = [await s.gql(q, { p: canonical }), await s.gql(q, { p: old })];
    expect(n1.body.data.events.totalCount).toBeGreaterThan(0);
    expect(n2.body.data.events.totalCount).toBe(n1.body.data.events.totalCount);
    // Row-id forms of quotes, mentions and participations resolve too, and mutations take either form.
    const art = (await s.gql('{ article(slug: "' + (await s.db.one<{ slug: string }>('SELECT a.slug FROM article a JOIN quote q ON q.article_id = a.id ORDER BY a.slug LIMIT 1'))!.slug
      + '") { quotes(first: 1) { id start } mentions(first: 1) { id start } } }')).body.data.article;
    const rows = async (t: string, col: string, v: number) => Number((await s.db.one<{ id: number }>(`SELECT id FROM ${t} WHERE ${col} = ? ORDER BY id LIMIT 1`, [v]))!.id);
    for (const [type, table, item] of [['Quote', 'quote', art.quotes[0]], ['Mention', 'mention', art.mentions[0]]] as const) {
      const rowId = await rows(table, 'start', item.start);
      const r = await node(Buffer.from(`${type}:${rowId}`).toString('base64url'));
      expect(r.body.data.node?.id).toBeDefined();
      expect(Buffer.from(r.body.data.node.id, 'base64url').toString()).toMatch(new RegExp(`^${type}:[a-z0-9-]+/`));
    }
    const editor = (await new ApiKeyService(s.db).create('editor', ApiRole.EDITOR, [])).key;
    const reviewed = await s.gql('mutation($id: ID!) { reviewMention(id: $id, status: CONFIRMED) { id status } }', { id: art.mentions[0].id }, editor);
    expect(reviewed.body.data.reviewMention).toEqual({ id: art.mentions[0].id, status: 'CONFIRMED' });
    // A participation moved by a merge answers with its new key; the id it had keeps resolving to it.
    const part = (await s.gql('{ person(slug: "sugeng-haryono") { id participations(first: 1) { id role event { slug } } } }')).body;
    expect(part.errors).toBeUndefined();
    const before = part.data.person.participations[0];
    expect(before?.id).toBeDefined();
    const into = (await s.gql('{ person(slug: "bambang-suryanto") { id } }')).body.data.person.id;
    const merged = await s.gql('mutation($s: ID!, $m: ID!) { mergePersons(survivorId: $s, mergedId: $m) { id } }', { s: into, m: part.data.person.id }, editor);
    expect(merged.body.errors).toBeUndefined();
    const moved = (await s.gql('query($id: ID!) { node(id: $id) { id ... on Participation { role person { slug } event { slug } } } }', { id: before.id })).body.data.node;
    expect(moved).toMatchObject({ role: before.role, person: { slug: 'bambang-suryanto' }, event: { slug: before.event.slug } });
    expect(Buffer.from(moved.id, 'base64url').toString()).toBe(`Participation:${before.event.slug}/${before.role}/person/bambang-suryanto`);
    // Another spelling of the same text (stray bits in the last character) is not an id.
    expect((await node('UGVyc29uOjF')).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('positions and person merges: the same ids on both databases, batched or not, after editors\' changes too; kept across edits', async () => {
    const second = postgres ?? sqlite;
    const [dbA, dbB] = [await sqlite.open(), await second.open()];
    for (const t of ['article', 'person', 'institution', 'position', 'person_merge']) {
      if (dbB.isPostgres) await dbB.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), 7000)`);
      else await dbB.query(`INSERT INTO sqlite_sequence (name, seq) SELECT '${t}', 7000 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '${t}')`);
    }
    // One by one into SQLite; as one batch into the other (a PostgreSQL batch writes its positions and merges at its end).
    for (const x of WORLD) await (await IngestService.create(dbA)).ingest(x);
    expect((await (await IngestService.create(dbB)).ingestBatch(WORLD)).map((r) => r.error)).toEqual(WORLD.map(() => undefined));
    const [a, b] = [await startTestServer(dbA, { demo: false }), await startTestServer(dbB, { demo: false })];
    servers.push(a, b);
    const [ka, kb] = [(await new ApiKeyService(dbA).create('e', ApiRole.EDITOR, [])).key, (await new ApiKeyService(dbB).create('e', ApiRole.EDITOR, [])).key];
    const both = async (q: string, v: (s: TestServer) => Promise<Record<string, unknown>> | Record<string, unknown>) => {
      const out = [];
      for (const [s, k] of [[a, ka], [b, kb]] as const) {
        const r = await s.gql(q, await v(s), k);
        expect(r.body.errors).toBeUndefined();
        out.push(r.body.data);
      }
      expect(out[1]).toEqual(out[0]);
      return out[0];
    };
    let [wa, wb] = [await positionsAndMerges(a), await positionsAndMerges(b)];
    expect(wb).toEqual(wa);
    const auto = Object.values(wa).flatMap((p) => p.merges);
    expect(auto.length).toBeGreaterThanOrEqual(2);
    expect(Object.values(wa).flatMap((p) => p.positions).length).toBeGreaterThanOrEqual(3);
    expect(text(wa['hendra-wijaya-kusnadi'].merges[0].id)).toBe('PersonMerge:hendra-wijaya-kusnadi/hendra-wijaya/2025-04-02-kapal-baru-tiba');

    // Editors' acts, the same on both: a position added, a merge, its undoing, the same merge again (a key taken: "/2").
    const person = (slug: string) => (s: TestServer) => s.gql(`{ person(slug: "${slug}") { id } }`).then((r) => r.body.data.person.id as string);
    const added = await both('mutation($p: ID!) { addPosition(input: { person: $p, title: "Ketua Harian" }) { id title } }', async (s) => ({ p: await person('laras-pertiwi')(s) }));
    expect(text((added as { addPosition: { id: string } }).addPosition.id)).toBe('Position:laras-pertiwi/ketua-harian/-/-');
    const merge = 'mutation($s: ID!, $m: ID!) { mergePersons(survivorId: $s, mergedId: $m) { merges { id form method } } }';
    const mv = async (s: TestServer) => ({ s: await person('hendra-wijaya-kusnadi')(s), m: await person('laras-pertiwi')(s) });
    const first = await both(merge, mv) as { mergePersons: { merges: Merge[] } };
    const editorMerge = first.mergePersons.merges.find((m) => m.method === 'EDITOR')!;
    expect(text(editorMerge.id)).toBe('PersonMerge:hendra-wijaya-kusnadi/laras-pertiwi/-');
    await both('mutation($m: ID!) { splitPerson(mergeId: $m) { split { slug } } }', () => ({ m: editorMerge.id }));
    const again = await both(merge, mv) as { mergePersons: { merges: Merge[] } };
    expect(again.mergePersons.merges.filter((m) => m.method === 'EDITOR').map((m) => text(m.id)))
      .toEqual(['PersonMerge:hendra-wijaya-kusnadi/laras-pertiwi/-', 'PersonMerge:hendra-wijaya-kusnadi/laras-pertiwi/-/2']);
    // An automatic merge undone (its positions move to the person split off; their ids stay).
    const autoMerge = wa['agus-salim-nugroho'].merges[0];
    await both('mutation($m: ID!) { splitPerson(mergeId: $m) { split { slug positions { id } } } }', () => ({ m: autoMerge.id }));
    [wa, wb] = [await positionsAndMerges(a), await positionsAndMerges(b)];
    expect(wb).toEqual(wa);

    // A position keeps its id when its title, institution and dates change, and when it moves to another person.
    const held = wa['hendra-wijaya-kusnadi'].positions;
    expect(held.map((p) => text(p.id))).toContain('Position:laras-pertiwi/bupati/pemerintah-kabupaten-banyuwangi/2025-04-03-jadwal-kapal');
    for (const s of [a, b]) {
      const row = (await s.db.one<{ id: number }>("SELECT id FROM position WHERE node_key = 'laras-pertiwi/bupati/pemerintah-kabupaten-banyuwangi/2025-04-03-jadwal-kapal'"))!.id;
      await s.db.transaction((tx) => s.db.exec("UPDATE position SET title = 'Plt. Bupati', institution_id = NULL, valid_from = '2020-01-01' WHERE id = ?", [row], tx));
    }
    const edited = held.find((p) => text(p.id).startsWith('Position:laras-pertiwi/bupati/'))!;
    const [ea, eb] = [await positionsAndMerges(a, 'edited'), await positionsAndMerges(b, 'edited')];
    expect(eb).toEqual(ea);
    expect(ea['hendra-wijaya-kusnadi'].positions.find((p) => p.id === edited.id)).toMatchObject({ title: 'Plt. Bupati', institution: null });

    // node(id) answers every position and merge with the same id; the row-id forms issued before resolve to them too.
    const node = (s: TestServer, id: string) => s.gql('query($id: ID!) { node(id: $id) { __typename id ... on Position { title } ... on PersonMerge { form } } }', { id });
    const ids = Object.values(ea).flatMap((p) => [...p.positions.map((x) => ['Position', x.id]), ...p.merges.map((x) => ['PersonMerge', x.id])]);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    for (const s of [a, b]) {
      for (const [type, id] of ids) expect((await node(s, id)).body.data.node).toMatchObject({ __typename: type, id });
      const rows = await s.db.query<{ id: number; node_key: string }>('SELECT id, node_key FROM position UNION ALL SELECT -id, node_key FROM person_merge');
      expect(rows.every((r) => r.node_key)).toBe(true);
      for (const r of rows) {
        const [type, row] = r.id > 0 ? ['Position', r.id] : ['PersonMerge', -r.id];
        const old = Buffer.from(`${type}:${row}`).toString('base64url');
        const canonical = Buffer.from(`${type}:${r.node_key}`).toString('base64url');
        expect((await node(s, old)).body.data.node).toMatchObject({ __typename: type, id: canonical });
      }
      // An id of the right shape that names nothing is no node; mutations take either form.
      expect((await node(s, Buffer.from('Position:nobody/bupati/-/-').toString('base64url'))).body.data.node).toBeNull();
    }
    const undone = ea['hendra-wijaya-kusnadi'].merges.find((m) => m.method === 'EDITOR' && !m.undoneAt)!;
    const rowOf = Number((await a.db.one<{ id: number }>('SELECT id FROM person_merge WHERE node_key = ?', [text(undone.id).slice('PersonMerge:'.length)]))!.id);
    const split = await a.gql('mutation($m: ID!) { splitPerson(mergeId: $m) { split { slug } } }', { m: Buffer.from(`PersonMerge:${rowOf}`).toString('base64url') }, ka);
    expect(split.body.data.splitPerson.split.slug).toBe('laras-pertiwi');
  });
});
