/** Warta server processes for tests that need more than one (shared Redis, shared PostgreSQL, signals). */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const CLI = path.join(__dirname, '../../bin/warta.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
}

/** `warta serve` with this environment, resolved once it listens (its URL from the start-up line). */
export function serveProcess(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<{ proc: ChildProcess; url: string; port: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('node', [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), timeoutMs);
    const on = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)\/graphql/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, url: `http://127.0.0.1:${m[1]}`, port: Number(m[1]) }); }
    };
    proc.stdout!.on('data', on);
    proc.stderr!.on('data', on);
    proc.on('exit', (c) => { clearTimeout(timer); reject(new Error(`server exited ${c}: ${out}`)); });
  });
}

/** Stops server processes and waits for them to exit. */
export async function stopProcesses(...ps: Array<{ proc: ChildProcess }>): Promise<void> {
  await Promise.all(ps.map((p) => new Promise((r) => { if (p.proc.exitCode != null) r(null); else { p.proc.once('exit', r); p.proc.kill('SIGTERM'); } })));
}
