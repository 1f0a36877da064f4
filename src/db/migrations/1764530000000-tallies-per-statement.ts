import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only: three tallies are kept from whole statements rather than row by row as an AFTER ROW trigger sees them.
 *
 * - New mentions are counted into `person_mention_tally` (migration 1764460000000) and `person_timeline_tally`
 *   (1764500000000) once per INSERT. Ingest writes an article batch's mentions (about ten per article) in statements of
 *   up to a thousand rows, and two PL/pgSQL calls per row were the largest part of a PostgreSQL ingest's database time.
 *   The counts are those the row triggers gave: each counted mention adds one to its person's mention tally, and a
 *   person's timeline gains one per article of the statement in which no counted mention named that person before.
 *   Updates and deletes of mentions keep their row triggers (a BEFORE trigger for the timeline sees the statement's
 *   earlier rows, so an editor's merge that moves many mentions in one UPDATE is counted row by row).
 * - `person_event_tally` (distinct live events per person) is counted again for the persons named by the
 *   participations a statement inserts or deletes, and before each row an UPDATE moves to another person or event.
 *   Its AFTER ROW trigger asked whether another participation paired the same person and event, but such a trigger
 *   sees the whole statement done: two participations of one person at one event inserted together (an attendee who
 *   also spoke) each found the other and neither counted, and moving both to another person took two events away.
 *
 * SQLite has no statement-level triggers; its row triggers fire as each row is written, so they stay as they are.
 */

const COUNTED = (r: string) => `${r}.entity_type = 'PERSON' AND ${r}.status <> 'REJECTED'`;
const DATED = (r: string) => `${COUNTED(r)} AND ${r}.article_date IS NOT NULL AND ${r}.article_date <> '0001-01-01'`;

/** The exact count of the given persons' distinct live events (TALLY_SOURCES' person_event_tally, for those persons). */
const RECOUNT = `CREATE FUNCTION recount_person_events(ids integer[]) RETURNS void LANGUAGE sql AS $f$
  DELETE FROM person_event_tally WHERE person_id = ANY(ids);
  INSERT INTO person_event_tally (person_id, n)
    SELECT pa.person_id, COUNT(DISTINCT pa.event_id) FROM participation pa JOIN event e ON e.id = pa.event_id
    WHERE pa.person_id = ANY(ids) AND e.merged_into_id IS NULL GROUP BY pa.person_id;
$f$`;

/**
 * Row `r` (OLD or NEW of a participation about to change) pairs its person with a live event that no other
 * participation pairs them with (the row itself still holds its old values).
 */
const ONLY_PAIR = (r: string) => `${r}.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM event WHERE id = ${r}.event_id AND merged_into_id IS NULL)
    AND NOT EXISTS (SELECT 1 FROM participation WHERE person_id = ${r}.person_id AND event_id = ${r}.event_id AND id <> OLD.id)`;

/** A statement trigger function recounting the persons of the transition tables it names. */
const recountFrom = (name: string, tables: string[]) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM recount_person_events(ARRAY(${tables.map((t) => `SELECT person_id FROM ${t} WHERE person_id IS NOT NULL`).join(' UNION ')}));
  RETURN NULL;
END $f$`;

const UP = [
  'DROP TRIGGER trg_tally_mention_insert ON mention',
  'DROP TRIGGER trg_timeline_mention ON mention',
  `CREATE TRIGGER trg_timeline_mention BEFORE DELETE OR UPDATE OF entity_type, entity_id, article_id, status, article_date ON mention
    FOR EACH ROW EXECUTE FUNCTION timeline_mention()`,
  `CREATE FUNCTION tally_mention_inserted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO person_mention_tally AS t (person_id, n)
    SELECT m.entity_id, COUNT(*) FROM new_mentions m WHERE ${COUNTED('m')} GROUP BY m.entity_id
    ON CONFLICT (person_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  -- A pair of person and article is new when no counted mention outside this statement had it already.
  INSERT INTO person_timeline_tally AS t (person_id, n)
    SELECT p.entity_id, COUNT(*) FROM (SELECT DISTINCT m.entity_id, m.article_id FROM new_mentions m WHERE ${DATED('m')}) p
    WHERE NOT EXISTS (SELECT 1 FROM mention x WHERE x.article_id = p.article_id AND x.entity_type = 'PERSON' AND x.entity_id = p.entity_id
      AND ${DATED('x')} AND x.id NOT IN (SELECT id FROM new_mentions))
    GROUP BY p.entity_id
    ON CONFLICT (person_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END $f$`,
  `CREATE TRIGGER trg_mention_inserted AFTER INSERT ON mention REFERENCING NEW TABLE AS new_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION tally_mention_inserted()`,

  'DROP TRIGGER trg_tally_participation_insert ON participation',
  'DROP TRIGGER trg_tally_participation_delete ON participation',
  'DROP TRIGGER trg_tally_participation_update ON participation',
  RECOUNT,
  recountFrom('tally_participations_inserted', ['new_parts']),
  recountFrom('tally_participations_deleted', ['old_parts']),

  `CREATE TRIGGER trg_tally_participations_inserted AFTER INSERT ON participation REFERENCING NEW TABLE AS new_parts
    FOR EACH STATEMENT EXECUTE FUNCTION tally_participations_inserted()`,
  `CREATE TRIGGER trg_tally_participations_deleted AFTER DELETE ON participation REFERENCING OLD TABLE AS old_parts
    FOR EACH STATEMENT EXECUTE FUNCTION tally_participations_deleted()`,
  // Updates stay per row, BEFORE each one, so that the rows a statement moved earlier are seen moved: a trigger with
  // transition tables cannot name columns (UPDATE OF), and an event's date change rewrites the copied date of each
  // of its participations (1764480000000), which would fire it for nothing.
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
  'DROP FUNCTION recount_person_events(integer[])',
  'CREATE TRIGGER trg_tally_participation_insert AFTER INSERT ON participation FOR EACH ROW WHEN (NEW.person_id IS NOT NULL) EXECUTE FUNCTION tally_participation()',
  'CREATE TRIGGER trg_tally_participation_delete AFTER DELETE ON participation FOR EACH ROW WHEN (OLD.person_id IS NOT NULL) EXECUTE FUNCTION tally_participation()',
  `CREATE TRIGGER trg_tally_participation_update AFTER UPDATE OF person_id, event_id ON participation FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.event_id <> NEW.event_id) EXECUTE FUNCTION tally_participation()`,

  'DROP TRIGGER trg_mention_inserted ON mention',
  'DROP FUNCTION tally_mention_inserted()',
  'DROP TRIGGER trg_timeline_mention ON mention',
  `CREATE TRIGGER trg_timeline_mention BEFORE INSERT OR DELETE OR UPDATE OF entity_type, entity_id, article_id, status, article_date ON mention
    FOR EACH ROW EXECUTE FUNCTION timeline_mention()`,
  `CREATE TRIGGER trg_tally_mention_insert AFTER INSERT ON mention FOR EACH ROW WHEN (${COUNTED('NEW')}) EXECUTE FUNCTION tally_mention()`,
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
