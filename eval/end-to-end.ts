/**
 * End to end, as a new user would: `warta ingest` the bulk corpus into a fresh SQLite hub, serve it, and
 * page through the `attendance` query. Prints how many rows and distinct events the analysts get.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../bin/warta.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
}

function serve(env: NodeJS.ProcessEnv, port: number): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('node', [CLI, 'serve', '-p', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { proc.kill(); reject(new Error(`server did not start: ${out}`)); }, 60_000);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)\/graphql/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, url: `http://127.0.0.1:${m[1]}/graphql` }); }
    };
    proc.stdout!.on('data', on);
    proc.stderr!.on('data', on);
    proc.on('exit', (c) => { clearTimeout(timer); reject(new Error(`server exited ${c}: ${out}`)); });
  });
}

export interface EndToEnd { ingestSummary: string; rows: number; events: number; persons: number }

export async function endToEnd(articles: string): Promise<EndToEnd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-e2e-'));
  const env = { ...process.env, DATABASE_URL: path.join(dir, 'hub.sqlite'), WARTA_LOAD_DEMO: 'false', REDIS_URL: '', WARTA_KEY_REQUESTS: '0', WARTA_ANONYMOUS_REQUESTS: '0', WARTA_ANONYMOUS_COST: '100000000' };
  let ingestSummary = '';
  try {
    ingestSummary = execFileSync('node', [CLI, 'ingest', articles], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop() ?? '';
  } catch (e) {
    // A few unparseable lines make the exit code 1; the summary still says what went in.
    ingestSummary = String((e as { stdout?: string }).stdout ?? '').trim().split('\n').pop() ?? '';
  }
  const server = await serve(env, await freePort());
  try {
    const events = new Set<string>(), persons = new Set<string>();
    let rows = 0, after: string | null = null;
    for (;;) {
      const res = await fetch(server.url, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($after: String) { attendance(first: 100, after: $after) { edges { node { event { id } person { id } } } pageInfo { hasNextPage endCursor } } }', variables: { after } }),
      });
      const body = (await res.json()) as { data?: { attendance: { edges: Array<{ node: { event: { id: string }; person: { id: string } | null } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }; errors?: unknown };
      if (!body.data) throw new Error(`attendance query failed: ${JSON.stringify(body.errors)}`);
      for (const e of body.data.attendance.edges) { rows++; events.add(e.node.event.id); if (e.node.person) persons.add(e.node.person.id); }
      if (!body.data.attendance.pageInfo.hasNextPage) break;
      after = body.data.attendance.pageInfo.endCursor;
    }
    return { ingestSummary, rows, events: events.size, persons: persons.size };
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
