import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only: `person_event_tally` (distinct live events per person, migration 1764460000000) is counted from whole
 * statements. Its AFTER ROW trigger asked whether another participation paired the same person and event, but such a
 * trigger sees its whole statement done: two participations of one person at one event inserted together (an attendee
 * who also spoke, as an ingest batch writes them) each found the other and neither counted, and moving both to another
 * person took two events away. Now:
 * - an INSERT or DELETE of participations counts, once per statement from its transition table, the distinct pairs of
 *   person and live event it added or took away: a pair counts when no participation outside the statement has it;
 * - an UPDATE that moves a participation to another person or event counts BEFORE each row, when the rows the
 *   statement moved earlier are already moved (a trigger with transition tables cannot name columns, and an event's
 *   date change rewrites the copied date of each of its participations, 1764480000000, which must not fire it).
 *
 * SQLite has no statement-level triggers; its row triggers fire as each row is written, so they stay as they are.
 */

/**
 * The distinct pairs of person and live event in transition table `t` (a merged or deleted event counts nothing: its
 * own trigger counts its participants), with how many of the statement's rows hold each.
 */
const LIVE_PAIRS = (t: string) => `(SELECT person_id, event_id, COUNT(*) AS k FROM ${t} WHERE person_id IS NOT NULL GROUP BY person_id, event_id) p
    WHERE EXISTS (SELECT 1 FROM event e WHERE e.id = p.event_id AND e.merged_into_id IS NULL)`;
/** Participations now pairing p's person and event (a seek on idx_participation_person). */
const HELD = '(SELECT COUNT(*) FROM participation x WHERE x.person_id = p.person_id AND x.event_id = p.event_id)';

/**
 * Row `r` (OLD or NEW of a participation about to change) pairs its person with a live event that no other
 * participation pairs them with (the row itself still holds its old values).
 */
const ONLY_PAIR = (r: string) => `${r}.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM event WHERE id = ${r}.event_id AND merged_into_id IS NULL)
    AND NOT EXISTS (SELECT 1 FROM participation WHERE person_id = ${r}.person_id AND event_id = ${r}.event_id AND id <> OLD.id)`;

const UP = [
  'DROP TRIGGER trg_tally_participation_insert ON participation',
  'DROP TRIGGER trg_tally_participation_delete ON participation',
  'DROP TRIGGER trg_tally_participation_update ON participation',
  // A pair gains its person an event when the statement's rows are all the participations that hold it.
  `CREATE FUNCTION tally_participations_inserted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO person_event_tally AS t (person_id, n)
    SELECT p.person_id, COUNT(*) FROM ${LIVE_PAIRS('new_parts')} AND ${HELD} = p.k GROUP BY p.person_id
    ON CONFLICT (person_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END $f$`,
  // A pair loses its person an event when no participation holds it any more.
  `CREATE FUNCTION tally_participations_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE person_event_tally t SET n = t.n - d.n
    FROM (SELECT p.person_id, COUNT(*) AS n FROM ${LIVE_PAIRS('old_parts')} AND ${HELD} = 0 GROUP BY p.person_id) d WHERE t.person_id = d.person_id;
  DELETE FROM person_event_tally WHERE n <= 0 AND person_id IN (SELECT person_id FROM old_parts);
  RETURN NULL;
END $f$`,
  `CREATE FUNCTION tally_participation_moved() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF ${ONLY_PAIR('OLD')} THEN
    UPDATE person_event_tally SET n = n - 1 WHERE person_id = OLD.person_id; DELETE FROM person_event_tally WHERE person_id = OLD.person_id AND n <= 0;
  END IF;
  IF ${ONLY_PAIR('NEW')} THEN
    INSERT INTO person_event_tally AS t (person_id, n) VALUES (NEW.person_id, 1) ON CONFLICT (person_id) DO UPDATE SET n = t.n + 1;
  END IF;
  RETURN NEW;
END $f$`,
  `CREATE TRIGGER trg_tally_participations_inserted AFTER INSERT ON participation REFERENCING NEW TABLE AS new_parts
    FOR EACH STATEMENT EXECUTE FUNCTION tally_participations_inserted()`,
  `CREATE TRIGGER trg_tally_participations_deleted AFTER DELETE ON participation REFERENCING OLD TABLE AS old_parts
    FOR EACH STATEMENT EXECUTE FUNCTION tally_participations_deleted()`,
  `CREATE TRIGGER trg_tally_participation_moved BEFORE UPDATE OF person_id, event_id ON participation FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.event_id <> NEW.event_id) EXECUTE FUNCTION tally_participation_moved()`,
];

const DOWN = [
  'DROP TRIGGER trg_tally_participation_moved ON participation',
  'DROP TRIGGER trg_tally_participations_deleted ON participation',
  'DROP TRIGGER trg_tally_participations_inserted ON participation',
  'DROP FUNCTION tally_participation_moved()',
  'DROP FUNCTION tally_participations_deleted()',
  'DROP FUNCTION tally_participations_inserted()',
  'CREATE TRIGGER trg_tally_participation_insert AFTER INSERT ON participation FOR EACH ROW WHEN (NEW.person_id IS NOT NULL) EXECUTE FUNCTION tally_participation()',
  'CREATE TRIGGER trg_tally_participation_delete AFTER DELETE ON participation FOR EACH ROW WHEN (OLD.person_id IS NOT NULL) EXECUTE FUNCTION tally_participation()',
  `CREATE TRIGGER trg_tally_participation_update AFTER UPDATE OF person_id, event_id ON participation FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.event_id <> NEW.event_id) EXECUTE FUNCTION tally_participation()`,
];

export class TalliesPerStatement1764530000000 implements MigrationInterface {
  name = 'TalliesPerStatement1764530000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    for (const sql of UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    for (const sql of DOWN) await q.query(sql);
  }
}
