import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's current position is the latest-evidenced one (valid_to, valid_from, id, all descending). This index
 * answers that as one index probe per person, so lists of people can carry it in the same statement.
 */
export class CurrentPositionIndex1764350000000 implements MigrationInterface {
  name = 'CurrentPositionIndex1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_position_current" ON "position" ("person_id", "valid_to", "valid_from", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_position_current"');
  }
}
