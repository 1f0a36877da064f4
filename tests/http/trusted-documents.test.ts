/**
 * Trusted documents: the explorer's operations, written by hash into dist/explorer/trusted-documents.json when it is
 * built (`npm test` builds first), are persisted queries the server knows from the start.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTrustedDocuments, TRUSTED_DOCUMENTS_FILE } from '../../src/graphql/trusted-documents';
import * as operations from '../../explorer/src/operations';
import { targets } from '../helpers/db';
import { startTestServer, TestServer } from '../helpers/server';

const sha = (t: string) => crypto.createHash('sha256').update(t).digest('hex');

test('the build lists every explorer operation by its hash', () => {
  const manifest = loadTrustedDocuments();
  expect(fs.existsSync(TRUSTED_DOCUMENTS_FILE)).toBe(true);
  expect([...manifest.keys()].sort()).toEqual(Object.values(operations).map(sha).sort());
});

test('a manifest entry that does not hash to its key is refused', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'warta-trusted-')), 'm.json');
  fs.writeFileSync(file, JSON.stringify({ [sha('{ articles(first: 1) { edges { node { title } } } }')]: '{ apiKeys { name } }' }));
  expect(() => loadTrustedDocuments(file)).toThrow(/does not match/);
});

describe.each(targets())('trusted documents on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(await target.open()); });
  afterAll(async () => { await s.close(); await s.db.close(); await target.cleanup(); });
  const byHash = async (sha256Hash: string, variables: Record<string, unknown> = {}) => (await fetch(`${s.url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  })).json() as Promise<{ data?: any; errors?: Array<{ extensions?: { code?: string } }> }>;

  test('a first-party client sends only the hash, from its first request', async () => {
    const r = await byHash(sha(operations.RECENT_EVENTS));
    expect(r.errors).toBeUndefined();
    expect(r.data.events.edges.length).toBeGreaterThan(0);
    const ev = await byHash(sha(operations.EVENT_PAGE), { s: r.data.events.edges[0].node.slug });
    expect(ev.data.event.name).toBe(r.data.events.edges[0].node.name);
  });

  test('any other hash still has to be registered first', async () => {
    const r = await byHash(sha('{ articles(first: 1) { edges { node { slug } } } }'));
    expect(r.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  test('a persisted query whose text does not match its hash is a named client error, with no stack in the error log', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const query = '{ events(first: 1) { edges { node { name } } } }';
      const res = await fetch(`${s.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha(`${query} `) } } }),
      });
      expect(res.status).toBe(400);
      const body = await res.json() as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect(body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
      expect(body.errors[0].message).toMatch(/does not match/);
      expect(body.errors[0].extensions.stacktrace).toBeUndefined();
      expect(errors).not.toHaveBeenCalled();
      // The right hash still registers and runs.
      const ok = await fetch(`${s.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha(query) } } }),
      });
      expect((await ok.json() as any).data.events.edges).toHaveLength(1);
    } finally {
      errors.mockRestore();
    }
  });
});
