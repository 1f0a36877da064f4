/**
 * Exports over HTTP (streamed, analyst key) and from the CLI: CSV a spreadsheet reads (BOM, header, quoting, UTF-8),
 * JSON Lines, the GraphQL filters by global id or slug, and clear refusals.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ApiRole } from '../../src/entities/enums';
import { exportRows } from '../../src/services/export.service';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

describe.each(targets())('exports on $name', (target) => {
  let s: TestServer;
  let analyst: string;
  let reader: string;
  beforeAll(async () => {
    s = await startTestServer(await target.open());
    const keys = new ApiKeyService(s.db);
    analyst = (await keys.create('analyst', ApiRole.ANALYST, [])).key;
    reader = (await keys.create('reader', ApiRole.READER, [])).key;
  });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });

  const get = (p: string, key?: string) => fetch(`${s.url}${p}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  test('only analyst keys and above may export', async () => {
    expect((await get('/exports/attendance.csv')).status).toBe(401);
    expect((await get('/exports/attendance.csv', reader)).status).toBe(403);
    expect((await get('/exports/attendance.csv', analyst)).status).toBe(200);
    expect((await get('/exports/nothing.csv', analyst)).status).toBe(404);
  });

  test('attendance CSV: BOM, header, quoted UTF-8, filtered like GraphQL (organiser by slug, dates)', async () => {
    const res = await get('/exports/attendance.csv?organizer=kementerian-dalam-negeri&from=2019-01-01&to=2019-12-31', analyst);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('warta-attendance.csv');
    const buf = Buffer.from(await res.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(buf, { bom: true, columns: true }) as Array<Record<string, string>>;
    // In date order.
    expect(rows.map((r) => [r.date, r.person, r.role])).toEqual([
      ['2019-10-21', 'Sutiaji', 'OPENER'], ['2019-10-21', 'Sugeng Haryono', 'SPEAKER'],
      ['2019-11-13', 'Saiful Ilah', 'OPENER'], ['2019-11-13', 'Sugeng Haryono', 'ATTENDEE'], ['2019-11-13', 'Sugeng Haryono', 'SPEAKER'],
      ['2019-11-13', 'Bambang Suryanto', 'SPEAKER'], ['2019-12-02', 'Sugeng Haryono', 'SPEAKER'], ['2019-12-02', 'Bambang Suryanto', 'ATTENDEE'],
    ]);
    // The same filter by global id gives the same rows.
    const gid = (await s.gql('{ institution(slug: "kementerian-dalam-negeri") { id } }')).body.data.institution.id;
    const byId = parse(Buffer.from(await (await get(`/exports/attendance.csv?organizer=${gid}&from=2019-01-01&to=2019-12-31`, analyst)).arrayBuffer()), { bom: true, columns: true });
    expect(byId).toEqual(rows);
  });

  test('events CSV: organisers by name and slug, in date order with undated events last, the same across page boundaries', async () => {
    const rows = parse(Buffer.from(await (await get('/exports/events.csv', analyst)).arrayBuffer()), { bom: true, columns: true }) as Array<Record<string, string>>;
    const rakor = rows.find((r) => r.slug === '2019-rakor-pengembangan-sop')!;
    expect(rakor).toMatchObject({ organizers: 'Kementerian Dalam Negeri', organizer_slugs: 'kementerian-dalam-negeri', articles: '2' });
    const dates = rows.map((r) => r.start_date || '9999-12-31');
    expect(dates).toEqual([...dates].sort());
    // A place by its bare slug is the place.
    const csv = async (q: string) => (await (await get(`/exports/events.csv?${q}`, analyst)).text());
    expect(await csv('place=sidoarjo')).toBe(await csv('place=sidoarjo-regency'));
    // Keyset pages of two rows give the same rows as one page.
    const all = [];
    for await (const r of exportRows(s.db, 'attendance', {}, 2)) all.push(r);
    const whole = [];
    for await (const r of exportRows(s.db, 'attendance', {})) whole.push(r);
    expect(all).toEqual(whole);
    expect(all.length).toBeGreaterThan(10);
    const events = [];
    for await (const r of exportRows(s.db, 'events', {}, 3)) events.push(r);
    expect(events.map((e) => e.slug)).toEqual(rows.map((r) => r.slug));
  });

  test('people as JSON Lines, one object per line', async () => {
    const res = await get('/exports/people.jsonl', analyst);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const saiful = lines.find((l) => l.slug === 'saiful-ilah');
    expect(saiful).toMatchObject({ name: 'Saiful Ilah', latest_title: 'Bupati', latest_institution: 'Pemerintah Kabupaten Sidoarjo', events: 6 });
    expect(lines.length).toBe(Number((await s.db.one<{ n: number }>('SELECT COUNT(*) AS n FROM person WHERE merged_into_id IS NULL'))!.n));
  });

  test('a bad filter is a 400 naming the parameter', async () => {
    for (const [q, field] of [['from=2019-13-01', 'from'], ['role=BOSS', 'role'], ['person=nobody-at-all', 'person'], ['sort=name', 'sort']]) {
      const res = await get(`/exports/attendance.csv?${q}`, analyst);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field });
    }
  });
});

test('warta export writes a file with the GraphQL filters, and refuses a bad one with exit code 2', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-export-'));
  const env = { ...process.env, DATABASE_URL: path.join(dir, 'w.sqlite') };
  const cli = path.join(__dirname, '../../bin/warta.js');
  execFileSync('node', [cli, 'ingest', path.join(__dirname, '../../src/demo/articles')], { env, stdio: 'pipe' });
  const out = path.join(dir, 'events.csv');
  execFileSync('node', [cli, 'export', 'events', '--kind', 'RAKOR', '-o', out], { env, stdio: 'pipe' });
  const rows = parse(fs.readFileSync(out), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(rows.map((r) => r.start_date).sort()).toEqual(['2019-11-13', '2020-02-04']);
  const bad = spawnSync('node', [cli, 'export', 'events', '--from', 'yesterday'], { env, encoding: 'utf8' });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('--from: must be a calendar date YYYY-MM-DD');
  fs.rmSync(dir, { recursive: true, force: true });
});
