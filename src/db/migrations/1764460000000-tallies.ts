import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tallies for `stats` (docs/adr/0002-tallies.md): live events per (start month, end month, kind, city) and five of its
 * roll-ups, live events per organiser, distinct live events per person, and unrejected mentions per person. Triggers on
 * event, event_organizer, participation and mention keep them exact inside the writing transaction, whoever writes
 * (ingest, editors' merges and splits, re-resolution); the application never writes them. A live event is one whose
 * merged_into_id is null. Rows that fall to zero are removed.
 *
 * Deleting an event is counted before the row goes (BEFORE DELETE), while its participations and organisers are still
 * there: the cascade that removes those afterwards finds the event gone and counts nothing. An event inserted after its
 * participations (a PostgreSQL batch writes rows in table order, checked at commit) counts them on its insert.
 */

const SM = (r: string) => `COALESCE(SUBSTR(CAST(${r}.start_date AS TEXT), 1, 7), '')`;
const EM = (r: string) => `COALESCE(SUBSTR(CAST(COALESCE(${r}.end_date, ${r}.start_date) AS TEXT), 1, 7), '')`;
const CITY = (r: string) => `COALESCE(${r}.city_id, 0)`;

/** The event tallies: table, key columns, key values of event row `r`. */
const EVENT_TALLIES = (r: string): Array<[string, string[], string[]]> => [
  ['event_tally', ['start_month', 'end_month', 'kind', 'city_id'], [SM(r), EM(r), `${r}.kind`, CITY(r)]],
  ['event_tally_month_kind', ['start_month', 'end_month', 'kind'], [SM(r), EM(r), `${r}.kind`]],
  ['event_tally_kind_city', ['kind', 'city_id'], [`${r}.kind`, CITY(r)]],
  ['event_tally_month', ['start_month'], [SM(r)]],
  ['event_tally_kind', ['kind'], [`${r}.kind`]],
  ['event_tally_city', ['city_id'], [CITY(r)]],
];

const TABLES_SQLITE = [
  'CREATE TABLE "event_tally" ("start_month" varchar(7) NOT NULL, "end_month" varchar(7) NOT NULL, "kind" varchar(40) NOT NULL, "city_id" integer NOT NULL, "n" integer NOT NULL, PRIMARY KEY ("start_month", "end_month", "kind", "city_id"))',
  'CREATE INDEX "idx_event_tally_city" ON "event_tally" ("city_id") ',
  'CREATE TABLE "event_tally_month_kind" ("start_month" varchar(7) NOT NULL, "end_month" varchar(7) NOT NULL, "kind" varchar(40) NOT NULL, "n" integer NOT NULL, PRIMARY KEY ("start_month", "end_month", "kind"))',
  'CREATE TABLE "event_tally_kind_city" ("kind" varchar(40) NOT NULL, "city_id" integer NOT NULL, "n" integer NOT NULL, PRIMARY KEY ("kind", "city_id"))',
  'CREATE TABLE "event_tally_month" ("start_month" varchar(7) PRIMARY KEY NOT NULL, "n" integer NOT NULL)',
  'CREATE TABLE "event_tally_kind" ("kind" varchar(40) PRIMARY KEY NOT NULL, "n" integer NOT NULL)',
  'CREATE TABLE "event_tally_city" ("city_id" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL)',
  'CREATE TABLE "organizer_tally" ("institution_id" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL, CONSTRAINT "FK_c594642eaf9aedcef3bad8e037d" FOREIGN KEY ("institution_id") REFERENCES "institution" ("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED)',
  'CREATE INDEX "idx_organizer_tally_n" ON "organizer_tally" ("n") ',
  'CREATE TABLE "person_event_tally" ("person_id" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL, CONSTRAINT "FK_3b7bb3bc84dde4a1c753adc8411" FOREIGN KEY ("person_id") REFERENCES "person" ("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED)',
  'CREATE INDEX "idx_person_event_tally_n" ON "person_event_tally" ("n") ',
  'CREATE TABLE "person_mention_tally" ("person_id" integer PRIMARY KEY NOT NULL, "n" integer NOT NULL)',
  'CREATE INDEX "idx_person_mention_tally_n" ON "person_mention_tally" ("n") ',
];

const TABLES_POSTGRES = [
  'CREATE TABLE "event_tally" ("start_month" character varying(7) NOT NULL, "end_month" character varying(7) NOT NULL, "kind" character varying(40) NOT NULL, "city_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_72310bfd3ec3fa8d5a173ff936f" PRIMARY KEY ("start_month", "end_month", "kind", "city_id"))',
  'CREATE INDEX "idx_event_tally_city" ON "event_tally"  ("city_id") ',
  'CREATE TABLE "event_tally_month_kind" ("start_month" character varying(7) NOT NULL, "end_month" character varying(7) NOT NULL, "kind" character varying(40) NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_3f63a064d6f10a16153b3e7f73e" PRIMARY KEY ("start_month", "end_month", "kind"))',
  'CREATE TABLE "event_tally_kind_city" ("kind" character varying(40) NOT NULL, "city_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_a4b5d357b952d37065d3def8a1f" PRIMARY KEY ("kind", "city_id"))',
  'CREATE TABLE "event_tally_month" ("start_month" character varying(7) NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_7704b4903244aea8c6cc3bf428e" PRIMARY KEY ("start_month"))',
  'CREATE TABLE "event_tally_kind" ("kind" character varying(40) NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_023f7157df15bd73ab3bf17c34f" PRIMARY KEY ("kind"))',
  'CREATE TABLE "event_tally_city" ("city_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_0227f7c03334d5dd1ce68e0863b" PRIMARY KEY ("city_id"))',
  'CREATE TABLE "organizer_tally" ("institution_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_c594642eaf9aedcef3bad8e037d" PRIMARY KEY ("institution_id"))',
  'CREATE INDEX "idx_organizer_tally_n" ON "organizer_tally"  ("n") ',
  'CREATE TABLE "person_event_tally" ("person_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_3b7bb3bc84dde4a1c753adc8411" PRIMARY KEY ("person_id"))',
  'CREATE INDEX "idx_person_event_tally_n" ON "person_event_tally"  ("n") ',
  'CREATE TABLE "person_mention_tally" ("person_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "PK_0bdc6552f9950cb53441ad9ec99" PRIMARY KEY ("person_id"))',
  'CREATE INDEX "idx_person_mention_tally_n" ON "person_mention_tally"  ("n") ',
  'ALTER TABLE "organizer_tally" ADD CONSTRAINT "FK_c594642eaf9aedcef3bad8e037d" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED',
  'ALTER TABLE "person_event_tally" ADD CONSTRAINT "FK_3b7bb3bc84dde4a1c753adc8411" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED',
];

/** The tallies from the rows as they are (the backfill; the tests compare against the same aggregates). */
export const TALLY_SOURCES: Array<[table: string, select: string]> = [
  ...EVENT_TALLIES('e').map(([t, cols, vals]): [string, string] =>
    [t, `SELECT ${vals.map((v, i) => `${v} AS ${cols[i]}`).join(', ')}, COUNT(*) AS n FROM event e WHERE e.merged_into_id IS NULL GROUP BY ${vals.join(', ')}`]),
  ['organizer_tally', 'SELECT eo.institution_id, COUNT(*) AS n FROM event_organizer eo JOIN event e ON e.id = eo.event_id WHERE e.merged_into_id IS NULL GROUP BY eo.institution_id'],
  ['person_event_tally', `SELECT pa.person_id, COUNT(DISTINCT pa.event_id) AS n FROM participation pa JOIN event e ON e.id = pa.event_id
    WHERE pa.person_id IS NOT NULL AND e.merged_into_id IS NULL GROUP BY pa.person_id`],
  ['person_mention_tally', "SELECT m.entity_id AS person_id, COUNT(*) AS n FROM mention m WHERE m.entity_type = 'PERSON' AND m.status <> 'REJECTED' GROUP BY m.entity_id"],
];

export const TALLY_TABLES = TALLY_SOURCES.map(([t]) => t);

// -- SQLite: trigger bodies are lists of statements, each guarded by its own WHERE ------------------------------------

/** Add `delta` to the row of `table` keyed by `vals` when `guard` holds (an upsert; a row at zero is removed). */
function sqliteAdd(table: string, cols: string[], vals: string[], delta: '+1' | '-1', guard: string, from = ''): string[] {
  const key = cols.map((c, i) => `"${c}" = ${vals[i]}`).join(' AND ');
  if (delta === '+1') {
    return [`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}, "n") SELECT ${vals.join(', ')}, 1 ${from} WHERE ${guard}
      ON CONFLICT (${cols.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET "n" = "n" + 1`];
  }
  return [`UPDATE "${table}" SET "n" = "n" - 1 WHERE ${key} AND ${guard}`, `DELETE FROM "${table}" WHERE ${key} AND "n" <= 0`];
}

const LIVE = (id: string) => `EXISTS (SELECT 1 FROM "event" WHERE "id" = ${id} AND "merged_into_id" IS NULL)`;

/** Per person and organiser of event row `r`: +1 or -1 (the distinct people of its participations, its organisers). */
function sqliteEventParties(r: string, delta: '+1' | '-1'): string[] {
  if (delta === '+1') {
    return [
      `INSERT INTO "person_event_tally" ("person_id", "n") SELECT DISTINCT "person_id", 1 FROM "participation" WHERE "event_id" = ${r}.id AND "person_id" IS NOT NULL
        ON CONFLICT ("person_id") DO UPDATE SET "n" = "n" + 1`,
      `INSERT INTO "organizer_tally" ("institution_id", "n") SELECT "institution_id", 1 FROM "event_organizer" WHERE "event_id" = ${r}.id
        ON CONFLICT ("institution_id") DO UPDATE SET "n" = "n" + 1`,
    ];
  }
  return [
    `UPDATE "person_event_tally" SET "n" = "n" - 1 WHERE "person_id" IN (SELECT "person_id" FROM "participation" WHERE "event_id" = ${r}.id)`,
    `DELETE FROM "person_event_tally" WHERE "n" <= 0 AND "person_id" IN (SELECT "person_id" FROM "participation" WHERE "event_id" = ${r}.id)`,
    `UPDATE "organizer_tally" SET "n" = "n" - 1 WHERE "institution_id" IN (SELECT "institution_id" FROM "event_organizer" WHERE "event_id" = ${r}.id)`,
    `DELETE FROM "organizer_tally" WHERE "n" <= 0 AND "institution_id" IN (SELECT "institution_id" FROM "event_organizer" WHERE "event_id" = ${r}.id)`,
  ];
}

const eventTallies = (r: 'NEW' | 'OLD', delta: '+1' | '-1', guard: string) => EVENT_TALLIES(r).flatMap(([t, cols, vals]) => sqliteAdd(t, cols, vals, delta, guard));

/** A participation row `r` counts for its person when no other row pairs the same person and event. */
const pairOnce = (r: 'NEW' | 'OLD') => `${r}.person_id IS NOT NULL AND ${LIVE(`${r}.event_id`)}
  AND NOT EXISTS (SELECT 1 FROM "participation" WHERE "person_id" = ${r}.person_id AND "event_id" = ${r}.event_id${r === 'NEW' ? ' AND "id" <> NEW.id' : ''})`;
const personOf = (r: 'NEW' | 'OLD', delta: '+1' | '-1') => sqliteAdd('person_event_tally', ['person_id'], [`${r}.person_id`], delta, pairOnce(r));
const organizerOf = (r: 'NEW' | 'OLD', delta: '+1' | '-1') => sqliteAdd('organizer_tally', ['institution_id'], [`${r}.institution_id`], delta, LIVE(`${r}.event_id`));
const COUNTED = (r: 'NEW' | 'OLD') => `(${r}.entity_type = 'PERSON' AND ${r}.status <> 'REJECTED')`;
const mentionOf = (r: 'NEW' | 'OLD', delta: '+1' | '-1') => sqliteAdd('person_mention_tally', ['person_id'], [`${r}.entity_id`], delta, COUNTED(r));

const EVENT_KEY_CHANGED = `OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date OR OLD.kind IS NOT NEW.kind
  OR OLD.city_id IS NOT NEW.city_id OR (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)`;

const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_tally_event_insert', 'AFTER INSERT ON "event" WHEN NEW.merged_into_id IS NULL', [...eventTallies('NEW', '+1', '1'), ...sqliteEventParties('NEW', '+1')]],
  ['trg_tally_event_delete', 'BEFORE DELETE ON "event" WHEN OLD.merged_into_id IS NULL', [...eventTallies('OLD', '-1', '1'), ...sqliteEventParties('OLD', '-1')]],
  ['trg_tally_event_update', `AFTER UPDATE OF start_date, end_date, kind, city_id, merged_into_id ON "event" WHEN ${EVENT_KEY_CHANGED}`,
    [...eventTallies('OLD', '-1', 'OLD.merged_into_id IS NULL'), ...eventTallies('NEW', '+1', 'NEW.merged_into_id IS NULL')]],
  ['trg_tally_event_merge', 'AFTER UPDATE OF merged_into_id ON "event" WHEN OLD.merged_into_id IS NULL AND NEW.merged_into_id IS NOT NULL', sqliteEventParties('NEW', '-1')],
  ['trg_tally_event_unmerge', 'AFTER UPDATE OF merged_into_id ON "event" WHEN OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL', sqliteEventParties('NEW', '+1')],
  ['trg_tally_participation_insert', 'AFTER INSERT ON "participation" WHEN NEW.person_id IS NOT NULL', personOf('NEW', '+1')],
  ['trg_tally_participation_delete', 'AFTER DELETE ON "participation" WHEN OLD.person_id IS NOT NULL', personOf('OLD', '-1')],
  ['trg_tally_participation_update', 'AFTER UPDATE OF person_id, event_id ON "participation" WHEN OLD.person_id IS NOT NEW.person_id OR OLD.event_id <> NEW.event_id',
    [...personOf('OLD', '-1'), ...personOf('NEW', '+1')]],
  ['trg_tally_organizer_insert', 'AFTER INSERT ON "event_organizer"', organizerOf('NEW', '+1')],
  ['trg_tally_organizer_delete', 'AFTER DELETE ON "event_organizer"', organizerOf('OLD', '-1')],
  ['trg_tally_organizer_update', 'AFTER UPDATE OF event_id, institution_id ON "event_organizer"', [...organizerOf('OLD', '-1'), ...organizerOf('NEW', '+1')]],
  ['trg_tally_mention_insert', `AFTER INSERT ON "mention" WHEN ${COUNTED('NEW')}`, mentionOf('NEW', '+1')],
  ['trg_tally_mention_delete', `AFTER DELETE ON "mention" WHEN ${COUNTED('OLD')}`, mentionOf('OLD', '-1')],
  ['trg_tally_mention_update', `AFTER UPDATE OF entity_type, entity_id, status ON "mention"
    WHEN ${COUNTED('OLD')} IS NOT ${COUNTED('NEW')} OR OLD.entity_id <> NEW.entity_id`, [...mentionOf('OLD', '-1'), ...mentionOf('NEW', '+1')]],
];

