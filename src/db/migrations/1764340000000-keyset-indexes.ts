import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The newest-first lists sort on COALESCE(date, '0001-01-01') and id (undated items last, on both databases alike);
 * expression indexes on exactly those keys let the keyset pages read the index instead of sorting the table.
 */
export class KeysetIndexes1764340000000 implements MigrationInterface {
  name = 'KeysetIndexes1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_article_recent" ON "article" ((COALESCE("published_on", '0001-01-01')), "id")`);
    await q.query(`CREATE INDEX "idx_event_recent" ON "event" ((COALESCE("start_date", '0001-01-01')), "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_article_recent"');
    await q.query('DROP INDEX "idx_event_recent"');
  }
}
