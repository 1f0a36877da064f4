import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's participants in the order the API lists them (organisers, hosts, openers, speakers, then the rest; by id
 * within a role), as an index on the expression the per-parent reads sort by: each event's first rows are then read in
 * order with a LIMIT, with no sort of its participations per event (graphql/read/loaders.ts `participantsByEvent`;
 * the query-plan test holds the two expressions together).
 */
const RANK = `CASE "role" WHEN 'ORGANIZER' THEN 0 WHEN 'HOST' THEN 1 WHEN 'OPENER' THEN 2 WHEN 'SPEAKER' THEN 3 ELSE 4 END`;

export class ParticipantOrder1764520000000 implements MigrationInterface {
  name = 'ParticipantOrder1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_participation_event_order" ON "participation" ("event_id", (${RANK}), "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_participation_event_order"');
  }
}
