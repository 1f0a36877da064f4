import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTriggers, deltaFunction, dropTriggers, Triggers } from './triggers';

/**
 * Partner tallies (docs/adr/0003-entity-list-dates.md), so that an institution's partners are ranked from a few rows
 * rather than from every institution at each of its events:
 * - `event_institution`: per event and institution, how many rows make the institution take part in the event (the
 *   three routes `partners` follows: an organiser row, a participation naming the institution, and a participation
 *   of a person who holds a position there, one per such position). Kept by triggers on event_organizer, participation
 *   and position; a row at zero is removed.
 * - `institution_pair_tally`: per ordered pair of distinct institutions, the live events both take part in, kept by
 *   triggers on event_institution (a row appearing or going) and on event (an event becoming live or not);
 *   `institution_partner_tally`: the number of such pairs per institution, kept by triggers on the pairs.
 * None has foreign keys: an institution's or an event's rows go when the rows that make them go.
 *
 * On PostgreSQL the event_institution trigger runs BEFORE each row is written, so that a statement adding or removing
 * several institutions of one event counts each pair once (a BEFORE trigger sees the rows the statement processed
 * earlier); an insert that ends as an update of an existing row (an upsert) is recognised by the row being there, which
 * holds for one writer at a time (Warta's writer queue; two processes writing the same event at once could miss
 * each other's row, as with the other pair tallies). The participation and position triggers subtract BEFORE each
 * delete or update: a person's deletion cascades to both tables, and PostgreSQL runs the AFTER triggers of those
 * cascades only once both are done, when neither side could find the other's rows to take away the positions' share.
 * Inserts stay AFTER, as an insert that ON CONFLICT skips must count nothing.
 */

const EI = '"event_institution"';
const EI_UPSERT = `ON CONFLICT ("event_id", "institution_id") DO UPDATE SET "k" = ${EI}."k" + excluded."k"`;

/** Institution `inst` of event `ev`, `d` times. */
const direct = (ev: string, inst: string, d: 1 | -1) => d > 0
  ? [`INSERT INTO ${EI} ("event_id", "institution_id", "k") SELECT ${ev}, ${inst}, 1 WHERE ${ev} IS NOT NULL AND ${inst} IS NOT NULL ${EI_UPSERT}`]
  : [`UPDATE ${EI} SET "k" = "k" - 1 WHERE "event_id" = ${ev} AND "institution_id" = ${inst}`,
    `DELETE FROM ${EI} WHERE "event_id" = ${ev} AND "institution_id" = ${inst} AND "k" <= 0`];
/** The institutions of person `pid`'s positions at event `ev` (one per position), `d` times. */
const viaPositions = (ev: string, pid: string, d: 1 | -1) => d > 0
  ? [`INSERT INTO ${EI} ("event_id", "institution_id", "k") SELECT ${ev}, po."institution_id", COUNT(*) FROM "position" po
      WHERE po."person_id" = ${pid} AND po."institution_id" IS NOT NULL AND ${ev} IS NOT NULL GROUP BY po."institution_id" ${EI_UPSERT}`]
  : [`UPDATE ${EI} SET "k" = "k" - (SELECT COUNT(*) FROM "position" po WHERE po."person_id" = ${pid} AND po."institution_id" = ${EI}."institution_id")
      WHERE "event_id" = ${ev} AND "institution_id" IN (SELECT "institution_id" FROM "position" WHERE "person_id" = ${pid})`,
    `DELETE FROM ${EI} WHERE "event_id" = ${ev} AND "k" <= 0`];
