/**
 * SQLite's search indexer (search/search-indexer.ts): the writer's transaction only queues records in the outbox,
 * a worker thread with its own connection writes their documents into the index file, and nothing is lost or
 * applied twice across a crash, a second process or a missing index file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { config } from '../../src/config';
import { Db } from '../../src/db/database';
import { IngestService } from '../../src/ingest';
import { parseRecord } from '../../src/ingest/parse';
import { SearchService } from '../../src/search/search.service';
import type { PassResult } from '../../src/search/search-indexer';

const article = (title: string, body: string, key: string) => parseRecord({ title, body, publishedAt: '2020-03-02' }, key);
const found = async (db: Db, q: string) => (await new SearchService(db).search(q, ['ARTICLE'], 10, 0)).map((h) => h.title.replace(/[\uE000\uE001]/g, ''));

describe('search indexer (SQLite)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warta-indexer-'));
    file = path.join(dir, 'w.sqlite');
  });
  afterEach(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  test('the writer queues records and writes no documents; the indexer thread writes them, and a search here finds them at once', async () => {
    const db = await Db.open(file);
    try {
      const statements: string[] = [];
      db.onQuery = (sql) => statements.push(sql);
      await (await IngestService.create(db)).ingest(article('Bupati Sidoarjo Resmikan Jembatan Candi', 'Bupati Sidoarjo, Saiful Ilham meresmikan jembatan di Candi, Senin (2/3/2020).', 'a'));
      db.onQuery = null;
      expect(statements.filter((s) => /search_fts/.test(s))).toEqual([]);
      expect(statements.filter((s) => /^INSERT INTO "search_outbox"/.test(s)).length).toBeGreaterThan(0);
      // Not searched yet, so nothing has waited for the indexer: the search below does.
      expect(await found(db, 'jembatan candi')).toEqual(['Bupati Sidoarjo Resmikan Jembatan Candi']);
      // Its documents are in the index file, not in the database file.
      const raw = new Database(file, { readonly: true });
      try { expect(raw.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_fts'").pluck().get()).toBe(0); } finally { raw.close(); }
      const index = new Database(`${file}-search`, { readonly: true });
      try { expect(index.prepare("SELECT COUNT(*) FROM search_fts WHERE entity_type = 'ARTICLE'").pluck().get()).toBe(1); } finally { index.close(); }
    } finally { await db.close(); }
  });

  test('a write transaction locks the database file only: the index file stays free for the indexer, and another writer waits', async () => {
    const db = await Db.open(file);
    try {
      await (await IngestService.create(db)).ingest(article('Bupati Sidoarjo Resmikan Jembatan Candi', 'Bupati Sidoarjo, Saiful Ilham meresmikan jembatan di Candi, Senin (2/3/2020).', 'a'));
      const other = new Database(file);
      other.pragma('busy_timeout = 0');
      other.prepare('ATTACH DATABASE ? AS search').run(`${file}-search`);
      try {
        await db.transaction(async (tx) => {
          await db.exec("UPDATE article SET title = title WHERE id = 0", [], tx);
          // The indexer's connection writes the index file meanwhile (BEGIN IMMEDIATE would have locked it too)…
          other.exec('BEGIN');
          other.prepare('UPDATE search.search_state SET applied = applied WHERE id = 1').run();
          other.exec('ROLLBACK');
          // …and a write to the database file waits for this transaction.
          expect(() => other.prepare("UPDATE article SET title = title WHERE id = 0").run()).toThrow(/locked|busy/i);
        });
      } finally { other.close(); }
    } finally { await db.close(); }
  });

  test('entries committed but not indexed (a crash in between) are applied by the next process that opens the database', async () => {
    const db = await Db.open(file);
    await (await IngestService.create(db)).ingest(article('Pasar Porong Direnovasi', 'Pedagang Pasar Porong menempati los sementara, Senin (2/3/2020).', 'b'));
    await db.close();
    // As a process that committed a change and died before its indexer ran: the row and its outbox entry, no document.
    const raw = new Database(file);
    raw.transaction(() => {
      raw.prepare("UPDATE article SET title = 'Pasar Porong Dibuka Kembali' WHERE title = 'Pasar Porong Direnovasi'").run();
      raw.prepare("INSERT INTO search_outbox (entity_type, entity_id, fresh) SELECT 'ARTICLE', id, 0 FROM article").run();
    })();
    raw.close();
    const again = await Db.open(file);
    try {
      expect(await found(again, 'dibuka kembali')).toEqual(['Pasar Porong Dibuka Kembali']);
      expect(await found(again, 'direnovasi')).toEqual([]);
    } finally { await again.close(); }
  });

  test('two processes on one database: a write through one is found through the other, and each entry is applied once', async () => {
    const a = await Db.open(file);
    const b = await Db.open(file);
    try {
      const passes: PassResult[] = [];
      a.searchIndexer!.onPass = (p) => passes.push(p);
      b.searchIndexer!.onPass = (p) => passes.push(p);
      let told = 0;
      a.searchIndexer!.onIndexed = () => { told++; };
      b.searchIndexer!.onIndexed = () => { told++; };
      await (await IngestService.create(a)).ingestBatch([
        article('Camat Tanggulangin Tinjau Tanggul', 'Camat Tanggulangin, Bambang Sutejo meninjau tanggul, Senin (2/3/2020).', 'c1'),
        article('Dinas Sosial Salurkan Bantuan', 'Kepala Dinas Sosial Sidoarjo, Wahyu Kristanto menyalurkan bantuan, Senin (2/3/2020).', 'c2'),
      ]);
      // Both indexers race for the same entries: the index file's write lock lets one apply each.
      b.searchIndexer!.nudge();
      await Promise.all([a.searchIndexer!.caughtUp(), b.searchIndexer!.caughtUp()]);
      expect(await found(b, 'tanggul')).toEqual(['Camat Tanggulangin Tinjau Tanggul']);
      const queued = Number((await a.one<{ n: number }>('SELECT COUNT(*) AS n FROM search_outbox'))!.n);
      expect(passes.reduce((n, p) => n + p.written, 0)).toBe(queued);
      expect(Math.max(...passes.map((p) => p.applied))).toBe(Number((await a.one<{ n: number }>('SELECT MAX(seq) AS n FROM search_outbox'))!.n));
      // Whichever applied them told its response caches (in production they are shared through Redis).
      expect(told).toBeGreaterThan(0);
    } finally { await a.close(); await b.close(); }
  });

  test('applied entries leave the outbox once it is quiet', async () => {
    const db = await Db.open(file);
    try {
      await (await IngestService.create(db)).ingest(article('Banjir Surut di Tanggulangin', 'Banjir di Tanggulangin surut, Senin (2/3/2020).', 'd'));
      await db.searchIndexer!.caughtUp();
      const left = async () => Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM search_outbox'))!.n);
      expect(await left()).toBeGreaterThan(0);
      for (let i = 0; i < 60 && await left() > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await left()).toBe(0);
      expect(await found(db, 'banjir surut')).toEqual(['Banjir Surut di Tanggulangin']);
    } finally { await db.close(); }
  });

  test('a database opened without its index file (copied alone, or from before it) gets every record indexed again on start', async () => {
    const db = await Db.open(file);
    await (await IngestService.create(db)).ingest(article('Festival Kupang Kenjeran Digelar', 'Wali Kota Surabaya, Eri Cahyadi membuka Festival Kupang di Kenjeran, Senin (2/3/2020).', 'e'));
    const size = await new SearchService(db).backend.size();
    expect(size).toBeGreaterThan(1);
    const copy = path.join(dir, 'copy.sqlite');
    await db.backup(copy);
    await db.close();
    expect(fs.existsSync(`${copy}-search`)).toBe(false);
    const restored = await Db.open(copy);
    try {
      // As the server does on start (WARTA_SEARCH_REBUILD_ON_START, on by default).
      expect(await new SearchService(restored).rebuildIfEmpty()).toBe(true);
      expect(await found(restored, 'festival kupang')).toEqual(['Festival Kupang Kenjeran Digelar']);
      // Every record, not only articles: as many documents as the original had.
      expect(await new SearchService(restored).backend.size()).toBe(size);
    } finally { await restored.close(); }
  });

  test('a new database whose first articles are queued already (the demo on first start) is not queued a second time', async () => {
    const db = await Db.open(file);
    try {
      const queued: number[] = [];
      // Three values a row (entity_type, entity_id, fresh), several rows to a statement.
      db.onQuery = (sql, params) => { if (/^INSERT INTO "search_outbox"/.test(sql)) queued.push(params.length / 3); };
      await (await IngestService.create(db)).ingest(article('Posyandu Balita di Krian', 'Kader Posyandu di Krian menimbang balita, Senin (2/3/2020).', 'g'));
      db.onQuery = null;
      const outbox = async () => Number((await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM search_outbox'))!.n);
      const rows = queued.reduce((x, y) => x + y, 0);
      expect(await outbox()).toBe(rows);
      expect(await new SearchService(db).rebuildIfEmpty()).toBe(false);
      expect(await outbox()).toBe(rows);
      expect(await found(db, 'posyandu')).toEqual(['Posyandu Balita di Krian']);
    } finally { await db.close(); }
  });

  test('the writer leaves WAL checkpoints to the indexer thread: after a write, searchable or not, it copies the WAL into the database file', async () => {
    const db = await Db.open(file);
    try {
      const conn = (db.ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
      // The writer's own checkpoints only as a backstop, far past SQLite's default of 1,000 pages.
      expect(conn.pragma('wal_autocheckpoint', { simple: true })).toBe(config.sqliteWriterCheckpointPages);
      const seen: Array<{ log: number; checkpointed: number }> = [];
      db.searchIndexer!.onCheckpoint = (c) => seen.push(c);
      const copied = async () => {
        for (let i = 0; i < 50 && !seen.some((c) => c.log > 0 && c.checkpointed === c.log); i++) await new Promise((r) => setTimeout(r, 100));
        return seen.some((c) => c.log > 0 && c.checkpointed === c.log);
      };
      await (await IngestService.create(db)).ingest(article('Jalan Raya Porong Diperbaiki', 'Dinas PU Sidoarjo memperbaiki Jalan Raya Porong, Senin (2/3/2020).', 'h'));
      expect(await copied()).toBe(true);
      // A write with nothing to index (here an editor-like update) is checkpointed too.
      seen.length = 0;
      await db.transaction(async (tx) => { await db.exec("UPDATE article SET section = 'Daerah'", [], tx); });
      expect(await copied()).toBe(true);
    } finally { await db.close(); }
  });

  test('warta reindex: the index emptied and rebuilt from every record, stale documents gone', async () => {
    const db = await Db.open(file);
    try {
      await (await IngestService.create(db)).ingest(article('Rakor Forkopimda Sidoarjo', 'Bupati Sidoarjo memimpin rakor Forkopimda di Pendopo Delta Wibawa, Senin (2/3/2020).', 'f'));
      const search = new SearchService(db);
      const size = await search.backend.size();
      // A document for a record that no longer exists (as an older version might have left).
      const index = new Database(`${file}-search`);
      index.prepare("INSERT INTO search_fts (rowid, title, body, extra, entity_type, entity_id) VALUES (1999999, 'Usang', 'dokumen usang', '', 'ARTICLE', 1999999)").run();
      index.close();
      expect(await found(db, 'usang')).toEqual(['Usang']);
      expect(await search.rebuild()).toBe(size);
      expect(await search.backend.size()).toBe(size);
      expect(await found(db, 'usang')).toEqual([]);
      expect(await found(db, 'rakor forkopimda')).toEqual(['Rakor Forkopimda Sidoarjo']);
    } finally { await db.close(); }
  });
});
