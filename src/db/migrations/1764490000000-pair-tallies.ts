import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-attendance tallies (docs/adr/0003-entity-list-dates.md): `person_pair_tally` holds, for each ordered pair of
 * distinct people, the live events both took part in (however many roles each had), and `person_coattendee_tally` the
 * number of such pairs per person. Triggers on participation and event keep the first exact inside the writing
 * transaction, as the tallies of migration 1764460000000 do; triggers on the first keep the second. A pair at zero is
 * removed. Both tables name people without foreign keys: a person's rows go when their participations go.
 *
 * On PostgreSQL the participation trigger runs BEFORE each row is written, so that a statement moving many rows (an
 * editor's merge of two people) is counted row by row against the table as each row finds it; AFTER row triggers would
 * all see the statement's end state.
 */

/** The distinct people of event `ev` other than `self`, leaving out participation `skip` (the row being changed). */
const others = (ev: string, self: string, skip?: string) =>
  `SELECT DISTINCT "person_id" AS q FROM "participation" WHERE "event_id" = ${ev} AND "person_id" IS NOT NULL AND "person_id" <> ${self}${skip ? ` AND "id" <> ${skip}` : ''}`;
/** Every ordered pair of distinct people of event `ev`. */
const pairs = (ev: string) => `SELECT a.q AS p1, b.q AS p2 FROM (SELECT DISTINCT "person_id" AS q FROM "participation" WHERE "event_id" = ${ev} AND "person_id" IS NOT NULL) a
  JOIN (SELECT DISTINCT "person_id" AS q FROM "participation" WHERE "event_id" = ${ev} AND "person_id" IS NOT NULL) b ON a.q <> b.q`;

const UPSERT = 'ON CONFLICT ("person_id", "other_id") DO UPDATE SET "n" = "person_pair_tally"."n" + 1';

/** Person `p` newly takes part in event `ev` (when `guard` holds): +1 with each other person there, both ways. */
const addPerson = (p: string, ev: string, guard: string, skip?: string) => [
  `INSERT INTO "person_pair_tally" ("person_id", "other_id", "n") SELECT ${p}, o.q, 1 FROM (${others(ev, p, skip)}) o WHERE ${guard} ${UPSERT}`,
  `INSERT INTO "person_pair_tally" ("person_id", "other_id", "n") SELECT o.q, ${p}, 1 FROM (${others(ev, p, skip)}) o WHERE ${guard} ${UPSERT}`,
];
/** Person `p` no longer takes part in event `ev` (when `guard` holds): -1 with each other person there, both ways. */
const subPerson = (p: string, ev: string, guard: string, skip?: string) => [
  `UPDATE "person_pair_tally" SET "n" = "n" - 1 WHERE "person_id" = ${p} AND "other_id" IN (${others(ev, p, skip)}) AND ${guard}`,
  `UPDATE "person_pair_tally" SET "n" = "n" - 1 WHERE "other_id" = ${p} AND "person_id" IN (${others(ev, p, skip)}) AND ${guard}`,
  `DELETE FROM "person_pair_tally" WHERE "person_id" = ${p} AND "n" <= 0`,
  `DELETE FROM "person_pair_tally" WHERE "other_id" = ${p} AND "person_id" IN (${others(ev, p, skip)}) AND "n" <= 0`,
];
/** Event `ev` becomes live (+1) or stops being live (-1): every pair of its people. */
const eventPairs = (ev: string, d: 1 | -1) => d > 0
  ? [`INSERT INTO "person_pair_tally" ("person_id", "other_id", "n") SELECT x.p1, x.p2, 1 FROM (${pairs(ev)}) x WHERE true ${UPSERT}`]
  : [`UPDATE "person_pair_tally" SET "n" = "n" - 1 WHERE ("person_id", "other_id") IN (${pairs(ev)})`,
    `DELETE FROM "person_pair_tally" WHERE "n" <= 0 AND ("person_id", "other_id") IN (${pairs(ev)})`];

const LIVE = (id: string) => `EXISTS (SELECT 1 FROM "event" WHERE "id" = ${id} AND "merged_into_id" IS NULL)`;
/** Row `r` (of participation row `id`) pairs its person and event alone: no other row does. */
const alone = (r: 'NEW' | 'OLD', id: string) => `${r}."person_id" IS NOT NULL AND ${LIVE(`${r}."event_id"`)}
  AND NOT EXISTS (SELECT 1 FROM "participation" WHERE "person_id" = ${r}."person_id" AND "event_id" = ${r}."event_id" AND "id" <> ${id})`;

const COUNT_ADD = `INSERT INTO "person_coattendee_tally" ("person_id", "n") VALUES (NEW."person_id", 1) ON CONFLICT ("person_id") DO UPDATE SET "n" = "person_coattendee_tally"."n" + 1`;
const COUNT_SUB = [`UPDATE "person_coattendee_tally" SET "n" = "n" - 1 WHERE "person_id" = OLD."person_id"`, `DELETE FROM "person_coattendee_tally" WHERE "person_id" = OLD."person_id" AND "n" <= 0`];

// SQLite runs AFTER row triggers as each row is written: the row is already there (insert) or gone (delete).
const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_pair_participation_insert', 'AFTER INSERT ON "participation" WHEN NEW."person_id" IS NOT NULL', addPerson('NEW."person_id"', 'NEW."event_id"', alone('NEW', 'NEW."id"'))],
  ['trg_pair_participation_delete', 'AFTER DELETE ON "participation" WHEN OLD."person_id" IS NOT NULL', subPerson('OLD."person_id"', 'OLD."event_id"', alone('OLD', 'OLD."id"'))],
  ['trg_pair_participation_update', `AFTER UPDATE OF "person_id", "event_id" ON "participation" WHEN OLD."person_id" IS NOT NEW."person_id" OR OLD."event_id" <> NEW."event_id"`,
    [...subPerson('OLD."person_id"', 'OLD."event_id"', alone('OLD', 'NEW."id"'), 'NEW."id"'), ...addPerson('NEW."person_id"', 'NEW."event_id"', alone('NEW', 'NEW."id"'))]],
  ['trg_pair_event_insert', 'AFTER INSERT ON "event" WHEN NEW."merged_into_id" IS NULL', eventPairs('NEW."id"', 1)],
  ['trg_pair_event_delete', 'BEFORE DELETE ON "event" WHEN OLD."merged_into_id" IS NULL', eventPairs('OLD."id"', -1)],
  ['trg_pair_event_merge', 'AFTER UPDATE OF "merged_into_id" ON "event" WHEN OLD."merged_into_id" IS NULL AND NEW."merged_into_id" IS NOT NULL', eventPairs('NEW."id"', -1)],
  ['trg_pair_event_unmerge', 'AFTER UPDATE OF "merged_into_id" ON "event" WHEN OLD."merged_into_id" IS NOT NULL AND NEW."merged_into_id" IS NULL', eventPairs('NEW."id"', 1)],
  ['trg_pair_count_insert', 'AFTER INSERT ON "person_pair_tally"', [COUNT_ADD]],
  ['trg_pair_count_delete', 'AFTER DELETE ON "person_pair_tally"', COUNT_SUB],
];

