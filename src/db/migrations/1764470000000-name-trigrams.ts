import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: trigram indexes (pg_trgm) for finding institutions by part of a name or alias (`LIKE '%…%'`), which no
 * B-tree serves, so the list and its count stop reading every institution. Where the extension cannot be created (a
 * role without the right), the search keeps working unindexed. SQLite has no such index and scans as before.
 */
export class NameTrigrams1764470000000 implements MigrationInterface {
  name = 'NameTrigrams1764470000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('SAVEPOINT name_trigrams');
    try {
      await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    } catch (e) {
      await q.query('ROLLBACK TO SAVEPOINT name_trigrams');
      console.warn(`name search stays unindexed: pg_trgm could not be created (${(e as Error).message})`);
      return;
    }
    await q.query('CREATE INDEX "idx_institution_name_key_trgm" ON "institution" USING gin ("name_key" gin_trgm_ops)');
    await q.query('CREATE INDEX "idx_institution_alias_key_trgm" ON "institution_alias" USING gin ("alias_key" gin_trgm_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query('DROP INDEX IF EXISTS "idx_institution_alias_key_trgm"');
    await q.query('DROP INDEX IF EXISTS "idx_institution_name_key_trgm"');
  }
}
