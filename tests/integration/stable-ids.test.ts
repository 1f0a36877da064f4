/**
 * Global ids do not depend on the backend's row ids: the demo articles ingested into SQLite and into PostgreSQL give
 * the same ids, even when PostgreSQL's sequences have moved on (as conflicting inserts make them do). Ids issued in
 * the row-id form keep resolving; padded ids answer with the canonical id.
 */
import { Db } from '../../src/db/database';
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
    for (const t of ['article', 'person', 'institution', 'place', 'event', 'quote', 'mention', 'participation']) {
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
});
