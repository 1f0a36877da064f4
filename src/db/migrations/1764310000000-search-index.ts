import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search documents (issue 4): SQLite FTS5 with diacritics removed, PostgreSQL tsvector ('simple' config over
 * text the application has already folded to lower case without accents). Filled by ingest and editor writes;
 * `warta reindex` (and the server on start, when the index is empty) rebuilds it.
 */
export class SearchIndex1764310000000 implements MigrationInterface {
  name = 'SearchIndex1764310000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE TABLE "search_doc" ("entity_type" character varying(20) NOT NULL, "entity_id" integer NOT NULL,
        "title" text NOT NULL, "body" text NOT NULL, "folded_title" text NOT NULL, "folded_body" text NOT NULL, "folded_extra" text NOT NULL,
        "tsv" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', "folded_title"), 'A') || setweight(to_tsvector('simple', "folded_extra"), 'B')
          || setweight(to_tsvector('simple', "folded_body"), 'C')) STORED,
        PRIMARY KEY ("entity_type", "entity_id"))`);
      await q.query('CREATE INDEX "idx_search_doc_tsv" ON "search_doc" USING GIN ("tsv")');
    } else {
      await q.query(`CREATE VIRTUAL TABLE "search_fts" USING fts5(title, body, extra, entity_type UNINDEXED, entity_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(q.connection.options.type === 'postgres' ? 'DROP TABLE "search_doc"' : 'DROP TABLE "search_fts"');
  }
}
