import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dated items of each person's timeline (docs/adr/0003-entity-list-dates.md), so that counting a timeline reads one
 * row rather than every item: participations whose copied event date is a real one, quotes whose copied article date
 * is, and the distinct articles of the person's unrejected mentions whose copied date is. "A real date" is one other
 * than 0001-01-01, which stands for "none": the few items at that value are counted from their rows. Triggers on
 * participation, quote and mention keep it inside the writing transaction; the person id has no foreign key, as
 * mention.entity_id has none.
 *
 * A mention counts its article once for its person: it adds one only when no other counted mention pairs the same person
 * and article, and takes one away only when none is left. On PostgreSQL that trigger runs BEFORE each row, so that one
 * statement changing many mentions (an editor's merge moves a person's mentions in one UPDATE) is counted row by row.
 */

const DATED = (col: string) => `${col} IS NOT NULL AND ${col} <> '0001-01-01'`;
const PART = (r: string) => `${r}."person_id" IS NOT NULL AND ${DATED(`${r}."event_date"`)}`;
const QUOTE = (r: string) => `${r}."person_id" IS NOT NULL AND ${DATED(`${r}."article_date"`)}`;
const MENTION = (r: string) => `${r}."entity_type" = 'PERSON' AND ${r}."status" <> 'REJECTED' AND ${DATED(`${r}."article_date"`)}`;
/**
 * No other counted mention (than row `id`) pairs row `r`'s person and article: a seek on (article, type, person) in
 * MENTION_BY_ARTICLE_PERSON, which also holds the columns the test reads. Through the span index instead, every person
 * mention of the article was read from the table at each insert, and those reads doubled an ingest's write time.
 */
const MENTION_ALONE = (r: string, id: string) => `NOT EXISTS (SELECT 1 FROM "mention" x WHERE x."article_id" = ${r}."article_id" AND x."entity_type" = 'PERSON'
  AND x."entity_id" = ${r}."entity_id" AND ${MENTION('x')} AND x."id" <> ${id})`;
const MENTION_BY_ARTICLE_PERSON = 'CREATE INDEX "idx_mention_article_entity" ON "mention" ("article_id", "entity_type", "entity_id", "status", "article_date")';

const add = (p: string, guard: string) => `INSERT INTO "person_timeline_tally" ("person_id", "n") SELECT ${p}, 1 WHERE ${guard}
  ON CONFLICT ("person_id") DO UPDATE SET "n" = "person_timeline_tally"."n" + 1`;
const sub = (p: string, guard: string) => [`UPDATE "person_timeline_tally" SET "n" = "n" - 1 WHERE "person_id" = ${p} AND ${guard}`,
  `DELETE FROM "person_timeline_tally" WHERE "person_id" = ${p} AND "n" <= 0`];

const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_timeline_participation_insert', `AFTER INSERT ON "participation" WHEN ${PART('NEW')}`, [add('NEW."person_id"', '1')]],
  ['trg_timeline_participation_delete', `AFTER DELETE ON "participation" WHEN ${PART('OLD')}`, sub('OLD."person_id"', '1')],
  ['trg_timeline_participation_update', 'AFTER UPDATE OF "person_id", "event_date" ON "participation"',
    [...sub('OLD."person_id"', PART('OLD')), add('NEW."person_id"', PART('NEW'))]],
  ['trg_timeline_quote_insert', `AFTER INSERT ON "quote" WHEN ${QUOTE('NEW')}`, [add('NEW."person_id"', '1')]],
  ['trg_timeline_quote_delete', `AFTER DELETE ON "quote" WHEN ${QUOTE('OLD')}`, sub('OLD."person_id"', '1')],
  ['trg_timeline_quote_update', 'AFTER UPDATE OF "person_id", "article_date" ON "quote"', [...sub('OLD."person_id"', QUOTE('OLD')), add('NEW."person_id"', QUOTE('NEW'))]],
  ['trg_timeline_mention_insert', `AFTER INSERT ON "mention" WHEN ${MENTION('NEW')}`, [add('NEW."entity_id"', MENTION_ALONE('NEW', 'NEW."id"'))]],
  ['trg_timeline_mention_delete', `AFTER DELETE ON "mention" WHEN ${MENTION('OLD')}`, sub('OLD."entity_id"', MENTION_ALONE('OLD', 'OLD."id"'))],
  ['trg_timeline_mention_update', 'AFTER UPDATE OF "entity_type", "entity_id", "article_id", "status", "article_date" ON "mention"',
    [...sub('OLD."entity_id"', `${MENTION('OLD')} AND ${MENTION_ALONE('OLD', 'NEW."id"')}`), add('NEW."entity_id"', `${MENTION('NEW')} AND ${MENTION_ALONE('NEW', 'NEW."id"')}`)]],
];

