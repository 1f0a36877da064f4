import { MigrationInterface, QueryRunner } from 'typeorm';

/** Embed view counts per partner key, event, surface and day (issue 5). No personal data. */
export class EmbedViews1764330000000 implements MigrationInterface {
  name = 'EmbedViews1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(q.connection.options.type === 'postgres'
      ? 'CREATE TABLE "embed_view" ("key_id" integer NOT NULL, "event_id" integer NOT NULL, "surface" character varying(20) NOT NULL, "day" character varying(10) NOT NULL, "views" integer NOT NULL, CONSTRAINT "PK_fc05b8801301e7ce9437526d413" PRIMARY KEY ("key_id", "event_id", "surface", "day"))'
      : 'CREATE TABLE "embed_view" ("key_id" integer NOT NULL, "event_id" integer NOT NULL, "surface" varchar(20) NOT NULL, "day" varchar(10) NOT NULL, "views" integer NOT NULL, PRIMARY KEY ("key_id", "event_id", "surface", "day"))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "embed_view"');
  }
}