// PostgreSQL: BEFORE the participation row is written, the table holds the row as it was (or not yet): its own id is
// left out of the other people.
const PG_FUNCTIONS = `
CREATE FUNCTION pair_participation() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${alone('OLD', 'OLD.id')} THEN
    ${subPerson('OLD.person_id', 'OLD.event_id', 'true', 'OLD.id').join(';\n    ')};
  END IF;
  IF TG_OP = 'INSERT' AND ${alone('NEW', 'NEW.id')} THEN
    ${addPerson('NEW.person_id', 'NEW.event_id', 'true').join(';\n    ')};
  END IF;
  IF TG_OP = 'UPDATE' AND ${alone('NEW', 'OLD.id')} THEN
    ${addPerson('NEW.person_id', 'NEW.event_id', 'true', 'OLD.id').join(';\n    ')};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;

CREATE FUNCTION pair_event() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.merged_into_id IS NULL OR TG_OP = 'UPDATE' AND OLD.merged_into_id IS NULL AND NEW.merged_into_id IS NOT NULL THEN
    ${eventPairs('OLD.id', -1).join(';\n    ')};
  END IF;
  IF TG_OP = 'INSERT' AND NEW.merged_into_id IS NULL OR TG_OP = 'UPDATE' AND OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL THEN
    ${eventPairs('NEW.id', 1).join(';\n    ')};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;

CREATE FUNCTION pair_count() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN ${COUNT_ADD};
  ELSE ${COUNT_SUB.join('; ')};
  END IF;
  RETURN NULL;
END $f$;
`;