const PG_FUNCTIONS = `
CREATE FUNCTION timeline_participation() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${PART('OLD')} THEN
    ${sub('OLD.person_id', 'true').join(';\n    ')};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ${PART('NEW')} THEN
    ${add('NEW.person_id', 'true')};
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION timeline_quote() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${QUOTE('OLD')} THEN
    ${sub('OLD.person_id', 'true').join(';\n    ')};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ${QUOTE('NEW')} THEN
    ${add('NEW.person_id', 'true')};
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION timeline_mention() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${MENTION('OLD')} AND ${MENTION_ALONE('OLD', 'OLD.id')} THEN
    ${sub('OLD.entity_id', 'true').join(';\n    ')};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ${MENTION('NEW')} AND ${MENTION_ALONE('NEW', 'NEW.id')} THEN
    ${add('NEW.entity_id', 'true')};
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;
`;

const PG_TRIGGERS: Array<[name: string, table: string, sql: string]> = [
  // After the copied date is set (a BEFORE trigger of migration 1764480000000), from the row's own values alone.
  ['trg_timeline_participation', 'participation', 'AFTER INSERT OR DELETE OR UPDATE OF person_id, event_date ON participation FOR EACH ROW EXECUTE FUNCTION timeline_participation()'],
  ['trg_timeline_quote', 'quote', 'AFTER INSERT OR DELETE OR UPDATE OF person_id, article_date ON quote FOR EACH ROW EXECUTE FUNCTION timeline_quote()'],
  ['trg_timeline_mention', 'mention', `BEFORE INSERT OR DELETE OR UPDATE OF entity_type, entity_id, article_id, status, article_date ON mention FOR EACH ROW
    EXECUTE FUNCTION timeline_mention()`],
];

/** The tally from the rows as they are (the backfill; the tests compare against the same aggregate). */
export const TIMELINE_TALLY_SOURCE = `SELECT s.person_id, SUM(s.n) AS n FROM (
    SELECT person_id, COUNT(*) AS n FROM participation WHERE person_id IS NOT NULL AND ${DATED('event_date')} GROUP BY person_id
    UNION ALL SELECT person_id, COUNT(*) FROM quote WHERE person_id IS NOT NULL AND ${DATED('article_date')} GROUP BY person_id
    UNION ALL SELECT entity_id, COUNT(DISTINCT article_id) FROM mention WHERE entity_type = 'PERSON' AND status <> 'REJECTED' AND ${DATED('article_date')} GROUP BY entity_id
  ) s GROUP BY s.person_id`;

export class TimelineTally1764500000000 implements MigrationInterface {
  name = 'TimelineTally1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(pg
      ? 'CREATE TABLE "person_timeline_tally" ("person_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_person_timeline_tally" PRIMARY KEY ("person_id"))'
      : 'CREATE TABLE "person_timeline_tally" ("person_id" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL)');
    await q.query(`INSERT INTO "person_timeline_tally" SELECT * FROM (${TIMELINE_TALLY_SOURCE}) t`);
    await q.query(MENTION_BY_ARTICLE_PERSON);
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
      for (const f of ['timeline_participation()', 'timeline_quote()', 'timeline_mention()']) await q.query(`DROP FUNCTION ${f}`);
    } else {
      for (const [name] of TRIGGERS_SQLITE) await q.query(`DROP TRIGGER "${name}"`);
    }
    await q.query('DROP INDEX "idx_mention_article_entity"');
    await q.query('DROP TABLE "person_timeline_tally"');
  }
}
