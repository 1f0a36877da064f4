import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts of a place over a range of months (docs/adr/0002-tallies.md) read event_tally by its city index alone, every
 * month and kind of the place's cities: their cost grew with the months tallied. This index finds a city's months in
 * the range (bounded below by the earliest start month of events still running in it), with the kind beside them.
 */
export class EventTallyCityMonthIndex1764560000000 implements MigrationInterface {
  name = 'EventTallyCityMonthIndex1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX "idx_event_tally_city_month" ON "event_tally" ("city_id", "start_month", "kind")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "idx_event_tally_city_month"');
  }
}