// -- PostgreSQL: one plpgsql function per table, the same rules --------------------------------------------------------

/** plpgsql: add `d` (1 or -1) to `table`'s row for `id`; a row at zero is removed. */
const pgAdd = (table: string, col: string, id: string, d: 1 | -1) => d > 0
  ? `INSERT INTO ${table} AS t (${col}, n) VALUES (${id}, 1) ON CONFLICT (${col}) DO UPDATE SET n = t.n + 1;`
  : `UPDATE ${table} SET n = n - 1 WHERE ${col} = ${id}; DELETE FROM ${table} WHERE ${col} = ${id} AND n <= 0;`;

/** Adds `d` to each event tally for event row `r` (a plpgsql statement list); rows at zero are removed. */
const pgEventTallies = (r: string, d: string) => EVENT_TALLIES(r).map(([t, cols, vals]) => `
    INSERT INTO ${t} AS t (${cols.join(', ')}, n) VALUES (${vals.join(', ')}, ${d}) ON CONFLICT (${cols.join(', ')}) DO UPDATE SET n = t.n + EXCLUDED.n;
    DELETE FROM ${t} WHERE ${cols.map((c, i) => `${c} = ${vals[i]}`).join(' AND ')} AND n <= 0;`).join('');

/** Adds `d` per distinct person and per organiser of event row `r`. */
const pgEventParties = (r: string, d: string) => `
    INSERT INTO person_event_tally AS t (person_id, n) SELECT DISTINCT person_id, ${d} FROM participation WHERE event_id = ${r}.id AND person_id IS NOT NULL
      ON CONFLICT (person_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    DELETE FROM person_event_tally WHERE n <= 0 AND person_id IN (SELECT person_id FROM participation WHERE event_id = ${r}.id);
    INSERT INTO organizer_tally AS t (institution_id, n) SELECT institution_id, ${d} FROM event_organizer WHERE event_id = ${r}.id
      ON CONFLICT (institution_id) DO UPDATE SET n = t.n + EXCLUDED.n;
    DELETE FROM organizer_tally WHERE n <= 0 AND institution_id IN (SELECT institution_id FROM event_organizer WHERE event_id = ${r}.id);`;

