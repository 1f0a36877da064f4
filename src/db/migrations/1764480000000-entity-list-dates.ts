import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The date each per-entity list sorts by, copied onto the rows it lists (docs/adr/0003-entity-list-dates.md), so that
 * a person's or an organiser's first page is an ordered walk of one index with a LIMIT rather than a read and sort of
 * all their rows:
 * - `participation.event_date` and `event_organizer.event_date`: the event's COALESCE(start_date, '0001-01-01') while
 *   the event is live (merged_into_id null), null once it is merged; indexed by (person, date, id) and (organiser,
 *   date, event);
 * - `quote.article_date`: the article's COALESCE(published_on, '0001-01-01'), as `mention.article_date`; indexed by
 *   (person, date, id).
 * Triggers keep them inside the writing transaction, whoever writes; the application never writes them. A row inserted
 * before its event or article (a PostgreSQL batch writes in table order, checked at commit) gets its date when that
 * event or article is inserted.
 */

const EVENT_DATE = (id: string) => `(SELECT CASE WHEN "merged_into_id" IS NULL THEN COALESCE("start_date", '0001-01-01') END FROM "event" WHERE "id" = ${id})`;
const ARTICLE_DATE = (id: string) => `COALESCE((SELECT CAST("published_on" AS TEXT) FROM "article" WHERE "id" = ${id}), '0001-01-01')`;
const OWN_EVENT_DATE = `CASE WHEN NEW."merged_into_id" IS NULL THEN COALESCE(NEW."start_date", '0001-01-01') END`;
const OWN_ARTICLE_DATE = `COALESCE(CAST(NEW."published_on" AS TEXT), '0001-01-01')`;

const INDEXES = [
  'CREATE INDEX "idx_participation_person_date" ON "participation" ("person_id", "event_date", "id")',
  'CREATE INDEX "idx_event_organizer_inst_date" ON "event_organizer" ("institution_id", "event_date", "event_id")',
  'CREATE INDEX "idx_quote_person_date" ON "quote" ("person_id", "article_date", "id")',
];

const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_date_participation_insert', 'AFTER INSERT ON "participation"', [`UPDATE "participation" SET "event_date" = ${EVENT_DATE('NEW."event_id"')} WHERE "id" = NEW."id"`]],
  ['trg_date_participation_update', 'AFTER UPDATE OF "event_id" ON "participation" WHEN OLD."event_id" <> NEW."event_id"',
    [`UPDATE "participation" SET "event_date" = ${EVENT_DATE('NEW."event_id"')} WHERE "id" = NEW."id"`]],
  ['trg_date_organizer_insert', 'AFTER INSERT ON "event_organizer"',
    [`UPDATE "event_organizer" SET "event_date" = ${EVENT_DATE('NEW."event_id"')} WHERE "event_id" = NEW."event_id" AND "institution_id" = NEW."institution_id"`]],
  ['trg_date_organizer_update', 'AFTER UPDATE OF "event_id", "institution_id" ON "event_organizer"',
    [`UPDATE "event_organizer" SET "event_date" = ${EVENT_DATE('NEW."event_id"')} WHERE "event_id" = NEW."event_id" AND "institution_id" = NEW."institution_id"`]],
  ['trg_date_event_insert', 'AFTER INSERT ON "event"', [
    `UPDATE "participation" SET "event_date" = ${OWN_EVENT_DATE} WHERE "event_id" = NEW."id"`,
    `UPDATE "event_organizer" SET "event_date" = ${OWN_EVENT_DATE} WHERE "event_id" = NEW."id"`]],
  ['trg_date_event_update', `AFTER UPDATE OF "start_date", "merged_into_id" ON "event"
    WHEN OLD."start_date" IS NOT NEW."start_date" OR (OLD."merged_into_id" IS NULL) <> (NEW."merged_into_id" IS NULL)`, [
    `UPDATE "participation" SET "event_date" = ${OWN_EVENT_DATE} WHERE "event_id" = NEW."id"`,
    `UPDATE "event_organizer" SET "event_date" = ${OWN_EVENT_DATE} WHERE "event_id" = NEW."id"`]],
  ['trg_date_quote_insert', 'AFTER INSERT ON "quote"', [`UPDATE "quote" SET "article_date" = ${ARTICLE_DATE('NEW."article_id"')} WHERE "id" = NEW."id"`]],
  ['trg_date_quote_update', 'AFTER UPDATE OF "article_id" ON "quote" WHEN OLD."article_id" <> NEW."article_id"',
    [`UPDATE "quote" SET "article_date" = ${ARTICLE_DATE('NEW."article_id"')} WHERE "id" = NEW."id"`]],
  ['trg_date_article_insert', 'AFTER INSERT ON "article"', [`UPDATE "quote" SET "article_date" = ${OWN_ARTICLE_DATE} WHERE "article_id" = NEW."id"`]],
  ['trg_date_article_update', 'AFTER UPDATE OF "published_on" ON "article" WHEN OLD."published_on" IS NOT NEW."published_on"',
    [`UPDATE "quote" SET "article_date" = ${OWN_ARTICLE_DATE} WHERE "article_id" = NEW."id"`]],
];

