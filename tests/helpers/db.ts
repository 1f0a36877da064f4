/**
 * Database targets for integration tests: always a fresh SQLite file; a fresh PostgreSQL database too when
 * TEST_DATABASE_URL points at a server (CI sets it). Both run the real migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Db } from '../../src/db/database';

export interface Target { name: 'sqlite' | 'postgres'; open(): Promise<Db>; cleanup(): Promise<void> }

export function targets(): Target[] {
  const out: Target[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-test-'));
  out.push({
    name: 'sqlite',
    open: () => Db.open(path.join(dir, `t-${Math.random().toString(36).slice(2)}.sqlite`)),
    cleanup: async () => { fs.rmSync(dir, { recursive: true, force: true }); },
  });
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const created: string[] = [];
    out.push({
      name: 'postgres',
      open: async () => {
        const name = `warta_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        const c = new Client({ connectionString: base });
        await c.connect();
        await c.query(`CREATE DATABASE ${name}`);
        await c.end();
        created.push(name);
        const u = new URL(base);
        u.pathname = `/${name}`;
        return Db.open(u.toString());
      },
      cleanup: async () => {
        const c = new Client({ connectionString: base });
        await c.connect();
        for (const n of created) await c.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
        await c.end();
      },
    });
  }
  return out;
}
