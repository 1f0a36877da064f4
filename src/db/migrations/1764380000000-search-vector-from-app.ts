import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: search_doc.tsv is written by Warta (searchVector in search.service.ts) instead of generated from folded
 * copies of the text by to_tsvector. PostgreSQL's text-search parser was about 70 % of the time an ingest batch spent
 * writing search documents; the folded copies existed only to feed it. Words are now split as queries (and SQLite's
 * index) split them. SQLite: nothing to change.
 */
export class SearchVectorFromApp1764380000000 implements MigrationInterface {
  name = 'SearchVectorFromApp1764380000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('ALTER TABLE "search_doc" ADD COLUMN "vector" tsvector');
    // Existing documents keep the vectors they had; the next write of each replaces it.
    await q.query('UPDATE "search_doc" SET "vector" = "tsv"');
    await q.query('ALTER TABLE "search_doc" ALTER COLUMN "vector" SET NOT NULL');
    await q.query('ALTER TABLE "search_doc" DROP COLUMN "tsv", DROP COLUMN "folded_title", DROP COLUMN "folded_body", DROP COLUMN "folded_extra"');
    await q.query('ALTER TABLE "search_doc" RENAME COLUMN "vector" TO "tsv"');
    await q.query('CREATE INDEX "idx_search_doc_tsv" ON "search_doc" USING GIN ("tsv")');
    // Long bodies and vectors are compressed when stored; lz4 costs a fraction of the default pglz (a server built
    // without lz4 keeps pglz).
    await q.query(`DO $$ BEGIN ALTER TABLE "search_doc" ALTER COLUMN "body" SET COMPRESSION lz4, ALTER COLUMN "tsv" SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    // The folded copies come back as lower case only (accents stay): `warta reindex` afterwards rebuilds them exactly.
    await q.query(`ALTER TABLE "search_doc" ADD COLUMN "folded_title" text NOT NULL DEFAULT '', ADD COLUMN "folded_body" text NOT NULL DEFAULT '',
      ADD COLUMN "folded_extra" text NOT NULL DEFAULT ''`);
    await q.query('ALTER TABLE "search_doc" ALTER COLUMN "body" SET COMPRESSION DEFAULT');
    await q.query('UPDATE "search_doc" SET "folded_title" = lower("title"), "folded_body" = lower("body")');
    await q.query('ALTER TABLE "search_doc" DROP COLUMN "tsv"');
    await q.query(`ALTER TABLE "search_doc" ADD COLUMN "tsv" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', "folded_title"), 'A')
      || setweight(to_tsvector('simple', "folded_extra"), 'B') || setweight(to_tsvector('simple', "folded_body"), 'C')) STORED`);
    await q.query('CREATE INDEX "idx_search_doc_tsv" ON "search_doc" USING GIN ("tsv")');
  }
}
