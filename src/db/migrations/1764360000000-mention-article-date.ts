import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An entity's articles, newest first, read from its mentions alone: each mention carries its article's sort date
 * (COALESCE(published_on, '0001-01-01'), kept by ingest), and an index on (entity, date, article) gives any page of a
 * person's or institution's articles by a keyset seek, however many articles they have.
 */
export class MentionArticleDate1764360000000 implements MigrationInterface {
  name = 'MentionArticleDate1764360000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`ALTER TABLE "mention" ADD "article_date" character varying(10) NOT NULL DEFAULT '0001-01-01'`);
      await q.query(`UPDATE "mention" m SET "article_date" = COALESCE(a."published_on"::text, '0001-01-01') FROM "article" a WHERE a."id" = m."article_id"`);
    } else {
      await q.query(`ALTER TABLE "mention" ADD COLUMN "article_date" varchar(10) NOT NULL DEFAULT ('0001-01-01')`);
      await q.query(`UPDATE "mention" SET "article_date" = COALESCE((SELECT "published_on" FROM "article" a WHERE a."id" = "mention"."article_id"), '0001-01-01')`);
    }
    await q.query(`CREATE INDEX "idx_mention_entity_recent" ON "mention" ("entity_type", "entity_id", "article_date", "article_id", "status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_mention_entity_recent"');
    await q.query('ALTER TABLE "mention" DROP COLUMN "article_date"');
  }
}
