import { MigrationInterface, QueryRunner } from 'typeorm';
import { deltaFunction, onPostgres } from './triggers';
import { byOrganizer, byParticipation } from './1764510000000-organizer-attendance-tally';

/**
 * PostgreSQL only: the organiser attendance tally (migration 1764510000000) subtracts BEFORE each delete or update of a
 * participation or organiser row. Its triggers count one table's rows from the other (a participation for each
 * organiser of its event, an organiser row for each participation). Deleting an institution cascades to both its
 * organiser rows and the participations naming it, and PostgreSQL runs the AFTER triggers of those cascades only once
 * both are done, when neither side finds the other's rows: the institution's attendance stayed in the tally. A BEFORE
 * trigger runs inside each cascade, while the other table still holds them. Inserts stay AFTER (an insert that
 * ON CONFLICT skips must count nothing). SQLite runs its row triggers as each row is written, so it keeps its own.
 */

const UP = [
  deltaFunction('orgatt_participation', byParticipation('OLD.event_id', -1), byParticipation('NEW.event_id', 1)),
  deltaFunction('orgatt_organizer', byOrganizer('OLD.event_id', 'OLD.institution_id', -1), byOrganizer('NEW.event_id', 'NEW.institution_id', 1)),
  'DROP TRIGGER trg_orgatt_participation ON participation',
  'DROP TRIGGER trg_orgatt_participation_update ON participation',
  'DROP TRIGGER trg_orgatt_organizer ON event_organizer',
  'CREATE TRIGGER trg_orgatt_participation AFTER INSERT ON participation FOR EACH ROW EXECUTE FUNCTION orgatt_participation()',
  'CREATE TRIGGER trg_orgatt_participation_delete BEFORE DELETE ON participation FOR EACH ROW EXECUTE FUNCTION orgatt_participation()',
  `CREATE TRIGGER trg_orgatt_participation_update BEFORE UPDATE OF event_id ON participation FOR EACH ROW
    WHEN (OLD.event_id <> NEW.event_id) EXECUTE FUNCTION orgatt_participation()`,
  'CREATE TRIGGER trg_orgatt_organizer AFTER INSERT ON event_organizer FOR EACH ROW EXECUTE FUNCTION orgatt_organizer()',
  'CREATE TRIGGER trg_orgatt_organizer_change BEFORE DELETE OR UPDATE OF event_id, institution_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION orgatt_organizer()',
];

const DOWN = [
  'DROP TRIGGER trg_orgatt_organizer_change ON event_organizer',
  'DROP TRIGGER trg_orgatt_organizer ON event_organizer',
  'DROP TRIGGER trg_orgatt_participation_update ON participation',
  'DROP TRIGGER trg_orgatt_participation_delete ON participation',
  'DROP TRIGGER trg_orgatt_participation ON participation',
  'CREATE TRIGGER trg_orgatt_participation AFTER INSERT OR DELETE ON participation FOR EACH ROW EXECUTE FUNCTION orgatt_participation()',
  `CREATE TRIGGER trg_orgatt_participation_update AFTER UPDATE OF event_id ON participation FOR EACH ROW
    WHEN (OLD.event_id <> NEW.event_id) EXECUTE FUNCTION orgatt_participation()`,
  'CREATE TRIGGER trg_orgatt_organizer AFTER INSERT OR DELETE OR UPDATE OF event_id, institution_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION orgatt_organizer()',
];

export class OrganizerAttendanceBefore1764590000000 implements MigrationInterface {
  name = 'OrganizerAttendanceBefore1764590000000';

  async up(q: QueryRunner): Promise<void> {
    await onPostgres(q, UP);
  }

  async down(q: QueryRunner): Promise<void> {
    // The functions keep returning the row: an AFTER trigger ignores what its function returns.
    await onPostgres(q, DOWN);
  }
}
