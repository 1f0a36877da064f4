import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite: the search index moves out of the database file into its own (`<database>-search`, written by the search
 * indexer's thread: see search/search-indexer.ts), and the database keeps an outbox of the records whose documents
 * need rebuilding, appended to in the same transaction as the change. The new index file starts empty, and every
 * record is queued for it when a database first opens with it. PostgreSQL: nothing to change.
 */
export class SearchOutbox1764390000000 implements MigrationInterface {
  name = 'SearchOutbox1764390000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return;
    // AUTOINCREMENT: sequence numbers are never reused, even after the applied entries are pruned.
    await q.query(`CREATE TABLE "search_outbox" ("seq" integer PRIMARY KEY AUTOINCREMENT, "entity_type" varchar(20) NOT NULL, "entity_id" integer NOT NULL,
      "fresh" boolean NOT NULL DEFAULT (0))`);
    await q.query('DROP TABLE IF EXISTS main."search_fts"');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') return;
    await q.query('DROP TABLE "search_outbox"');
    // Empty: `warta reindex` on the older version fills it.
    await q.query(`CREATE VIRTUAL TABLE main."search_fts" USING fts5(title, body, extra, entity_type UNINDEXED, entity_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2')`);
  }
}