/** Institution `inst` at the events of person `pid`'s participations (one per participation), `d` times. */
const viaParticipations = (pid: string, inst: string, d: 1 | -1) => d > 0
  ? [`INSERT INTO ${EI} ("event_id", "institution_id", "k") SELECT pa."event_id", ${inst}, COUNT(*) FROM "participation" pa
      WHERE pa."person_id" = ${pid} AND ${inst} IS NOT NULL GROUP BY pa."event_id" ${EI_UPSERT}`]
  : [`UPDATE ${EI} SET "k" = "k" - (SELECT COUNT(*) FROM "participation" pa WHERE pa."person_id" = ${pid} AND pa."event_id" = ${EI}."event_id")
      WHERE "institution_id" = ${inst} AND "event_id" IN (SELECT "event_id" FROM "participation" WHERE "person_id" = ${pid})`,
    `DELETE FROM ${EI} WHERE "institution_id" = ${inst} AND "k" <= 0 AND "event_id" IN (SELECT "event_id" FROM "participation" WHERE "person_id" = ${pid})`];

const participationRows = (r: string, d: 1 | -1) => [...direct(`${r}."event_id"`, `${r}."institution_id"`, d), ...viaPositions(`${r}."event_id"`, `${r}."person_id"`, d)];

// -- event_institution → pairs ----------------------------------------------------------------------------------------

const PAIRS = '"institution_pair_tally"';
const PAIR_UPSERT = `ON CONFLICT ("institution_id", "other_id") DO UPDATE SET "n" = ${PAIRS}."n" + excluded."n"`;
const LIVE = (ev: string) => `EXISTS (SELECT 1 FROM "event" WHERE "id" = ${ev} AND "merged_into_id" IS NULL)`;
const othersAt = (ev: string, inst: string) => `SELECT "institution_id" AS j FROM ${EI} WHERE "event_id" = ${ev} AND "institution_id" <> ${inst}`;

/** Institution `inst` newly (+1) or no longer (-1) at live event `ev`: with each other institution there, both ways. */
const pairsOf = (ev: string, inst: string, d: 1 | -1) => d > 0
  ? [`INSERT INTO ${PAIRS} ("institution_id", "other_id", "n") SELECT ${inst}, o.j, 1 FROM (${othersAt(ev, inst)}) o WHERE ${LIVE(ev)} ${PAIR_UPSERT}`,
    `INSERT INTO ${PAIRS} ("institution_id", "other_id", "n") SELECT o.j, ${inst}, 1 FROM (${othersAt(ev, inst)}) o WHERE ${LIVE(ev)} ${PAIR_UPSERT}`]
  : [`UPDATE ${PAIRS} SET "n" = "n" - 1 WHERE "institution_id" = ${inst} AND "other_id" IN (${othersAt(ev, inst)}) AND ${LIVE(ev)}`,
    `UPDATE ${PAIRS} SET "n" = "n" - 1 WHERE "other_id" = ${inst} AND "institution_id" IN (${othersAt(ev, inst)}) AND ${LIVE(ev)}`,
    `DELETE FROM ${PAIRS} WHERE "institution_id" = ${inst} AND "other_id" IN (${othersAt(ev, inst)}) AND "n" <= 0`,
    `DELETE FROM ${PAIRS} WHERE "other_id" = ${inst} AND "institution_id" IN (${othersAt(ev, inst)}) AND "n" <= 0`];

/** Every ordered pair of distinct institutions of event `ev`. */
const allPairs = (ev: string) => `SELECT a."institution_id" AS i1, b."institution_id" AS i2 FROM ${EI} a JOIN ${EI} b ON b."event_id" = a."event_id" AND b."institution_id" <> a."institution_id"
  WHERE a."event_id" = ${ev}`;
/** Event `ev` becomes live (+1) or stops being live (-1): every pair of its institutions. */
const eventPairs = (ev: string, d: 1 | -1) => d > 0
  ? [`INSERT INTO ${PAIRS} ("institution_id", "other_id", "n") SELECT x.i1, x.i2, 1 FROM (${allPairs(ev)}) x WHERE true ${PAIR_UPSERT}`]
  : [`UPDATE ${PAIRS} SET "n" = "n" - 1 WHERE ("institution_id", "other_id") IN (${allPairs(ev)})`,
    `DELETE FROM ${PAIRS} WHERE "n" <= 0 AND ("institution_id", "other_id") IN (${allPairs(ev)})`];

