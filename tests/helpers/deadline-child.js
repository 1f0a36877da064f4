/**
 * A Warta app in this process (the built dist/, demo content in a fresh SQLite file) answering a nested query whose
 * deadline passes while its lists are being completed, on a clock that moves 2 ms at every reading. Prints each answer's
 * status and code, then "alive" if the process is still running a moment later: an unobserved rejected promise ends a
 * Node process (--unhandled-rejections=throw, the default).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const dist = path.join(__dirname, '../../dist/src');
const { config } = require(`${dist}/config`);
const { Db } = require(`${dist}/db/database`);
const { createApp } = require(`${dist}/http/app`);
const { IngestService } = require(`${dist}/ingest`);
const { loadDemoIfEmpty } = require(`${dist}/demo`);

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-deadline-'));
  const db = await Db.open(path.join(dir, 'demo.sqlite'));
  const ingest = await IngestService.create(db);
  await loadDemoIfEmpty(db, ingest);
  Object.assign(config, { responseCacheSeconds: 0, anonymousRequestsPerWindow: 0, anonymousCostPerWindow: 0 });
  const handle = await createApp(db, ingest, {});
  const server = http.createServer(handle.listener);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/graphql`;
  const query = '{ articles(first: 10) { edges { node { title persons { name } events { name } } } } }';
  const post = async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = await res.json();
    console.log(res.status, body.errors ? body.errors.map((e) => e.extensions && e.extensions.code).join(',') : 'data');
  };
  Object.assign(config, { sqliteSliceMs: Number(process.argv[2] ?? 3), queryDeadlineMs: Number(process.argv[3] ?? 30) });
  let t = performance.now();
  const now = performance.now.bind(performance);
  performance.now = () => (t += 2);
  for (let i = 0; i < 3; i++) await post();
  performance.now = now;
  await new Promise((r) => setTimeout(r, 200));
  console.log('alive');
  server.close();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
})();
