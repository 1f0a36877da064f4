import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * idx_mention_entity_recent (entity, date, article, status) answers everything idx_mention_entity (entity, status,
 * article) did, by its (entity_type, entity_id) prefix; one index fewer to keep up on every mention written.
 */
export class OneMentionEntityIndex1764370000000 implements MigrationInterface {
  name = 'OneMentionEntityIndex1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_mention_entity"');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX "idx_mention_entity" ON "mention" ("entity_type", "entity_id", "status", "article_id")');
  }
}
