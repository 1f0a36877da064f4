import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTriggers, deltaFunction, dropTriggers, Triggers } from './triggers';

/**
 * Live events per (start year, end year, city) (docs/adr/0002-tallies.md), so that `eventsByRegion` over whole calendar
 * years reads a row per city and year rather than event_tally's row per month, kind and city, which grows with the data
 * until every month, kind and city has events. Years are '' and the city 0 for none, as in the other event tallies.
 * Triggers on event keep it inside the writing transaction; the application never writes it. A row at zero is removed.
 */

const SY = (r: string) => `COALESCE(SUBSTR(CAST(${r}."start_date" AS TEXT), 1, 4), '')`;
const EY = (r: string) => `COALESCE(SUBSTR(CAST(COALESCE(${r}."end_date", ${r}."start_date") AS TEXT), 1, 4), '')`;
const KEY = '"start_year", "end_year", "city_id"';

/** `d` at event row `r`'s key when it is live. */
const add = (r: string, d: 1 | -1) => [
  `INSERT INTO "event_tally_year_city" (${KEY}, "n") SELECT ${SY(r)}, ${EY(r)}, COALESCE(${r}."city_id", 0), ${d} WHERE ${r}."merged_into_id" IS NULL
    ON CONFLICT (${KEY}) DO UPDATE SET "n" = "event_tally_year_city"."n" + excluded."n"`,
  ...(d < 0 ? [`DELETE FROM "event_tally_year_city" WHERE "start_year" = ${SY(r)} AND "end_year" = ${EY(r)} AND "city_id" = COALESCE(${r}."city_id", 0) AND "n" <= 0`] : []),
];

const CHANGED = (is: string) => `OLD."start_date" ${is} NEW."start_date" OR OLD."end_date" ${is} NEW."end_date" OR OLD."city_id" ${is} NEW."city_id"
  OR (OLD."merged_into_id" IS NULL) <> (NEW."merged_into_id" IS NULL)`;

const TRIGGERS_SQLITE: Array<[name: string, head: string, body: string[]]> = [
  ['trg_year_city_event_insert', 'AFTER INSERT ON "event"', add('NEW', 1)],
  ['trg_year_city_event_delete', 'AFTER DELETE ON "event"', add('OLD', -1)],
  ['trg_year_city_event_update', `AFTER UPDATE OF "start_date", "end_date", "city_id", "merged_into_id" ON "event" WHEN ${CHANGED('IS NOT')}`, [...add('OLD', -1), ...add('NEW', 1)]],
];

const TRIGGERS: Triggers = {
  pgFunctions: [deltaFunction('year_city_event', add('OLD', -1), add('NEW', 1))],
  pgTriggers: [
    ['trg_year_city_event', 'event', 'AFTER INSERT OR DELETE ON event FOR EACH ROW EXECUTE FUNCTION year_city_event()'],
    ['trg_year_city_event_update', 'event', `AFTER UPDATE OF start_date, end_date, city_id, merged_into_id ON event FOR EACH ROW WHEN (${CHANGED('IS DISTINCT FROM')})
      EXECUTE FUNCTION year_city_event()`],
  ],
  sqlite: TRIGGERS_SQLITE,
};

/** The tally from the rows as they are (the backfill; the tests compare against the same aggregate). */
export const YEAR_CITY_TALLY_SOURCE = `SELECT ${SY('e')} AS start_year, ${EY('e')} AS end_year, COALESCE(e.city_id, 0) AS city_id, COUNT(*) AS n
  FROM event e WHERE e.merged_into_id IS NULL GROUP BY ${SY('e')}, ${EY('e')}, COALESCE(e.city_id, 0)`;

export class EventYearCityTally1764550000000 implements MigrationInterface {
  name = 'EventYearCityTally1764550000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const text = pg ? 'character varying' : 'varchar';
    await q.query(`CREATE TABLE "event_tally_year_city" ("start_year" ${text}(4) NOT NULL, "end_year" ${text}(4) NOT NULL, "city_id" integer NOT NULL,
      "n" integer NOT NULL, CONSTRAINT "PK_event_tally_year_city" PRIMARY KEY (${KEY}))`);
    // The few rows of events spanning years, by the year they end (as the year tallies of migration 1764540000000).
    await q.query('CREATE INDEX "idx_event_tally_year_city_spans" ON "event_tally_year_city" ("end_year", "start_year") WHERE "start_year" <> "end_year"');
    await q.query(`INSERT INTO "event_tally_year_city" SELECT * FROM (${YEAR_CITY_TALLY_SOURCE}) s`);
    await createTriggers(q, TRIGGERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropTriggers(q, TRIGGERS);
    await q.query('DROP TABLE "event_tally_year_city"');
  }
}
