/**
 * The speed benchmark's raw-SQL reference (bench/reference.ts) must answer its three shapes byte for byte as Warta
 * does, or its ratios compare different work: checked here on a small generated database, so that a change to
 * Warta's answers shows up in `npm test` rather than only when the bench refuses to time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Db } from '../../src/db/database';
import { generate } from '../../bench/generate';
import { EVENTS_QUERY, eventsHandler, NESTED_QUERY, PERSON_QUERY, personHandler, referenceHandler } from '../../bench/reference';
import { startTestServer, TestServer } from '../helpers/server';

describe('bench reference handlers', () => {
  let dir: string, file: string, db: Db, s: TestServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-bench-ref-'));
    file = path.join(dir, 'bench.sqlite');
    db = await Db.open(file);
    await generate(db, 600);
    s = await startTestServer(db, { demo: false });
  });
  afterAll(async () => {
    await s.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const raw = async (query: string, variables: Record<string, unknown>) => (await fetch(`${s.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }),
  })).text();

  it('answers the nested articles query as Warta does', async () => {
    const ref = referenceHandler(file);
    for (const first of [5, 50]) expect(ref(first)).toBe(await raw(NESTED_QUERY, { first }));
  });

  it('answers events with participants as Warta does', async () => {
    const ref = eventsHandler(file);
    for (const first of [5, 50]) expect(ref(first)).toBe(await raw(EVENTS_QUERY, { first }));
  });

  it('answers a busy person page, and an unknown one, as Warta does', async () => {
    const ref = personHandler(file);
    const busy = await db.one<{ slug: string }>('SELECT p.slug FROM participation pa JOIN person p ON p.id = pa.person_id GROUP BY pa.person_id, p.slug ORDER BY COUNT(*) DESC LIMIT 1');
    for (const slug of [busy!.slug, 'person-2', 'nobody']) expect(ref(slug)).toBe(await raw(PERSON_QUERY, { slug }));
  });
});
