import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTriggers, deltaFunction, dropTriggers, Triggers } from './triggers';

/**
 * Live events per organiser and distinct live events per person, by the (start year, end year) of the event
 * (docs/adr/0002-tallies.md), so that `stats` ranks organisers and officials over whole calendar years from the tallies
 * rather than from every event of the range. An index on (start year, end year, count) gives one year's leaders from
 * the top down; events that span years are few and read through a partial index. The years are '' for no date, as the
 * months of the other tallies. Triggers on event, event_organizer and participation keep both inside the writing
 * transaction; the application never writes them. Rows that fall to zero are removed.
 *
 * The person tally follows person_event_tally's rules: a participation counts when no other one pairs the same person
 * and live event (on PostgreSQL once per INSERT or DELETE statement from its transition table, and before each row an
 * UPDATE moves, as migration 1764530000000 counts person_event_tally); an event counts its distinct people and its
 * organisers on insert, and before its deletion.
 */

const SY = (r: string) => `COALESCE(SUBSTR(CAST(${r}."start_date" AS TEXT), 1, 4), '')`;
const EY = (r: string) => `COALESCE(SUBSTR(CAST(COALESCE(${r}."end_date", ${r}."start_date") AS TEXT), 1, 4), '')`;

/** Table, id column, referenced table, and the foreign key's name as TypeORM derives it from the entity. */
const TALLIES = [['person_year_tally', 'person_id', 'person', 'FK_52174a0464b3e939cc68cab561d'],
  ['organizer_year_tally', 'institution_id', 'institution', 'FK_5443fcb9070075e6bc1d5ffb671']] as const;
const key = (col: string) => `"${col}", "start_year", "end_year"`;
const upsert = (table: string, col: string) => `ON CONFLICT (${key(col)}) DO UPDATE SET "n" = "${table}"."n" + excluded."n"`;

/** `d` at event `ev`'s years for person `pid`, when `pid` holds no other participation at `ev` (row `self` excluded) and `ev` is live. */
const byParticipation = (pid: string, ev: string, self: string, d: 1 | -1) => [
  `INSERT INTO "person_year_tally" (${key('person_id')}, "n") SELECT ${pid}, ${SY('e')}, ${EY('e')}, ${d} FROM "event" e
    WHERE e."id" = ${ev} AND e."merged_into_id" IS NULL AND ${pid} IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "participation" x WHERE x."person_id" = ${pid} AND x."event_id" = ${ev} AND x."id" <> ${self}) ${upsert('person_year_tally', 'person_id')}`,
  ...(d < 0 ? [`DELETE FROM "person_year_tally" WHERE "person_id" = ${pid} AND "n" <= 0`] : []),
];
/** `d` at live event `ev`'s years for organiser `inst`. */
const byOrganizer = (inst: string, ev: string, d: 1 | -1) => [
  `INSERT INTO "organizer_year_tally" (${key('institution_id')}, "n") SELECT ${inst}, ${SY('e')}, ${EY('e')}, ${d} FROM "event" e
    WHERE e."id" = ${ev} AND e."merged_into_id" IS NULL ${upsert('organizer_year_tally', 'institution_id')}`,
  ...(d < 0 ? [`DELETE FROM "organizer_year_tally" WHERE "institution_id" = ${inst} AND "n" <= 0`] : []),
];
/** `d` at event row `r`'s years (when live) for each of its distinct people and each of its organisers. */
const byEvent = (r: string, d: 1 | -1) => [
  `INSERT INTO "person_year_tally" (${key('person_id')}, "n") SELECT DISTINCT "person_id", ${SY(r)}, ${EY(r)}, ${d} FROM "participation"
    WHERE "event_id" = ${r}."id" AND "person_id" IS NOT NULL AND ${r}."merged_into_id" IS NULL ${upsert('person_year_tally', 'person_id')}`,
  `INSERT INTO "organizer_year_tally" (${key('institution_id')}, "n") SELECT "institution_id", ${SY(r)}, ${EY(r)}, ${d} FROM "event_organizer"
    WHERE "event_id" = ${r}."id" AND ${r}."merged_into_id" IS NULL ${upsert('organizer_year_tally', 'institution_id')}`,
  ...(d < 0 ? [
    `DELETE FROM "person_year_tally" WHERE "n" <= 0 AND "person_id" IN (SELECT "person_id" FROM "participation" WHERE "event_id" = ${r}."id")`,
    `DELETE FROM "organizer_year_tally" WHERE "n" <= 0 AND "institution_id" IN (SELECT "institution_id" FROM "event_organizer" WHERE "event_id" = ${r}."id")`,
  ] : []),
];