const COUNT_ADD = `INSERT INTO "institution_partner_tally" ("institution_id", "n") VALUES (NEW."institution_id", 1)
  ON CONFLICT ("institution_id") DO UPDATE SET "n" = "institution_partner_tally"."n" + 1`;
const COUNT_SUB = [`UPDATE "institution_partner_tally" SET "n" = "n" - 1 WHERE "institution_id" = OLD."institution_id"`,
  `DELETE FROM "institution_partner_tally" WHERE "institution_id" = OLD."institution_id" AND "n" <= 0`];

const PARTICIPATION_CHANGED = (is: string) => `OLD."event_id" ${is} NEW."event_id" OR OLD."person_id" ${is} NEW."person_id" OR OLD."institution_id" ${is} NEW."institution_id"`;

// SQLite runs AFTER row triggers as each row is written: an event_institution row is already there (insert) or gone
// (delete) when its pairs are counted.
const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_einst_organizer_insert', 'AFTER INSERT ON "event_organizer"', direct('NEW."event_id"', 'NEW."institution_id"', 1)],
  ['trg_einst_organizer_delete', 'AFTER DELETE ON "event_organizer"', direct('OLD."event_id"', 'OLD."institution_id"', -1)],
  ['trg_einst_organizer_update', 'AFTER UPDATE OF "event_id", "institution_id" ON "event_organizer"',
    [...direct('OLD."event_id"', 'OLD."institution_id"', -1), ...direct('NEW."event_id"', 'NEW."institution_id"', 1)]],
  ['trg_einst_participation_insert', 'AFTER INSERT ON "participation"', participationRows('NEW', 1)],
  ['trg_einst_participation_delete', 'AFTER DELETE ON "participation"', participationRows('OLD', -1)],
  ['trg_einst_participation_update', `AFTER UPDATE OF "event_id", "person_id", "institution_id" ON "participation" WHEN ${PARTICIPATION_CHANGED('IS NOT')}`,
    [...participationRows('OLD', -1), ...participationRows('NEW', 1)]],
  ['trg_einst_position_insert', 'AFTER INSERT ON "position"', viaParticipations('NEW."person_id"', 'NEW."institution_id"', 1)],
  ['trg_einst_position_delete', 'AFTER DELETE ON "position"', viaParticipations('OLD."person_id"', 'OLD."institution_id"', -1)],
  ['trg_einst_position_update', 'AFTER UPDATE OF "person_id", "institution_id" ON "position" WHEN OLD."person_id" IS NOT NEW."person_id" OR OLD."institution_id" IS NOT NEW."institution_id"',
    [...viaParticipations('OLD."person_id"', 'OLD."institution_id"', -1), ...viaParticipations('NEW."person_id"', 'NEW."institution_id"', 1)]],
  ['trg_ipair_einst_insert', `AFTER INSERT ON ${EI}`, pairsOf('NEW."event_id"', 'NEW."institution_id"', 1)],
  ['trg_ipair_einst_delete', `AFTER DELETE ON ${EI}`, pairsOf('OLD."event_id"', 'OLD."institution_id"', -1)],
  ['trg_ipair_event_insert', 'AFTER INSERT ON "event" WHEN NEW."merged_into_id" IS NULL', eventPairs('NEW."id"', 1)],
  ['trg_ipair_event_delete', 'BEFORE DELETE ON "event" WHEN OLD."merged_into_id" IS NULL', eventPairs('OLD."id"', -1)],
  ['trg_ipair_event_merge', 'AFTER UPDATE OF "merged_into_id" ON "event" WHEN OLD."merged_into_id" IS NULL AND NEW."merged_into_id" IS NOT NULL', eventPairs('NEW."id"', -1)],
  ['trg_ipair_event_unmerge', 'AFTER UPDATE OF "merged_into_id" ON "event" WHEN OLD."merged_into_id" IS NOT NULL AND NEW."merged_into_id" IS NULL', eventPairs('NEW."id"', 1)],
  ['trg_ipair_count_insert', `AFTER INSERT ON ${PAIRS}`, [COUNT_ADD]],
  ['trg_ipair_count_delete', `AFTER DELETE ON ${PAIRS}`, COUNT_SUB],
];

