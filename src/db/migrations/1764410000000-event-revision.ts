import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event revisions for calendars: editors' changes count up `revision` and stamp `modified_at` (ISO 8601 UTC), which
 * iCalendar's SEQUENCE, DTSTAMP and LAST-MODIFIED are built from, so that subscribed calendars take the change.
 */
export class EventRevision1764410000000 implements MigrationInterface {
  name = 'EventRevision1764410000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE "event" ADD "revision" integer NOT NULL DEFAULT 0');
      await q.query('ALTER TABLE "event" ADD "modified_at" character varying(30)');
    } else {
      await q.query('ALTER TABLE "event" ADD COLUMN "revision" integer NOT NULL DEFAULT (0)');
      await q.query('ALTER TABLE "event" ADD COLUMN "modified_at" varchar(30)');
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "event" DROP COLUMN "modified_at"');
    await q.query('ALTER TABLE "event" DROP COLUMN "revision"');
  }
}