const EVENT_CHANGED = (is: string) => `OLD."start_date" ${is} NEW."start_date" OR OLD."end_date" ${is} NEW."end_date"
  OR (OLD."merged_into_id" IS NULL) <> (NEW."merged_into_id" IS NULL)`;

const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_year_participation_insert', 'AFTER INSERT ON "participation" WHEN NEW."person_id" IS NOT NULL', byParticipation('NEW."person_id"', 'NEW."event_id"', 'NEW."id"', 1)],
  ['trg_year_participation_delete', 'AFTER DELETE ON "participation" WHEN OLD."person_id" IS NOT NULL', byParticipation('OLD."person_id"', 'OLD."event_id"', 'OLD."id"', -1)],
  ['trg_year_participation_update', `AFTER UPDATE OF "person_id", "event_id" ON "participation"
    WHEN OLD."person_id" IS NOT NEW."person_id" OR OLD."event_id" <> NEW."event_id"`,
    [...byParticipation('OLD."person_id"', 'OLD."event_id"', 'OLD."id"', -1), ...byParticipation('NEW."person_id"', 'NEW."event_id"', 'NEW."id"', 1)]],
  ['trg_year_organizer_insert', 'AFTER INSERT ON "event_organizer"', byOrganizer('NEW."institution_id"', 'NEW."event_id"', 1)],
  ['trg_year_organizer_delete', 'AFTER DELETE ON "event_organizer"', byOrganizer('OLD."institution_id"', 'OLD."event_id"', -1)],
  ['trg_year_organizer_update', 'AFTER UPDATE OF "event_id", "institution_id" ON "event_organizer"',
    [...byOrganizer('OLD."institution_id"', 'OLD."event_id"', -1), ...byOrganizer('NEW."institution_id"', 'NEW."event_id"', 1)]],
  ['trg_year_event_insert', 'AFTER INSERT ON "event"', byEvent('NEW', 1)],
  // Before the row goes, while its participations and organisers are still there to be counted out.
  ['trg_year_event_delete', 'BEFORE DELETE ON "event"', byEvent('OLD', -1)],
  ['trg_year_event_update', `AFTER UPDATE OF "start_date", "end_date", "merged_into_id" ON "event" WHEN ${EVENT_CHANGED('IS NOT')}`, [...byEvent('OLD', -1), ...byEvent('NEW', 1)]],
];

// -- PostgreSQL ---------------------------------------------------------------------------------------------------

const pgBody = (stmts: string[]) => stmts.join(';\n    ');

/**
 * Distinct pairs of person and live event in transition table `t` that no participation outside the statement holds
 * (`HELD` = the statement's own rows after an insert, none after a delete), per person and the event's years.
 */
const PG_PAIRS = (t: string, held: string) => `SELECT p.person_id, ${SY('e')} AS sy, ${EY('e')} AS ey, COUNT(*) AS n
    FROM (SELECT person_id, event_id, COUNT(*) AS k FROM ${t} WHERE person_id IS NOT NULL GROUP BY person_id, event_id) p JOIN event e ON e.id = p.event_id
    WHERE e.merged_into_id IS NULL AND (SELECT COUNT(*) FROM participation x WHERE x.person_id = p.person_id AND x.event_id = p.event_id) = ${held}
    GROUP BY p.person_id, ${SY('e')}, ${EY('e')}`;

const PG_FUNCTIONS = [
  `CREATE FUNCTION year_participations_inserted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  INSERT INTO person_year_tally AS t (person_id, start_year, end_year, n) SELECT * FROM (${PG_PAIRS('new_parts', 'p.k')}) s
    ON CONFLICT (person_id, start_year, end_year) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END $f$`,
  `CREATE FUNCTION year_participations_deleted() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE person_year_tally t SET n = t.n - d.n FROM (${PG_PAIRS('old_parts', '0')}) d
    WHERE t.person_id = d.person_id AND t.start_year = d.sy AND t.end_year = d.ey;
  DELETE FROM person_year_tally WHERE n <= 0 AND person_id IN (SELECT person_id FROM old_parts);
  RETURN NULL;
END $f$`,
  // BEFORE each moved row: the rows the statement moved earlier are already moved, this one still holds its old values.
  `CREATE FUNCTION year_participation_moved() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  ${pgBody(byParticipation('OLD.person_id', 'OLD.event_id', 'OLD.id', -1))};
  ${pgBody(byParticipation('NEW.person_id', 'NEW.event_id', 'OLD.id', 1))};
  RETURN NEW;
END $f$`,
  deltaFunction('year_organizer', byOrganizer('OLD.institution_id', 'OLD.event_id', -1), byOrganizer('NEW.institution_id', 'NEW.event_id', 1)),
  deltaFunction('year_event', byEvent('OLD', -1), byEvent('NEW', 1)),
];

