import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const RAKOR = `{ events(filter: { search: "Rakor" }) { edges { node { name startDate endDate venue { name } city { name } participantCount
  organizers { name } participants { role person { name currentPosition { title institution { name } } } } } } } }`;

describe.each(targets())('GraphQL over HTTP on $name', (target) => {
  let s: TestServer;
  let editorKey: string;
  let readerKey: string;
  beforeAll(async () => {
    s = await startTestServer(await target.open());
    const keys = new ApiKeyService(s.db);
    editorKey = (await keys.create('desk', ApiRole.EDITOR, [])).key;
    readerKey = (await keys.create('portal', ApiRole.READER, [])).key;
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  test('the Rakor query returns the event with its facts', async () => {
    const r = await s.gql(RAKOR);
    expect(r.body.errors).toBeUndefined();
    const rakor = r.body.data.events.edges.map((e: any) => e.node).find((n: any) => n.startDate === '2019-11-13');
    expect(rakor).toEqual({
      name: 'Rapat Koordinasi Pengembangan Standar Operasional Prosedur', startDate: '2019-11-13', endDate: '2019-11-15',
      venue: { name: 'Hotel Swiss Belinn Airport Juanda' }, city: { name: 'Sidoarjo' }, participantCount: 198,
      organizers: [{ name: 'Kementerian Dalam Negeri' }],
      participants: [
        { role: 'OPENER', person: { name: 'Saiful Ilah', currentPosition: { title: 'Bupati', institution: { name: 'Pemerintah Kabupaten Sidoarjo' } } } },
        { role: 'SPEAKER', person: { name: 'Sugeng Haryono', currentPosition: { title: 'Kepala Biro Organisasi dan Tata Laksana', institution: { name: 'Kementerian Dalam Negeri' } } } },
        { role: 'SPEAKER', person: { name: 'Bambang Suryanto', currentPosition: { title: 'Sekretaris Daerah', institution: { name: 'Pemerintah Kabupaten Sidoarjo' } } } },
        { role: 'ATTENDEE', person: { name: 'Sugeng Haryono', currentPosition: { title: 'Kepala Biro Organisasi dan Tata Laksana', institution: { name: 'Kementerian Dalam Negeri' } } } },
      ],
    });
  });

  test('objects by slug, by id and through node(id)', async () => {
    const a = await s.gql('{ persons(filter: { name: "saiful" }) { edges { node { id slug name } } } }');
    const p = a.body.data.persons.edges[0].node;
    const bySlug = await s.gql('query($s: String) { person(slug: $s) { id name } }', { s: p.slug });
    expect(bySlug.body.data.person).toEqual({ id: p.id, name: 'Saiful Ilah' });
    const node = await s.gql('query($id: ID!) { node(id: $id) { id ... on Person { name } } }', { id: p.id });
    expect(node.body.data.node).toEqual({ id: p.id, name: 'Saiful Ilah' });
  });

  test('dates are typed (Date, DateTime scalars) and sent as the same ISO 8601 strings', async () => {
    const t = await s.gql('{ e: __type(name: "Event") { fields { name type { name } } } a: __type(name: "Article") { fields { name type { name } } } d: __type(name: "Date") { kind } }');
    const typeOf = (fields: Array<{ name: string; type: { name: string } }>, f: string) => fields.find((x) => x.name === f)!.type.name;
    expect(t.body.data.d.kind).toBe('SCALAR');
    expect([typeOf(t.body.data.e.fields, 'startDate'), typeOf(t.body.data.e.fields, 'endDate')]).toEqual(['Date', 'Date']);
    expect([typeOf(t.body.data.a.fields, 'publishedOn'), typeOf(t.body.data.a.fields, 'publishedAt')]).toEqual(['Date', 'DateTime']);
    const r = await s.gql('query($from: Date) { events(filter: { from: $from, search: "Rakor Pengembangan" }) { edges { node { startDate endDate } } } }', { from: '2019-11-01' });
    expect(r.body.data.events.edges[0].node).toEqual({ startDate: '2019-11-13', endDate: '2019-11-15' });
    // A wrong date is still the client's error, naming the field.
    const bad = await s.gql('query($from: Date) { events(filter: { from: $from }) { totalCount } }', { from: '13/11/2019' });
    expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  test('links both ways: person → participations → event → coverage, oldest first', async () => {
    const r = await s.gql(`{ person(slug: "sugeng-haryono") { positions { title institution { name } } participations { role event { name coverage { publishedOn } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const parts = r.body.data.person.participations;
    const rakor = parts.find((x: any) => x.event.name.startsWith('Rapat Koordinasi Pengembangan'));
    expect(rakor.event.coverage.map((c: any) => c.publishedOn)).toEqual(['2019-11-13', '2019-11-15']);
    expect(parts.map((x: any) => x.role)).toEqual(expect.arrayContaining(['SPEAKER', 'ATTENDEE']));
  });

  test('connections page with cursors and count the total', async () => {
    const p1 = await s.gql('{ articles(first: 4) { totalCount pageInfo { hasNextPage endCursor } edges { node { publishedOn } } } }');
    const c = p1.body.data.articles;
    expect(c.totalCount).toBe(9);
    expect(c.pageInfo.hasNextPage).toBe(true);
    const p2 = await s.gql('query($a: String) { articles(first: 10, after: $a) { pageInfo { hasNextPage } edges { node { publishedOn } } } }', { a: c.pageInfo.endCursor });
    const dates = [...c.edges, ...p2.body.data.articles.edges].map((e: any) => e.node.publishedOn);
    expect(dates).toHaveLength(9);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(p2.body.data.articles.pageInfo.hasNextPage).toBe(false);
  });

  test('filters: events by kind and date range, articles by mentioned person', async () => {
    const r = await s.gql('{ events(filter: { kind: RAKOR, from: "2020-01-01" }) { edges { node { name } } } }');
    expect(r.body.data.events.edges.map((e: any) => e.node.name)).toEqual(['Rapat Koordinasi Pengendalian Inflasi Daerah']);
    const p = await s.gql('{ person(slug: "bambang-suryanto") { id } }');
    const a = await s.gql('query($p: ID) { articles(filter: { person: $p }) { totalCount } }', { p: p.body.data.person.id });
    expect(a.body.data.articles.totalCount).toBe(5);
  });

  test('bad input names the field: first over the cap, a wrong id, a bad date', async () => {
    const r1 = await s.gql('{ articles(first: 1000) { totalCount } }');
    expect(r1.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(r1.body.errors![0].message).toMatch(/first/);
    const r2 = await s.gql('{ articles(filter: { person: "nonsense" }) { totalCount } }');
    expect(r2.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.person' });
    const r3 = await s.gql('{ events(filter: { from: "13-11-2019" }) { totalCount } }');
    expect(r3.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(r3.body.errors![0].message).toMatch(/from/);
  });

  test('mutations need an editor key', async () => {
    const m = 'mutation { ingestArticle(input: { title: "Uji", body: "Camat Waru, Dedi Kurnia meninjau pasar, Senin (2/12/2019)." }) { status } }';
    expect((await s.gql(m)).body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await s.gql(m, undefined, readerKey)).body.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await s.gql(m, undefined, 'wk_not_a_key')).status).toBe(401);
    expect((await s.gql(m, undefined, editorKey)).body.data.ingestArticle.status).toBe('NEW');
    expect((await s.gql(m, undefined, editorKey)).body.data.ingestArticle.status).toBe('UNCHANGED');
  });

  test('ingestArticle with bad input writes nothing and names the field', async () => {
    const before = await s.gql('{ articles { totalCount } }');
    const r = await s.gql('mutation { ingestArticle(input: { title: "Uji", body: "Isi", url: "javascript:alert(1)" }) { status } }', undefined, editorKey);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const r2 = await s.gql('mutation { ingestArticle(input: { title: "Tanpa isi" }) { status } }', undefined, editorKey);
    expect(r2.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect((await s.gql('{ articles { totalCount } }')).body.data.articles.totalCount).toBe(before.body.data.articles.totalCount);
  });

  test('merging persons: the merged id keeps resolving to the survivor', async () => {
    const add = await s.gql('mutation { ingestArticle(input: { title: "Pak Saiful", body: "Bapak Saiful Ilah Sidoarjo mengatakan, Selasa (3/12/2019), bahwa banjir surut. Tokoh masyarakat Saiful Ilahi juga hadir." }) { status } }', undefined, editorKey);
    expect(add.body.errors).toBeUndefined();
    const ids = await s.gql('{ a: person(slug: "saiful-ilah") { id } b: person(slug: "hadi-prasetyo") { id } }');
    const m = await s.gql('mutation($s: ID!, $m: ID!) { mergePersons(survivorId: $s, mergedId: $m) { id name aliases } }', { s: ids.body.data.a.id, m: ids.body.data.b.id }, editorKey);
    expect(m.body.data.mergePersons).toMatchObject({ id: ids.body.data.a.id, name: 'Saiful Ilah' });
    expect(m.body.data.mergePersons.aliases).toContain('Hadi Prasetyo');
    const again = await s.gql('query($id: ID!) { person(id: $id) { id name } }', { id: ids.body.data.b.id });
    expect(again.body.data.person).toEqual({ id: ids.body.data.a.id, name: 'Saiful Ilah' });
  });

  test('reviewMention rejects a mention and it drops out of article.persons', async () => {
    const r = await s.gql('{ articles(first: 50) { edges { node { id title mentions(type: PERSON) { id text } persons { name } } } } }');
    const art = r.body.data.articles.edges.map((e: any) => e.node).find((n: any) => n.title.startsWith('Gubernur Jawa Timur'));
    const ms = art.mentions.filter((x: any) => x.text.includes('Khofifah'));
    for (const mention of ms) {
      const rv = await s.gql('mutation($id: ID!) { reviewMention(id: $id, status: REJECTED) { status } }', { id: mention.id }, editorKey);
      expect(rv.body.data.reviewMention.status).toBe('REJECTED');
    }
    const after = await s.gql('query($id: ID!) { article(id: $id) { persons { name } } }', { id: art.id });
    expect(after.body.data.article.persons.map((p: any) => p.name)).not.toContain('Khofifah Indar Parawansa');
  });

  test('updateEvent, addPosition and addParticipation validate and write', async () => {
    const ev = await s.gql('{ events(filter: { kind: RAKOR, to: "2019-12-31" }) { edges { node { id } } } }');
    const id = ev.body.data.events.edges[0].node.id;
    const bad = await s.gql('mutation($id: ID!) { updateEvent(id: $id, input: { startDate: "2019-11-20", endDate: "2019-11-10" }) { id } }', { id }, editorKey);
    expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endDate' });
    const ok = await s.gql('mutation($id: ID!) { updateEvent(id: $id, input: { participantCount: 200 }) { participantCount } }', { id }, editorKey);
    expect(ok.body.data.updateEvent.participantCount).toBe(200);
    const p = await s.gql('{ person(slug: "sutiaji") { id } institution(slug: "kementerian-dalam-negeri") { id } }');
    const pos = await s.gql('mutation($p: ID!, $i: ID) { addPosition(input: { person: $p, title: "Penasihat", institution: $i, validFrom: "2020-01-01" }) { title institution { name } } }',
      { p: p.body.data.person.id, i: p.body.data.institution.id }, editorKey);
    expect(pos.body.data.addPosition).toEqual({ title: 'Penasihat', institution: { name: 'Kementerian Dalam Negeri' } });
    const part = await s.gql('mutation($e: ID!, $p: ID) { addParticipation(input: { event: $e, person: $p, role: SPEAKER }) { role person { name } event { id } } }',
      { e: id, p: p.body.data.person.id }, editorKey);
    expect(part.body.data.addParticipation).toEqual({ role: 'SPEAKER', person: { name: 'Sutiaji' }, event: { id } });
  });
});
