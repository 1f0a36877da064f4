import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.join(__dirname, '../../bin/warta.js');
const run = (args: string[], env: Record<string, string> = {}, input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input, timeout: 60000 });

describe('warta CLI (compiled by npm test before jest runs)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-cli-'));
  const env = { DATABASE_URL: path.join(dir, 'cli.sqlite') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('ingest reports a malformed line with file and line, ingests the rest, exits 1, then reports unchanged', () => {
    const f = path.join(dir, 'in.jsonl');
    fs.writeFileSync(f, [
      JSON.stringify({ id: 'a', title: 'Bupati Lamongan Buka Pasar', body: 'Pasar Baru dibuka Bupati Lamongan, Hendra Kusuma, Senin (2/12/2019).' }),
      '{ not json',
      JSON.stringify({ id: 'c', title: '', body: 'tanpa judul' }),
      JSON.stringify({ id: 'd', title: 'Camat Waru Tinjau Banjir', body: 'Camat Waru, Dedi Kurnia meninjau banjir, Selasa (3/12/2019).' }),
    ].join('\n') + '\n');
    const r = run(['ingest', f], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${f}:2: invalid JSON`);
    expect(r.stderr).toContain(`${f}:3: title is missing or empty`);
    expect(r.stdout).toMatch(/^articles: 2 new, 0 unchanged, 2 failed; entities: \d+ created, \d+ linked; [\d.]+ s$/m);
    const again = run(['ingest', f], env);
    expect(again.stdout).toMatch(/articles: 0 new, 2 unchanged, 2 failed/);
  });

  test('an article\'s id is its identity: a corrected text under the same id updates it, keeping its slug and a reviewed mention', () => {
    const f = path.join(dir, 'fix.jsonl');
    const first = { id: 'koreksi-1', title: 'Bupati Pacitan Buka Festival', body: 'Festival Rakyat dibuka Bupati Pacitan, Indrata Nur Bayu Aji, Jumat (6/12/2019) di Pacitan.' };
    fs.writeFileSync(f, JSON.stringify(first) + '\n');
    expect(run(['ingest', f], env).stdout).toMatch(/articles: 1 new/);
    const sqlite = require('better-sqlite3')(env.DATABASE_URL);
    const before = sqlite.prepare("SELECT id, slug FROM article WHERE source_id = 'koreksi-1'").get();
    const mention = sqlite.prepare("SELECT id, start FROM mention WHERE article_id = ? ORDER BY start LIMIT 1").get(before.id);
    sqlite.prepare("UPDATE mention SET status = 'CONFIRMED' WHERE id = ?").run(mention.id);
    sqlite.close();
    fs.writeFileSync(f, JSON.stringify({ ...first, body: first.body.replace('Festival Rakyat', 'Festival Rakyat Pacitan') }) + '\n');
    const r = run(['ingest', f], env);
    expect(r.stdout).toMatch(/articles: 0 new, 0 unchanged, 1 re-extracted, 0 failed/);
    const after = require('better-sqlite3')(env.DATABASE_URL, { readonly: true });
    const rows = after.prepare("SELECT id, slug, body FROM article WHERE source_id = 'koreksi-1' OR title = ?").all(first.title);
    expect(rows).toEqual([{ id: before.id, slug: before.slug, body: expect.stringContaining('Festival Rakyat Pacitan') }]);
    expect(after.prepare("SELECT status FROM mention WHERE article_id = ? AND start = ?").get(before.id, mention.start)).toEqual({ status: 'CONFIRMED' });
    after.close();
  });

  test('ingest refuses non-UTF-8 and binary input with the file and byte offset, and ingests the rest', () => {
    const f = path.join(dir, 'bytes.jsonl');
    const good = JSON.stringify({ id: 'u1', title: 'Bupati Ngawi Resmikan Jembatan', body: 'Jembatan Kali Tempuk diresmikan Bupati Ngawi, Ony Anwar, Rabu (4/12/2019).' }) + '\n';
    // Line 2 holds a Latin-1 "é" (0xE9), which is no UTF-8: its offset is the length of line 1 plus the bytes before it.
    const latin1 = Buffer.concat([Buffer.from('{"id": "u2", "title": "Caf'), Buffer.from([0xe9]), Buffer.from('", "body": "x"}\n')]);
    const good3 = JSON.stringify({ id: 'u3', title: 'Camat Paron Tinjau Sawah', body: 'Camat Paron, Joko Waluyo meninjau sawah, Kamis (5/12/2019).' }) + '\n';
    fs.writeFileSync(f, Buffer.concat([Buffer.from(good), latin1, Buffer.from(good3)]));
    const bin = path.join(dir, 'image.txt');
    fs.writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const r = run(['ingest', f, bin], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${f}:2: byte offset ${Buffer.byteLength(good) + 26}: not UTF-8 text; refused`);
    expect(r.stderr).toContain(`${bin}: byte offset 0: not UTF-8 text; refused`);
    expect(r.stdout).toMatch(/articles: 2 new, 0 unchanged, 2 failed/);
    const nul = path.join(dir, 'nul.txt');
    fs.writeFileSync(nul, Buffer.from('Judul\n\nIsi\u0000biner'));
    expect(run(['ingest', nul], env).stderr).toContain(`${nul}: byte offset 10: a NUL byte (binary data, not text); refused`);
  });

  test('extract --json follows the contract, one object per article, from stdin too', () => {
    const text = 'Rakor Uji\n\nRapat Koordinasi (Rakor) Penanganan Banjir digelar Pemkab Sidoarjo di Pendopo Delta Wibawa, Rabu (4/12/2019). Rakor dibuka Bupati Sidoarjo, Saiful Ilah.';
    const r = run(['extract', '--json', '-'], {}, text);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]);
    expect(Object.keys(o)).toEqual(['id', 'article', 'persons', 'institutions', 'places', 'events', 'quotes']);
    expect(Object.keys(o.article)).toEqual(['title', 'section', 'outlet', 'dateline', 'byline', 'publishedOn', 'language', 'related']);
    expect(o.events[0]).toMatchObject({ kind: 'RAKOR', startDate: '2019-12-04', endDate: '2019-12-04', organizers: ['Pemerintah Kabupaten Sidoarjo'],
      participants: [{ person: 'Saiful Ilah', role: 'OPENER' }] });
    expect(Object.keys(o.places[0])).toEqual(['name', 'kind', 'code']);
  });
  test('ingest with Redis moves the search generation on once its last batch is searchable, before it exits', async () => {
    const { default: Redis } = await import('ioredis');
    const prefix = `warta-cli-test-${process.pid}-${Date.now()}`;
    const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const f = path.join(dir, 'redis.jsonl');
      fs.writeFileSync(f, `${JSON.stringify({ id: 'r1', title: 'Wali Kota Madiun Resmikan Taman', body: 'Taman Kota diresmikan Wali Kota Madiun, Rina Sulastri, Rabu (4/12/2019).' })}\n`);
      const r = run(['ingest', '--quiet', f], { DATABASE_URL: path.join(dir, 'redis.sqlite'), REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', WARTA_QUOTA_PREFIX: prefix });
      expect(r.stdout).toMatch(/articles: 1 new/);
      // The data generation moved at the commit, the search generation when the index had taken the article: servers
      // sharing this Redis then drop search answers cached before it was searchable.
      expect(Number(await redis.get(`${prefix}:generation`))).toBeGreaterThanOrEqual(1);
      expect(Number(await redis.get(`${prefix}:search-generation`))).toBeGreaterThanOrEqual(1);
    } finally {
      await redis.del(`${prefix}:generation`, `${prefix}:search-generation`);
      await redis.quit();
    }
  });
});