const PG_LIVE = (id: string) => `EXISTS (SELECT 1 FROM event WHERE id = ${id} AND merged_into_id IS NULL)`;
const pgPairOnce = (r: 'NEW' | 'OLD') => `${r}.person_id IS NOT NULL AND ${PG_LIVE(`${r}.event_id`)}
      AND NOT EXISTS (SELECT 1 FROM participation WHERE person_id = ${r}.person_id AND event_id = ${r}.event_id${r === 'NEW' ? ' AND id <> NEW.id' : ''})`;
const PG_COUNTED = (r: 'NEW' | 'OLD') => `(${r}.entity_type = 'PERSON' AND ${r}.status <> 'REJECTED')`;

const PG_TRIGGER_FUNCTIONS = `
CREATE FUNCTION tally_event() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.merged_into_id IS NULL THEN ${pgEventTallies('OLD', '-1')}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.merged_into_id IS NULL THEN ${pgEventTallies('NEW', '1')}
  END IF;
  IF TG_OP = 'DELETE' AND OLD.merged_into_id IS NULL OR TG_OP = 'UPDATE' AND OLD.merged_into_id IS NULL AND NEW.merged_into_id IS NOT NULL THEN ${pgEventParties('OLD', '-1')}
  END IF;
  IF TG_OP = 'INSERT' AND NEW.merged_into_id IS NULL OR TG_OP = 'UPDATE' AND OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL THEN ${pgEventParties('NEW', '1')}
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $f$;

CREATE FUNCTION tally_participation() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${pgPairOnce('OLD')} THEN ${pgAdd('person_event_tally', 'person_id', 'OLD.person_id', -1)}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ${pgPairOnce('NEW')} THEN ${pgAdd('person_event_tally', 'person_id', 'NEW.person_id', 1)}
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION tally_organizer() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${PG_LIVE('OLD.event_id')} THEN ${pgAdd('organizer_tally', 'institution_id', 'OLD.institution_id', -1)}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ${PG_LIVE('NEW.event_id')} THEN ${pgAdd('organizer_tally', 'institution_id', 'NEW.institution_id', 1)}
  END IF;
  RETURN NULL;
END $f$;

CREATE FUNCTION tally_mention() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND ${PG_COUNTED('OLD')} THEN ${pgAdd('person_mention_tally', 'person_id', 'OLD.entity_id', -1)}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND ${PG_COUNTED('NEW')} THEN ${pgAdd('person_mention_tally', 'person_id', 'NEW.entity_id', 1)}
  END IF;
  RETURN NULL;
END $f$;
`;