const PG_TRIGGERS: Array<[name: string, table: string, sql: string]> = [
  ['trg_pair_participation', 'participation', `BEFORE INSERT OR DELETE OR UPDATE OF person_id, event_id ON participation FOR EACH ROW EXECUTE FUNCTION pair_participation()`],
  ['trg_pair_event_insert', 'event', 'AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION pair_event()'],
  // Before the row goes, while its participations are still there to be counted out.
  ['trg_pair_event_delete', 'event', 'BEFORE DELETE ON event FOR EACH ROW EXECUTE FUNCTION pair_event()'],
  ['trg_pair_event_update', 'event', `AFTER UPDATE OF merged_into_id ON event FOR EACH ROW
    WHEN ((OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)) EXECUTE FUNCTION pair_event()`],
  ['trg_pair_count', 'person_pair_tally', 'AFTER INSERT OR DELETE ON person_pair_tally FOR EACH ROW EXECUTE FUNCTION pair_count()'],
];

/** The tallies from the rows as they are (the backfill; the tests compare against the same aggregates). */
export const PAIR_TALLY_SOURCES: Array<[table: string, select: string]> = [
  ['person_pair_tally', `SELECT a.person_id, b.person_id AS other_id, COUNT(DISTINCT a.event_id) AS n FROM participation a
    JOIN participation b ON b.event_id = a.event_id AND b.person_id <> a.person_id JOIN event e ON e.id = a.event_id
    WHERE a.person_id IS NOT NULL AND e.merged_into_id IS NULL GROUP BY a.person_id, b.person_id`],
  ['person_coattendee_tally', `SELECT a.person_id, COUNT(DISTINCT b.person_id) AS n FROM participation a
    JOIN participation b ON b.event_id = a.event_id AND b.person_id <> a.person_id JOIN event e ON e.id = a.event_id
    WHERE a.person_id IS NOT NULL AND e.merged_into_id IS NULL GROUP BY a.person_id`],
];

export class PairTallies1764490000000 implements MigrationInterface {
  name = 'PairTallies1764490000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    if (pg) {
      await q.query('CREATE TABLE "person_pair_tally" ("person_id" integer NOT NULL, "other_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_person_pair_tally" PRIMARY KEY ("person_id", "other_id"))');
      await q.query('CREATE TABLE "person_coattendee_tally" ("person_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_person_coattendee_tally" PRIMARY KEY ("person_id"))');
    } else {
      await q.query('CREATE TABLE "person_pair_tally" ("person_id" integer NOT NULL, "other_id" integer NOT NULL, "n" integer NOT NULL, PRIMARY KEY ("person_id", "other_id"))');
      await q.query('CREATE TABLE "person_coattendee_tally" ("person_id" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL)');
    }
    await q.query(`INSERT INTO "person_pair_tally" SELECT * FROM (${PAIR_TALLY_SOURCES[0][1]}) s`);
    await q.query('INSERT INTO "person_coattendee_tally" SELECT "person_id", COUNT(*) FROM "person_pair_tally" GROUP BY "person_id"');
    // A person's co-attendees, most shared events first; merged people, to take them out of a count.
    await q.query('CREATE INDEX "idx_person_pair_tally_n" ON "person_pair_tally" ("person_id", "n")');
    await q.query('CREATE INDEX "idx_person_merged" ON "person" ("merged_into_id")');
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
      for (const f of ['pair_participation()', 'pair_event()', 'pair_count()']) await q.query(`DROP FUNCTION ${f}`);
    } else {
      for (const [name] of TRIGGERS_SQLITE) await q.query(`DROP TRIGGER "${name}"`);
    }
    await q.query('DROP INDEX "idx_person_merged"');
    await q.query('DROP TABLE "person_coattendee_tally"');
    await q.query('DROP TABLE "person_pair_tally"');
  }
}
