/**
 * Many writers on one SQLite file wait their turn: two `warta ingest` processes and two `warta serve` processes taking
 * editor writes, all at once on one file, finish with no failed article and no failed edit (BEGIN IMMEDIATE under
 * the busy timeout, retried with backoff). The articles are invented here, numbered so that none repeats.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Db } from '../../src/db/database';
import { ApiRole } from '../../src/entities/enums';
import { ApiKeyService } from '../../src/services/api-key.service';
import { CLI, freePort, serveProcess, stopProcesses } from '../helpers/process';

const regencies = ['Ngawi', 'Magetan', 'Madiun', 'Ponorogo', 'Pacitan', 'Trenggalek', 'Tulungagung', 'Blitar', 'Kediri', 'Nganjuk'];
const article = (who: string, i: number) => {
  const r = regencies[i % regencies.length];
  return {
    id: `${who}-${i}`, title: `Rapat Antrean ${who} ${i} di ${r}`, published_at: `2023-0${1 + (i % 9)}-1${i % 10}`,
    body: `Rapat Koordinasi Antrean ${who} Nomor ${i} digelar Pemkab ${r} di Pendopo ${r}, Senin (${1 + (i % 27)}/5/2023). `
      + `Kepala Dinas Kominfo ${r}, Budi Santoso${i} membuka acara. "Kami menunggu giliran dengan tertib," kata Budi Santoso${i}.`,
  };
};

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('node', [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('exit', (code) => resolve({ code, out }));
  });
}

test('two ingests and two servers writing to one SQLite file at once: 0 failed articles, 0 failed edits, every article stored', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-writers-'));
  const file = path.join(dir, 'w.sqlite');
  const db = await Db.open(file);
  const editor = (await new ApiKeyService(db).create('editor', ApiRole.EDITOR, [])).key;
  await db.close();
  const env = { ...process.env, DATABASE_URL: file, REDIS_URL: '', WARTA_LOAD_DEMO: 'false', HOST: '127.0.0.1', PORT: String(await freePort()), WARTA_ANONYMOUS_REQUESTS: '0', WARTA_KEY_REQUESTS: '0' };
  const N = 1000;
  const EDITS = 2 * 50;
  for (const who of ['a', 'b']) fs.writeFileSync(path.join(dir, `${who}.jsonl`), Array.from({ length: N }, (_, i) => JSON.stringify(article(who, i))).join('\n') + '\n');
  const server = await serveProcess(env);
  const second = await serveProcess({ ...env, PORT: String(await freePort()) });
  try {
    const editor$ = async (url: string, who: string) => {
      const codes: string[] = [];
      for (let i = 0; i < EDITS / 2; i++) {
        const a = article(who, i);
        const r = await fetch(`${url}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
          body: JSON.stringify({ query: 'mutation($t: String!, $b: String!) { ingestArticle(input: { title: $t, body: $b, publishedAt: "2023-05-01" }) { status } }', variables: { t: a.title, b: a.body } }),
        });
        const body = await r.json() as any;
        codes.push(body.errors ? String(body.errors[0].extensions?.code) : body.data.ingestArticle.status);
      }
      return codes;
    };
    // An editor on each of two servers, while both ingests run.
    const [ia, ib, c1, c2] = await Promise.all([run(['ingest', '--quiet', path.join(dir, 'a.jsonl')], env), run(['ingest', '--quiet', path.join(dir, 'b.jsonl')], env),
      editor$(server.url, 's'), editor$(second.url, 't')]);
    const codes = [...c1, ...c2];
    expect(ia.out).toMatch(new RegExp(`articles: ${N} new, 0 unchanged, 0 failed`));
    expect(ib.out).toMatch(new RegExp(`articles: ${N} new, 0 unchanged, 0 failed`));
    expect([ia.code, ib.code]).toEqual([0, 0]);
    expect(codes.filter((c) => c !== 'NEW')).toEqual([]);
    const check = await Db.open(file);
    expect(Number((await check.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(2 * N + EDITS);
    await check.close();
  } finally {
    await stopProcesses(server, second);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
