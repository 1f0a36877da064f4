import { MigrationInterface, QueryRunner } from 'typeorm';

/** Short names the extractor could not pin on one person, kept with their candidates (issue 3). */
export class UnresolvedMentions1764300000000 implements MigrationInterface {
  name = 'UnresolvedMentions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(pg
      ? 'CREATE TABLE "unresolved_mention" ("id" SERIAL NOT NULL, "article_id" integer NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL, "text" character varying(200) NOT NULL, "candidate_ids" text NOT NULL, "extractor_version" character varying(40) NOT NULL, CONSTRAINT "PK_380d06d8c176065e7ed96fd7407" PRIMARY KEY ("id"))'
      : 'CREATE TABLE "unresolved_mention" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "article_id" integer NOT NULL, "start" integer NOT NULL, "end" integer NOT NULL, "text" varchar(200) NOT NULL, "candidate_ids" text NOT NULL, "extractor_version" varchar(40) NOT NULL)');
    await q.query('CREATE UNIQUE INDEX "uq_unresolved_span" ON "unresolved_mention" ("article_id", "start")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "unresolved_mention"');
  }
}