const PG_TRIGGERS: Array<[name: string, sql: string]> = [
  ['trg_tally_event_insert', 'AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION tally_event()'],
  // Before the row goes, while its participations and organisers are still there to be counted out.
  ['trg_tally_event_delete', 'BEFORE DELETE ON event FOR EACH ROW EXECUTE FUNCTION tally_event()'],
  ['trg_tally_event_update', `AFTER UPDATE OF start_date, end_date, kind, city_id, merged_into_id ON event FOR EACH ROW
    WHEN (OLD.start_date IS DISTINCT FROM NEW.start_date OR OLD.end_date IS DISTINCT FROM NEW.end_date OR OLD.kind IS DISTINCT FROM NEW.kind
      OR OLD.city_id IS DISTINCT FROM NEW.city_id OR (OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)) EXECUTE FUNCTION tally_event()`],
  ['trg_tally_participation_insert', 'AFTER INSERT ON participation FOR EACH ROW WHEN (NEW.person_id IS NOT NULL) EXECUTE FUNCTION tally_participation()'],
  ['trg_tally_participation_delete', 'AFTER DELETE ON participation FOR EACH ROW WHEN (OLD.person_id IS NOT NULL) EXECUTE FUNCTION tally_participation()'],
  ['trg_tally_participation_update', `AFTER UPDATE OF person_id, event_id ON participation FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.event_id <> NEW.event_id) EXECUTE FUNCTION tally_participation()`],
  ['trg_tally_organizer_insert', 'AFTER INSERT ON event_organizer FOR EACH ROW EXECUTE FUNCTION tally_organizer()'],
  ['trg_tally_organizer_delete', 'AFTER DELETE ON event_organizer FOR EACH ROW EXECUTE FUNCTION tally_organizer()'],
  ['trg_tally_organizer_update', 'AFTER UPDATE OF event_id, institution_id ON event_organizer FOR EACH ROW EXECUTE FUNCTION tally_organizer()'],
  ['trg_tally_mention_insert', `AFTER INSERT ON mention FOR EACH ROW WHEN ${PG_COUNTED('NEW')} EXECUTE FUNCTION tally_mention()`],
  ['trg_tally_mention_delete', `AFTER DELETE ON mention FOR EACH ROW WHEN ${PG_COUNTED('OLD')} EXECUTE FUNCTION tally_mention()`],
  ['trg_tally_mention_update', `AFTER UPDATE OF entity_type, entity_id, status ON mention FOR EACH ROW
    WHEN (${PG_COUNTED('OLD')} IS DISTINCT FROM ${PG_COUNTED('NEW')} OR OLD.entity_id <> NEW.entity_id) EXECUTE FUNCTION tally_mention()`],
];

