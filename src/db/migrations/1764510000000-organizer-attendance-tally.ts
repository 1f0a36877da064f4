import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Participations at each organiser's live events per (start month, end month) of the event
 * (docs/adr/0003-entity-list-dates.md), so that an organiser's attendance over whole months is counted from a few rows
 * rather than from every participation of the range. The months are those of the event tallies (migration
 * 1764460000000: '' for no date). Triggers on participation, event_organizer and event keep it inside the writing
 * transaction; the application never writes it. Each trigger counts from the rows as they are, so a row written before
 * its event or organiser (a PostgreSQL batch) is counted when the later one arrives.
 */

const SM = (r: string) => `COALESCE(SUBSTR(CAST(${r}."start_date" AS TEXT), 1, 7), '')`;
const EM = (r: string) => `COALESCE(SUBSTR(CAST(COALESCE(${r}."end_date", ${r}."start_date") AS TEXT), 1, 7), '')`;
const KEY = '"institution_id", "start_month", "end_month"';
const UPSERT = `ON CONFLICT (${KEY}) DO UPDATE SET "n" = "organizer_attendance_tally"."n" + excluded."n"`;
const PRUNE = `DELETE FROM "organizer_attendance_tally" WHERE "n" <= 0`;

/** `d` (1 or -1) per organiser of live event `ev`, for one participation. */
export const byParticipation = (ev: string, d: 1 | -1) => [
  `INSERT INTO "organizer_attendance_tally" (${KEY}, "n") SELECT eo."institution_id", ${SM('e')}, ${EM('e')}, ${d} FROM "event_organizer" eo JOIN "event" e ON e."id" = eo."event_id"
    WHERE eo."event_id" = ${ev} AND e."merged_into_id" IS NULL ${UPSERT}`,
  ...(d < 0 ? [`${PRUNE} AND "institution_id" IN (SELECT "institution_id" FROM "event_organizer" WHERE "event_id" = ${ev})`] : []),
];
/** `d` times the participations of live event `ev` for organiser `inst`. */
export const byOrganizer = (ev: string, inst: string, d: 1 | -1) => [
  `INSERT INTO "organizer_attendance_tally" (${KEY}, "n") SELECT ${inst}, ${SM('e')}, ${EM('e')}, ${d} * c.n FROM "event" e, (SELECT COUNT(*) AS n FROM "participation" WHERE "event_id" = ${ev}) c
    WHERE e."id" = ${ev} AND e."merged_into_id" IS NULL AND c.n > 0 ${UPSERT}`,
  ...(d < 0 ? [`${PRUNE} AND "institution_id" = ${inst}`] : []),
];
/** `d` times the participations of event row `r` (when live) for each of its organisers, in `r`'s months. */
const byEvent = (r: string, d: 1 | -1) => [
  `INSERT INTO "organizer_attendance_tally" (${KEY}, "n") SELECT eo."institution_id", ${SM(r)}, ${EM(r)}, ${d} * c.n FROM "event_organizer" eo,
    (SELECT COUNT(*) AS n FROM "participation" WHERE "event_id" = ${r}."id") c WHERE eo."event_id" = ${r}."id" AND ${r}."merged_into_id" IS NULL AND c.n > 0 ${UPSERT}`,
  ...(d < 0 ? [`${PRUNE} AND "institution_id" IN (SELECT "institution_id" FROM "event_organizer" WHERE "event_id" = ${r}."id")`] : []),
];

const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_orgatt_participation_insert', 'AFTER INSERT ON "participation"', byParticipation('NEW."event_id"', 1)],
  ['trg_orgatt_participation_delete', 'AFTER DELETE ON "participation"', byParticipation('OLD."event_id"', -1)],
  ['trg_orgatt_participation_update', 'AFTER UPDATE OF "event_id" ON "participation" WHEN OLD."event_id" <> NEW."event_id"',
    [...byParticipation('OLD."event_id"', -1), ...byParticipation('NEW."event_id"', 1)]],
  ['trg_orgatt_organizer_insert', 'AFTER INSERT ON "event_organizer"', byOrganizer('NEW."event_id"', 'NEW."institution_id"', 1)],
  ['trg_orgatt_organizer_delete', 'AFTER DELETE ON "event_organizer"', byOrganizer('OLD."event_id"', 'OLD."institution_id"', -1)],
  ['trg_orgatt_organizer_update', 'AFTER UPDATE OF "event_id", "institution_id" ON "event_organizer"',
    [...byOrganizer('OLD."event_id"', 'OLD."institution_id"', -1), ...byOrganizer('NEW."event_id"', 'NEW."institution_id"', 1)]],
  ['trg_orgatt_event_insert', 'AFTER INSERT ON "event"', byEvent('NEW', 1)],
  // Before the row goes, while its participations and organisers are still there to be counted out.
  ['trg_orgatt_event_delete', 'BEFORE DELETE ON "event"', byEvent('OLD', -1)],
  ['trg_orgatt_event_update', `AFTER UPDATE OF "start_date", "end_date", "merged_into_id" ON "event"
    WHEN OLD."start_date" IS NOT NEW."start_date" OR OLD."end_date" IS NOT NEW."end_date" OR (OLD."merged_into_id" IS NULL) <> (NEW."merged_into_id" IS NULL)`,
    [...byEvent('OLD', -1), ...byEvent('NEW', 1)]],
];