// PostgreSQL: a row's own date is set before it is written; an event's or article's change is copied after it.
const PG_FUNCTIONS = `
CREATE FUNCTION list_date_row() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_TABLE_NAME = 'quote' THEN NEW.article_date := ${ARTICLE_DATE('NEW.article_id')};
  ELSE NEW.event_date := ${EVENT_DATE('NEW.event_id')};
  END IF;
  RETURN NEW;
END $f$;

CREATE FUNCTION list_date_event() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE participation SET event_date = ${OWN_EVENT_DATE} WHERE event_id = NEW.id AND event_date IS DISTINCT FROM ${OWN_EVENT_DATE};
  UPDATE event_organizer SET event_date = ${OWN_EVENT_DATE} WHERE event_id = NEW.id AND event_date IS DISTINCT FROM ${OWN_EVENT_DATE};
  RETURN NULL;
END $f$;

CREATE FUNCTION list_date_article() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  UPDATE quote SET article_date = ${OWN_ARTICLE_DATE} WHERE article_id = NEW.id AND article_date <> ${OWN_ARTICLE_DATE};
  RETURN NULL;
END $f$;
`;

const PG_TRIGGERS: Array<[name: string, table: string, sql: string]> = [
  ['trg_date_participation', 'participation', 'BEFORE INSERT OR UPDATE OF event_id ON participation FOR EACH ROW EXECUTE FUNCTION list_date_row()'],
  ['trg_date_organizer', 'event_organizer', 'BEFORE INSERT OR UPDATE OF event_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION list_date_row()'],
  ['trg_date_quote', 'quote', 'BEFORE INSERT OR UPDATE OF article_id ON quote FOR EACH ROW EXECUTE FUNCTION list_date_row()'],
  ['trg_date_event_insert', 'event', 'AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION list_date_event()'],
  ['trg_date_event_update', 'event', `AFTER UPDATE OF start_date, merged_into_id ON event FOR EACH ROW
    WHEN (OLD.start_date IS DISTINCT FROM NEW.start_date OR (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)) EXECUTE FUNCTION list_date_event()`],
  ['trg_date_article_insert', 'article', 'AFTER INSERT ON article FOR EACH ROW EXECUTE FUNCTION list_date_article()'],
  ['trg_date_article_update', 'article', `AFTER UPDATE OF published_on ON article FOR EACH ROW
    WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on) EXECUTE FUNCTION list_date_article()`],
];

/** The copied dates from the rows as they are (the backfill; the tests compare against the same expressions). */
export const LIST_DATE_SOURCES: Array<[table: string, column: string, expected: string]> = [
  ['participation', 'event_date', EVENT_DATE('"participation"."event_id"')],
  ['event_organizer', 'event_date', EVENT_DATE('"event_organizer"."event_id"')],
  ['quote', 'article_date', ARTICLE_DATE('"quote"."article_id"')],
];

export class EntityListDates1764480000000 implements MigrationInterface {
  name = 'EntityListDates1764480000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    if (pg) {
      await q.query('ALTER TABLE "participation" ADD "event_date" date');
      await q.query('ALTER TABLE "event_organizer" ADD "event_date" date');
      await q.query(`ALTER TABLE "quote" ADD "article_date" character varying(10) NOT NULL DEFAULT '0001-01-01'`);
      // A join rather than a subquery per row: one pass over each table.
      await q.query(`UPDATE "participation" pa SET "event_date" = COALESCE(e."start_date", '0001-01-01') FROM "event" e WHERE e."id" = pa."event_id" AND e."merged_into_id" IS NULL`);
      await q.query(`UPDATE "event_organizer" eo SET "event_date" = COALESCE(e."start_date", '0001-01-01') FROM "event" e WHERE e."id" = eo."event_id" AND e."merged_into_id" IS NULL`);
      await q.query(`UPDATE "quote" qu SET "article_date" = a."published_on"::text FROM "article" a WHERE a."id" = qu."article_id" AND a."published_on" IS NOT NULL`);
    } else {
      await q.query('ALTER TABLE "participation" ADD COLUMN "event_date" date');
      await q.query('ALTER TABLE "event_organizer" ADD COLUMN "event_date" date');
      await q.query(`ALTER TABLE "quote" ADD COLUMN "article_date" varchar(10) NOT NULL DEFAULT ('0001-01-01')`);
      for (const [table, column, expected] of LIST_DATE_SOURCES) await q.query(`UPDATE "${table}" SET "${column}" = ${expected}`);
    }
    for (const sql of INDEXES) await q.query(sql);
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
      for (const f of ['list_date_row()', 'list_date_event()', 'list_date_article()']) await q.query(`DROP FUNCTION ${f}`);
    } else {
      for (const [name] of TRIGGERS_SQLITE) await q.query(`DROP TRIGGER "${name}"`);
    }
    for (const name of ['idx_quote_person_date', 'idx_event_organizer_inst_date', 'idx_participation_person_date']) await q.query(`DROP INDEX "${name}"`);
    await q.query('ALTER TABLE "quote" DROP COLUMN "article_date"');
    await q.query('ALTER TABLE "event_organizer" DROP COLUMN "event_date"');
    await q.query('ALTER TABLE "participation" DROP COLUMN "event_date"');
  }
}
