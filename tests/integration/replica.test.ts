/**
 * Read replicas for real: the test starts its own PostgreSQL primary and a streaming-replication standby
 * (initdb, pg_basebackup), in a temporary folder on free ports, and points Warta at both with replicaUrls
 * (DATABASE_REPLICA_URLS). It runs wherever the PostgreSQL server binaries are installed (CI has them).
 * The machine's own server is not touched: its pg_hba.conf allows no replication connections.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseText } from '../../src/ingest/parse';
import { demoFiles } from '../../src/demo';

const PG_BIN = (() => {
  try {
    const v = fs.readdirSync('/usr/lib/postgresql').filter((d) => fs.existsSync(`/usr/lib/postgresql/${d}/bin/initdb`)).sort((a, b) => Number(a) - Number(b)).pop();
    return v ? `/usr/lib/postgresql/${v}/bin` : null;
  } catch { return null; }
})();

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function pg(tool: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', `${PG_BIN}/${tool}`, ...args]] : [`${PG_BIN}/${tool}`, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sql<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text)).rows as T[]; } finally { await c.end(); }
}

if (PG_BIN) {
  describe('read replicas (a primary and a streaming standby started by the test)', () => {
    let dir: string;
    let primary: string, standby: string;
    const started: string[] = [];

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-replica-'));
      if (process.getuid?.() === 0) {
        const [uid, gid] = ['-u', '-g'].map((f) => Number(execFileSync('id', [f, 'postgres'], { encoding: 'utf8' }).trim()));
        fs.chownSync(dir, uid, gid);
      }
      const [p1, p2] = [await freePort(), await freePort()];
      const opts = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
      // initdb with trust also allows replication connections from 127.0.0.1 in the new cluster's own pg_hba.conf.
      pg('initdb', ['-D', `${dir}/primary`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
      pg('pg_ctl', ['-D', `${dir}/primary`, '-l', `${dir}/primary.log`, '-w', '-t', '60', '-o', opts(p1), 'start']);
      started.push(`${dir}/primary`);
      pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(p1), '-U', 'postgres', '-D', `${dir}/standby`, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
      pg('pg_ctl', ['-D', `${dir}/standby`, '-l', `${dir}/standby.log`, '-w', '-t', '60', '-o', opts(p2), 'start']);
      started.push(`${dir}/standby`);
      await sql(`postgres://postgres@127.0.0.1:${p1}/postgres`, 'CREATE DATABASE warta');
      primary = `postgres://postgres@127.0.0.1:${p1}/warta`;
      standby = `postgres://postgres@127.0.0.1:${p2}/warta`;
      await until('the standby to have the database', async () => (await sql(standby, 'SELECT pg_is_in_recovery() AS r'))[0].r === true);
    }, 120_000);

    afterAll(() => {
      for (const d of started.reverse()) { try { pg('pg_ctl', ['-D', d, '-m', 'immediate', 'stop']); } catch { /* already down */ } }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test('plain reads come from the standby, writes and transactions from the primary; a write shows on the standby once replayed', async () => {
      const db = await Db.open(primary, { replicaUrls: [standby] });
      try {
        // Migrations ran on the primary; the standby replays them.
        await until('the schema on the standby', async () => (await sql(standby, "SELECT to_regclass('public.article') IS NOT NULL AS ok"))[0].ok === true);
        expect((await db.one<{ r: boolean }>('SELECT pg_is_in_recovery() AS r'))!.r).toBe(true);
        expect(await db.transaction(async (tx) => (await db.one<{ r: boolean }>('SELECT pg_is_in_recovery() AS r', [], tx))!.r)).toBe(false);

        // With replay paused, an ingest lands on the primary and the API's reads do not see it yet: they are the standby's.
        await sql(standby, 'SELECT pg_wal_replay_pause()');
        const ingest = await IngestService.create(db);
        const file = demoFiles()[0];
        const r = await ingest.ingest(parseText(fs.readFileSync(file, 'utf8'), path.basename(file)));
        expect(r.status).toBe('new');
        expect(Number((await sql<{ n: string }>(primary, 'SELECT COUNT(*) AS n FROM article'))[0].n)).toBe(1);
        expect(Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n)).toBe(0);

        await sql(standby, 'SELECT pg_wal_replay_resume()');
        await until('the standby to replay the ingest', async () => Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article'))!.n) === 1);
        const people = await db.query<{ name: string }>('SELECT name FROM person ORDER BY name');
        expect(people.length).toBeGreaterThan(0);
        expect(people).toEqual(await sql(primary, 'SELECT name FROM person ORDER BY name'));
      } finally {
        await db.close();
      }
    }, 60_000);
  });
}