const body = (stmts: string[]) => stmts.join(';\n    ');
const PG_FUNCTIONS = [
  deltaFunction('einst_organizer', direct('OLD.event_id', 'OLD.institution_id', -1), direct('NEW.event_id', 'NEW.institution_id', 1)),
  deltaFunction('einst_participation', participationRows('OLD', -1), participationRows('NEW', 1)),
  deltaFunction('einst_position', viaParticipations('OLD.person_id', 'OLD.institution_id', -1), viaParticipations('NEW.person_id', 'NEW.institution_id', 1)),
  // BEFORE: the row being deleted is still there (othersAt leaves it out); a proposed row is new when none is there yet.
  `CREATE FUNCTION ipair_einst() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'DELETE' THEN ${body(pairsOf('OLD.event_id', 'OLD.institution_id', -1))};
    RETURN OLD;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ${EI} WHERE event_id = NEW.event_id AND institution_id = NEW.institution_id) THEN
    ${body(pairsOf('NEW.event_id', 'NEW.institution_id', 1))};
  END IF;
  RETURN NEW;
END $f$`,
  `CREATE FUNCTION ipair_event() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.merged_into_id IS NULL OR TG_OP = 'UPDATE' AND OLD.merged_into_id IS NULL AND NEW.merged_into_id IS NOT NULL THEN
    ${body(eventPairs('OLD.id', -1))};
  END IF;
  IF TG_OP = 'INSERT' AND NEW.merged_into_id IS NULL OR TG_OP = 'UPDATE' AND OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL THEN
    ${body(eventPairs('NEW.id', 1))};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$`,
  `CREATE FUNCTION ipair_count() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN ${COUNT_ADD};
  ELSE ${COUNT_SUB.join('; ')};
  END IF;
  RETURN NULL;
END $f$`,
];

const PG_TRIGGERS: Array<[name: string, table: string, sql: string]> = [
  ['trg_einst_organizer', 'event_organizer', 'AFTER INSERT OR DELETE OR UPDATE OF event_id, institution_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION einst_organizer()'],
  ['trg_einst_participation', 'participation', 'AFTER INSERT ON participation FOR EACH ROW EXECUTE FUNCTION einst_participation()'],
  ['trg_einst_participation_delete', 'participation', 'BEFORE DELETE ON participation FOR EACH ROW EXECUTE FUNCTION einst_participation()'],
  ['trg_einst_participation_update', 'participation', `BEFORE UPDATE OF event_id, person_id, institution_id ON participation FOR EACH ROW
    WHEN (${PARTICIPATION_CHANGED('IS DISTINCT FROM')}) EXECUTE FUNCTION einst_participation()`],
  ['trg_einst_position', 'position', 'AFTER INSERT ON position FOR EACH ROW EXECUTE FUNCTION einst_position()'],
  ['trg_einst_position_delete', 'position', 'BEFORE DELETE ON position FOR EACH ROW EXECUTE FUNCTION einst_position()'],
  ['trg_einst_position_update', 'position', `BEFORE UPDATE OF person_id, institution_id ON position FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.institution_id IS DISTINCT FROM NEW.institution_id) EXECUTE FUNCTION einst_position()`],
  ['trg_ipair_einst', 'event_institution', 'BEFORE INSERT OR DELETE ON event_institution FOR EACH ROW EXECUTE FUNCTION ipair_einst()'],
  ['trg_ipair_event_insert', 'event', 'AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION ipair_event()'],
  // Before the row goes, while its organisers and participations (and so its institutions) are still there.
  ['trg_ipair_event_delete', 'event', 'BEFORE DELETE ON event FOR EACH ROW EXECUTE FUNCTION ipair_event()'],
  ['trg_ipair_event_update', 'event', `AFTER UPDATE OF merged_into_id ON event FOR EACH ROW
    WHEN ((OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)) EXECUTE FUNCTION ipair_event()`],
  ['trg_ipair_count', 'institution_pair_tally', 'AFTER INSERT OR DELETE ON institution_pair_tally FOR EACH ROW EXECUTE FUNCTION ipair_count()'],
];

