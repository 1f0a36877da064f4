/**
 * Says which backends this run covers: SQLite always, PostgreSQL when TEST_DATABASE_URL answers, Redis when
 * TEST_REDIS_URL (default 127.0.0.1:6379) answers. Under CI=true a missing PostgreSQL or Redis fails the run instead of
 * quietly shrinking it.
 */
const net = require('node:net');
const { Client } = require('pg');

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
    s.on('timeout', () => { s.destroy(); resolve(false); });
  });
}

module.exports = async () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let pg = false;
  if (pgUrl) {
    const c = new Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
    try { await c.connect(); await c.query('SELECT 1'); pg = true; } catch { pg = false; } finally { await c.end().catch(() => {}); }
  }
  const redisUrl = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
  const redis = await reachable(redisUrl.hostname, Number(redisUrl.port || 6379));
  const line = `backends: SQLite yes; PostgreSQL ${pg ? 'yes' : pgUrl ? `no (${new URL(pgUrl).host} does not answer)` : 'no (TEST_DATABASE_URL unset)'}; `
    + `Redis ${redis ? 'yes' : `no (${redisUrl.host} does not answer)`}`;
  process.stdout.write(`\n${line}\n`);
  if (process.env.CI === 'true' && (!pg || !redis)) {
    throw new Error(`CI=true needs every backend: ${line}`);
  }
};
