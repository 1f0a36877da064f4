import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * article.source_id: the `id` a source gave the article (a JSON Lines record's), its identity across ingests, so a
 * corrected text under the same id updates that article (keeping its links and review decisions) rather than
 * becoming a second one. Unique where given.
 */
export class ArticleSourceId1764430000000 implements MigrationInterface {
  name = 'ArticleSourceId1764430000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`ALTER TABLE "article" ADD COLUMN "source_id" ${pg ? 'character varying(200)' : 'varchar(200)'}`);
    await q.query('CREATE UNIQUE INDEX "uq_article_source_id" ON "article" ("source_id")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "uq_article_source_id"');
    await q.query('ALTER TABLE "article" DROP COLUMN "source_id"');
  }
}
