import { MigrationInterface, QueryRunner } from 'typeorm';
import { onPostgres } from './triggers';

/**
 * PostgreSQL only: the timeline tally's mention trigger (migration 1764500000000) fired for every mention written, and
 * only person mentions that are not rejected and have a real date count. One trigger for INSERT, DELETE and UPDATE
 * cannot carry a WHEN (an insert has no OLD row, a delete no NEW one), so every place and institution mention called
 * the function for nothing: about two calls in three during an ingest. Now one trigger per operation, each with its
 * WHEN; the function is the same. SQLite's triggers already had theirs.
 */

const COUNTED = (r: string) => `${r}.entity_type = 'PERSON' AND ${r}.status <> 'REJECTED' AND ${r}.article_date IS NOT NULL AND ${r}.article_date <> '0001-01-01'`;
const COLUMNS = 'entity_type, entity_id, article_id, status, article_date';

const UP = [
  'DROP TRIGGER trg_timeline_mention ON mention',
  `CREATE TRIGGER trg_timeline_mention_insert BEFORE INSERT ON mention FOR EACH ROW WHEN (${COUNTED('NEW')}) EXECUTE FUNCTION timeline_mention()`,
  `CREATE TRIGGER trg_timeline_mention_delete BEFORE DELETE ON mention FOR EACH ROW WHEN (${COUNTED('OLD')}) EXECUTE FUNCTION timeline_mention()`,
  `CREATE TRIGGER trg_timeline_mention_update BEFORE UPDATE OF ${COLUMNS} ON mention FOR EACH ROW
    WHEN ((${COUNTED('OLD')}) OR (${COUNTED('NEW')})) EXECUTE FUNCTION timeline_mention()`,
];

const DOWN = [
  'DROP TRIGGER trg_timeline_mention_update ON mention',
  'DROP TRIGGER trg_timeline_mention_delete ON mention',
  'DROP TRIGGER trg_timeline_mention_insert ON mention',
  `CREATE TRIGGER trg_timeline_mention BEFORE INSERT OR DELETE OR UPDATE OF ${COLUMNS} ON mention FOR EACH ROW EXECUTE FUNCTION timeline_mention()`,
];

export class TimelineMentionTriggers1764580000000 implements MigrationInterface {
  name = 'TimelineMentionTriggers1764580000000';

  async up(q: QueryRunner): Promise<void> {
    await onPostgres(q, UP);
  }

  async down(q: QueryRunner): Promise<void> {
    await onPostgres(q, DOWN);
  }
}