const pgBody = (stmts: string[]) => stmts.join(';\n    ');
const PG_FUNCTIONS = `
CREATE FUNCTION orgatt_participation() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN ${pgBody(byParticipation('OLD.event_id', -1))};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN ${pgBody(byParticipation('NEW.event_id', 1))};
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION orgatt_organizer() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN ${pgBody(byOrganizer('OLD.event_id', 'OLD.institution_id', -1))};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN ${pgBody(byOrganizer('NEW.event_id', 'NEW.institution_id', 1))};
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION orgatt_event() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN ${pgBody(byEvent('OLD', -1))};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN ${pgBody(byEvent('NEW', 1))};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;
`;

const PG_TRIGGERS: Array<[name: string, table: string, sql: string]> = [
  ['trg_orgatt_participation', 'participation', 'AFTER INSERT OR DELETE ON participation FOR EACH ROW EXECUTE FUNCTION orgatt_participation()'],
  ['trg_orgatt_participation_update', 'participation', `AFTER UPDATE OF event_id ON participation FOR EACH ROW
    WHEN (OLD.event_id <> NEW.event_id) EXECUTE FUNCTION orgatt_participation()`],
  ['trg_orgatt_organizer', 'event_organizer', 'AFTER INSERT OR DELETE OR UPDATE OF event_id, institution_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION orgatt_organizer()'],
  ['trg_orgatt_event_insert', 'event', 'AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION orgatt_event()'],
  ['trg_orgatt_event_delete', 'event', 'BEFORE DELETE ON event FOR EACH ROW EXECUTE FUNCTION orgatt_event()'],
  ['trg_orgatt_event_update', 'event', `AFTER UPDATE OF start_date, end_date, merged_into_id ON event FOR EACH ROW
    WHEN (OLD.start_date IS DISTINCT FROM NEW.start_date OR OLD.end_date IS DISTINCT FROM NEW.end_date
      OR (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)) EXECUTE FUNCTION orgatt_event()`],
];

/** The tally from the rows as they are (the backfill; the tests compare against the same aggregate). */
export const ORGANIZER_ATTENDANCE_SOURCE = `SELECT eo.institution_id, ${SM('e')} AS start_month, ${EM('e')} AS end_month, COUNT(*) AS n
  FROM event_organizer eo JOIN event e ON e.id = eo.event_id JOIN participation pa ON pa.event_id = e.id WHERE e.merged_into_id IS NULL
  GROUP BY eo.institution_id, ${SM('e')}, ${EM('e')}`;

export class OrganizerAttendanceTally1764510000000 implements MigrationInterface {
  name = 'OrganizerAttendanceTally1764510000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(pg
      ? `CREATE TABLE "organizer_attendance_tally" ("institution_id" integer NOT NULL, "start_month" character varying(7) NOT NULL, "end_month" character varying(7) NOT NULL,
        "n" integer NOT NULL, CONSTRAINT "PK_organizer_attendance_tally" PRIMARY KEY (${KEY}))`
      : `CREATE TABLE "organizer_attendance_tally" ("institution_id" integer NOT NULL, "start_month" varchar(7) NOT NULL, "end_month" varchar(7) NOT NULL,
        "n" integer NOT NULL, PRIMARY KEY (${KEY}))`);
    await q.query(`INSERT INTO "organizer_attendance_tally" SELECT * FROM (${ORGANIZER_ATTENDANCE_SOURCE}) t`);
    if (pg) {
      await q.query(PG_FUNCTIONS);
      for (const [name, , sql] of PG_TRIGGERS) await q.query(`CREATE TRIGGER ${name} ${sql}`);
    } else {
      for (const [name, head, body] of TRIGGERS_SQLITE) await q.query(`CREATE TRIGGER "${name}" ${head} BEGIN\n  ${body.join(';\n  ')};\nEND`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    if (pg) {
      for (const [name, table] of PG_TRIGGERS) await q.query(`DROP TRIGGER ${name} ON ${table}`);
      for (const f of ['orgatt_participation()', 'orgatt_organizer()', 'orgatt_event()']) await q.query(`DROP FUNCTION ${f}`);
    } else {
      for (const [name] of TRIGGERS_SQLITE) await q.query(`DROP TRIGGER "${name}"`);
    }
    await q.query('DROP TABLE "organizer_attendance_tally"');
  }
}
