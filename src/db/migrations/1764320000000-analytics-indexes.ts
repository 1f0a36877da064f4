import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the analysts' counts (issue 4): events per person read (person_id, event_id) from the index
 * alone; mentions per entity skip rejected ones without reading the table.
 */
export class AnalyticsIndexes1764320000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_participation_person"');
    await q.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id", "event_id")');
    await q.query('DROP INDEX "idx_mention_entity"');
    await q.query('CREATE INDEX "idx_mention_entity" ON "mention" ("entity_type", "entity_id", "status", "article_id")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_participation_person"');
    await q.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id")');
    await q.query('DROP INDEX "idx_mention_entity"');
    await q.query('CREATE INDEX "idx_mention_entity" ON "mention" ("entity_type", "entity_id", "article_id")');
  }
}
