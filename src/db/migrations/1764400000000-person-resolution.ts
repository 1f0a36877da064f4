import { MigrationInterface, QueryRunner } from 'typeorm';
import { nameParts } from '../../text/name-parts';

/**
 * Cross-article person resolution (ingest/resolve): an alias registry that learns, the name parts resolution blocks
 * on, and a record of every merge with its reason (undone by an editor's split). Foreign keys are deferred to commit:
 * a PostgreSQL ingest batch writes its rows at its end, in table order rather than dependency order.
 */
export class PersonResolution1764400000000 implements MigrationInterface {
  name = 'PersonResolution1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const id = pg ? '"id" SERIAL PRIMARY KEY' : '"id" integer PRIMARY KEY AUTOINCREMENT NOT NULL';
    const str = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    const now = pg ? 'TIMESTAMP NOT NULL DEFAULT now()' : "datetime NOT NULL DEFAULT (datetime('now'))";
    const ts = pg ? 'TIMESTAMP' : 'datetime';
    const fk = (col: string, table: string, onDelete: string) =>
      `FOREIGN KEY ("${col}") REFERENCES "${table}" ("id") ON DELETE ${onDelete} DEFERRABLE INITIALLY DEFERRED`;
    await q.query(`CREATE TABLE "person_alias" (${id}, "person_id" integer NOT NULL, "alias" ${str(200)} NOT NULL, "alias_key" ${str(200)} NOT NULL,
      "kind" ${str(20)} NOT NULL, "article_id" integer, "created_at" ${now},
      ${fk('person_id', 'person', 'CASCADE')}, ${fk('article_id', 'article', 'SET NULL')})`);
    await q.query('CREATE UNIQUE INDEX "uq_person_alias" ON "person_alias" ("alias_key", "person_id")');
    await q.query('CREATE INDEX "idx_person_alias_person" ON "person_alias" ("person_id")');
    await q.query(`CREATE TABLE "person_name_part" ("token" ${str(100)} NOT NULL, "person_id" integer NOT NULL, PRIMARY KEY ("token", "person_id"),
      ${fk('person_id', 'person', 'CASCADE')})`);
    await q.query('CREATE INDEX "idx_person_name_part_person" ON "person_name_part" ("person_id")');
    await q.query(`CREATE TABLE "person_merge" (${id}, "person_id" integer NOT NULL, "merged_person_id" integer, "article_id" integer,
      "form" ${str(200)} NOT NULL, "method" ${str(20)} NOT NULL, "reason" text NOT NULL, "score" real, "detail" text,
      "created_at" ${now}, "undone_at" ${ts}, "split_person_id" integer,
      ${fk('person_id', 'person', 'CASCADE')}, ${fk('merged_person_id', 'person', 'SET NULL')}, ${fk('article_id', 'article', 'SET NULL')},
      ${fk('split_person_id', 'person', 'SET NULL')})`);
    await q.query('CREATE INDEX "idx_person_merge_person" ON "person_merge" ("person_id")');
    await q.query('CREATE INDEX "idx_person_merge_merged" ON "person_merge" ("merged_person_id")');
    await q.query('CREATE INDEX "idx_person_merge_article" ON "person_merge" ("article_id")');
    // Name parts of the people already stored, so that resolution finds them too.
    const people: Array<{ id: number; name_key: string }> = await q.query('SELECT id, name_key FROM person WHERE merged_into_id IS NULL');
    const rows: Array<[string, number]> = [];
    for (const p of people) for (const t of nameParts(p.name_key)) rows.push([t, Number(p.id)]);
    for (let at = 0; at < rows.length; at += 200) {
      const chunk = rows.slice(at, at + 200);
      const marks = chunk.map((_, i) => (pg ? `($${2 * i + 1}, $${2 * i + 2})` : '(?, ?)')).join(', ');
      await q.query(`INSERT INTO "person_name_part" ("token", "person_id") VALUES ${marks}`, chunk.flat());
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "person_merge"');
    await q.query('DROP TABLE "person_name_part"');
    await q.query('DROP TABLE "person_alias"');
  }
}