const TRIGGERS: Triggers = { pgFunctions: PG_FUNCTIONS, pgTriggers: PG_TRIGGERS, sqlite: TRIGGERS_SQLITE };

/** The tallies from the rows as they are (the backfill; the tests compare against the same aggregates). */
const EI_ROWS = `SELECT event_id, institution_id, SUM(k) AS k FROM (
    SELECT event_id, institution_id, COUNT(*) AS k FROM event_organizer GROUP BY event_id, institution_id
    UNION ALL SELECT event_id, institution_id, COUNT(*) FROM participation WHERE institution_id IS NOT NULL GROUP BY event_id, institution_id
    UNION ALL SELECT pa.event_id, po.institution_id, COUNT(*) FROM participation pa JOIN position po ON po.person_id = pa.person_id
      WHERE po.institution_id IS NOT NULL GROUP BY pa.event_id, po.institution_id) r GROUP BY event_id, institution_id`;
const PAIR_ROWS = `SELECT a.institution_id, b.institution_id AS other_id, COUNT(*) AS n FROM (${EI_ROWS}) a JOIN (${EI_ROWS}) b ON b.event_id = a.event_id
    AND b.institution_id <> a.institution_id JOIN event e ON e.id = a.event_id WHERE e.merged_into_id IS NULL GROUP BY a.institution_id, b.institution_id`;
export const INSTITUTION_PAIR_SOURCES: Array<[table: string, select: string]> = [
  ['event_institution', EI_ROWS],
  ['institution_pair_tally', PAIR_ROWS],
  ['institution_partner_tally', `SELECT p.institution_id, COUNT(*) AS n FROM (${PAIR_ROWS}) p GROUP BY p.institution_id`],
];

export class InstitutionPairTally1764570000000 implements MigrationInterface {
  name = 'InstitutionPairTally1764570000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const pk = (t: string, cols: string) => (pg ? `CONSTRAINT "PK_${t}" PRIMARY KEY (${cols})` : `PRIMARY KEY (${cols})`);
    // On SQLite the two keyed tables are stored in their key's order alone (WITHOUT ROWID: no second copy of the key).
    const keyed = pg ? '' : ' WITHOUT ROWID';
    await q.query(`CREATE TABLE ${EI} ("event_id" integer NOT NULL, "institution_id" integer NOT NULL, "k" integer NOT NULL, ${pk('event_institution', '"event_id", "institution_id"')})${keyed}`);
    // An institution's events (a position's change reaches them by its person's participations instead).
    await q.query(`CREATE INDEX "idx_event_institution_institution" ON ${EI} ("institution_id", "event_id")`);
    await q.query(`CREATE TABLE ${PAIRS} ("institution_id" integer NOT NULL, "other_id" integer NOT NULL, "n" integer NOT NULL, ${pk('institution_pair_tally', '"institution_id", "other_id"')})${keyed}`);
    // One institution's partners from the most shared events down.
    await q.query(`CREATE INDEX "idx_institution_pair_tally_n" ON ${PAIRS} ("institution_id", "n")`);
    await q.query(`CREATE TABLE "institution_partner_tally" ("institution_id" integer NOT NULL, "n" integer NOT NULL, ${pk('institution_partner_tally', '"institution_id"')})`);
    // The merged institutions alone, which a partner count leaves out (partial: no look-up of live ones can use it).
    await q.query('CREATE INDEX "idx_institution_merged_only" ON "institution" ("id") WHERE "merged_into_id" IS NOT NULL');
    for (const [table, select] of INSTITUTION_PAIR_SOURCES) await q.query(`INSERT INTO "${table}" SELECT * FROM (${select}) s`);
    await createTriggers(q, TRIGGERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropTriggers(q, TRIGGERS);
    await q.query('DROP INDEX "idx_institution_merged_only"');
    for (const t of ['institution_partner_tally', 'institution_pair_tally', 'event_institution']) await q.query(`DROP TABLE "${t}"`);
  }
}