const PG_TRIGGER_TABLE: Record<string, string> = { event: 'event', participation: 'participation', organizer: 'event_organizer', mention: 'mention' };
const triggerTable = (name: string) => PG_TRIGGER_TABLE[name.split('_')[2]];

export class Tallies1764460000000 implements MigrationInterface {
  name = 'Tallies1764460000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    for (const sql of pg ? TABLES_POSTGRES : TABLES_SQLITE) await q.query(sql);
    for (const [table, select] of TALLY_SOURCES) await q.query(`INSERT INTO "${table}" SELECT * FROM (${select}) s`);
    // The latest events of one kind, page by page (the list whose count the tallies now give).
    await q.query(`CREATE INDEX "idx_event_kind_recent" ON "event" ("kind", (COALESCE("start_date", '0001-01-01')), "id")`);
    // Events of a kind in a place's cities over a range: what a filtered ranking still reads from the events.
    await q.query('CREATE INDEX "idx_event_city_kind" ON "event" ("city_id", "kind", "start_date") ');
    if (pg) {
      await q.query(PG_TRIGGER_FUNCTIONS);
      for (const [name, sql] of PG_TRIGGERS) await q.query(`CREATE TRIGGER ${name} ${sql}`);
    } else {
      for (const [name, head, body] of TRIGGERS_SQLITE) await q.query(`CREATE TRIGGER "${name}" ${head} BEGIN\n  ${body.join(';\n  ')};\nEND`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    if (pg) {
      for (const [name] of PG_TRIGGERS) await q.query(`DROP TRIGGER ${name} ON ${triggerTable(name)}`);
      for (const f of ['tally_event()', 'tally_participation()', 'tally_organizer()', 'tally_mention()']) await q.query(`DROP FUNCTION ${f}`);
    } else {
      for (const [name] of TRIGGERS_SQLITE) await q.query(`DROP TRIGGER "${name}"`);
    }
    await q.query('DROP INDEX "idx_event_city_kind"');
    await q.query('DROP INDEX "idx_event_kind_recent"');
    for (const t of [...TALLY_TABLES].reverse()) await q.query(`DROP TABLE "${t}"`);
  }
}