const PG_TRIGGERS: Array<[name: string, table: string, sql: string]> = [
  ['trg_year_participations_inserted', 'participation', `AFTER INSERT ON participation REFERENCING NEW TABLE AS new_parts
    FOR EACH STATEMENT EXECUTE FUNCTION year_participations_inserted()`],
  ['trg_year_participations_deleted', 'participation', `AFTER DELETE ON participation REFERENCING OLD TABLE AS old_parts
    FOR EACH STATEMENT EXECUTE FUNCTION year_participations_deleted()`],
  ['trg_year_participation_moved', 'participation', `BEFORE UPDATE OF person_id, event_id ON participation FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.event_id <> NEW.event_id) EXECUTE FUNCTION year_participation_moved()`],
  ['trg_year_organizer', 'event_organizer', 'AFTER INSERT OR DELETE OR UPDATE OF event_id, institution_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION year_organizer()'],
  ['trg_year_event_insert', 'event', 'AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION year_event()'],
  ['trg_year_event_delete', 'event', 'BEFORE DELETE ON event FOR EACH ROW EXECUTE FUNCTION year_event()'],
  ['trg_year_event_update', 'event', `AFTER UPDATE OF start_date, end_date, merged_into_id ON event FOR EACH ROW
    WHEN (${EVENT_CHANGED('IS DISTINCT FROM')}) EXECUTE FUNCTION year_event()`],
];

const TRIGGERS: Triggers = { pgFunctions: PG_FUNCTIONS, pgTriggers: PG_TRIGGERS, sqlite: TRIGGERS_SQLITE };

/** The tallies from the rows as they are (the backfill; the tests compare against the same aggregates). */
export const YEAR_TALLY_SOURCES: Array<[table: string, select: string]> = [
  ['person_year_tally', `SELECT pa.person_id, ${SY('e')} AS start_year, ${EY('e')} AS end_year, COUNT(DISTINCT pa.event_id) AS n
    FROM participation pa JOIN event e ON e.id = pa.event_id WHERE pa.person_id IS NOT NULL AND e.merged_into_id IS NULL GROUP BY pa.person_id, ${SY('e')}, ${EY('e')}`],
  ['organizer_year_tally', `SELECT eo.institution_id, ${SY('e')} AS start_year, ${EY('e')} AS end_year, COUNT(*) AS n
    FROM event_organizer eo JOIN event e ON e.id = eo.event_id WHERE e.merged_into_id IS NULL GROUP BY eo.institution_id, ${SY('e')}, ${EY('e')}`],
];

export class YearTallies1764540000000 implements MigrationInterface {
  name = 'YearTallies1764540000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    for (const [table, col, parent, fkName] of TALLIES) {
      const fk = `CONSTRAINT "${fkName}" FOREIGN KEY ("${col}") REFERENCES "${parent}" ("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`;
      await q.query(`CREATE TABLE "${table}" ("${col}" integer NOT NULL, "start_year" ${pg ? 'character varying' : 'varchar'}(4) NOT NULL,
        "end_year" ${pg ? 'character varying' : 'varchar'}(4) NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_${table}" PRIMARY KEY (${key(col)}), ${fk})`);
      // One year's leaders from the top down; the few events spanning years by the year they end.
      await q.query(`CREATE INDEX "idx_${table}_rank" ON "${table}" ("start_year", "end_year", "n", "${col}")`);
      await q.query(`CREATE INDEX "idx_${table}_spans" ON "${table}" ("end_year", "start_year") WHERE "start_year" <> "end_year"`);
    }
    for (const [table, select] of YEAR_TALLY_SOURCES) await q.query(`INSERT INTO "${table}" SELECT * FROM (${select}) s`);
    await createTriggers(q, TRIGGERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropTriggers(q, TRIGGERS);
    for (const [table] of [...TALLIES].reverse()) await q.query(`DROP TABLE "${table}"`);
  }
}
