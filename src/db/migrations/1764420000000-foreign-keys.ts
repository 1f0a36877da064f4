import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foreign keys on every id column that names a row of another table (the entities declare them with `References`).
 * Rows owned by an article, event or person (mentions, quotes, join rows, participations, positions) go with it;
 * optional references (venue, city, parent, merged-into, evidence article, quote speaker, a position's institution)
 * are set to null. Constraints are checked at commit, as person_alias's are: a PostgreSQL ingest batch writes its rows
 * at its end in table order. `mention.entity_id` names a row of one of four tables and `embed_view` uses 0 for "none",
 * so neither has a constraint.
 *
 * Rows that already point at nothing are removed (or their reference cleared) first, and counted on the console.
 * SQLite cannot add a constraint to a table, so each table is rebuilt with its stored definition plus the constraints,
 * keeping its indexes (the expression indexes included); TypeORM runs migrations with `foreign_keys` off, so dropping
 * the old table fires nothing.
 */
export const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, column: string, references: string, onDelete: 'CASCADE' | 'SET NULL', name: string]> = [
  ['article_event', 'article_id', 'article', 'CASCADE', 'FK_62109dd6e8cec14b5d6e2c47683'],
  ['article_event', 'event_id', 'event', 'CASCADE', 'FK_06f7ab83ee60d6daeff3c3da63d'],
  ['event', 'city_id', 'place', 'SET NULL', 'FK_9402ef6a7ad41bfd84a920fecd4'],
  ['event', 'merged_into_id', 'event', 'SET NULL', 'FK_f6ae0cb11933865b539dcde6c50'],
  ['event', 'participant_count_article_id', 'article', 'SET NULL', 'FK_213580402a46b013f7e9186e2ee'],
  ['event', 'venue_id', 'place', 'SET NULL', 'FK_128347780df4ef90d1426da6c77'],
  ['event_organizer', 'event_id', 'event', 'CASCADE', 'FK_4a7eb112ac0e7cb8355e5c4e20f'],
  ['event_organizer', 'institution_id', 'institution', 'CASCADE', 'FK_df492ae110852f609fb79cab5fa'],
  ['institution', 'merged_into_id', 'institution', 'SET NULL', 'FK_2c2f25b3809967dd0e4a2e2b92c'],
  ['institution', 'parent_id', 'institution', 'SET NULL', 'FK_8cb4eeece385473952771b02bb4'],
  ['institution_alias', 'institution_id', 'institution', 'CASCADE', 'FK_7ae42a51311cb5414146b2b7353'],
  ['mention', 'article_id', 'article', 'CASCADE', 'FK_856c15b220836e91819fe0804ce'],
  ['participation', 'event_id', 'event', 'CASCADE', 'FK_4cf8c7ce91a003f48844c773826'],
  ['participation', 'evidence_article_id', 'article', 'SET NULL', 'FK_5d71f458834ed0cedb10eb45b3b'],
  ['participation', 'institution_id', 'institution', 'CASCADE', 'FK_d5b25e1b40e37fb39e7bbc90aa8'],
  ['participation', 'person_id', 'person', 'CASCADE', 'FK_61ee4f1ea80e4837fa38967fe2d'],
  ['person', 'merged_into_id', 'person', 'SET NULL', 'FK_6534b223286f8c7af906cad7ed8'],
  ['place', 'parent_id', 'place', 'SET NULL', 'FK_e8f42244c2d9143a42b13bd1d0c'],
  ['position', 'evidence_article_id', 'article', 'SET NULL', 'FK_9bbbe79f52d954a1ae362d562e8'],
  ['position', 'institution_id', 'institution', 'SET NULL', 'FK_43bb0bcdb80d308dabed08ccc4f'],
  ['position', 'person_id', 'person', 'CASCADE', 'FK_35a1ef1040bb2fc1a467248fd38'],
  ['quote', 'article_id', 'article', 'CASCADE', 'FK_7d4a2b7e294303e62000544b1ea'],
  ['quote', 'person_id', 'person', 'SET NULL', 'FK_3fa2f638149bd0cad844e4ba8ce'],
  ['unresolved_mention', 'article_id', 'article', 'CASCADE', 'FK_2f097959b654056a560dec30c21'],
];

type Fk = (typeof FOREIGN_KEYS)[number];

/** The constraint as TypeORM writes it, so that its schema comparison finds nothing to change. */
const clause = ([, column, references, onDelete, name]: Fk) =>
  `CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${references}" ("id") ON DELETE ${onDelete} ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`;

export class ForeignKeys1764420000000 implements MigrationInterface {
  name = 'ForeignKeys1764420000000';

  async up(q: QueryRunner): Promise<void> {
    const found = await removeOrphans(q);
    const total = Object.values(found).reduce((a, b) => a + b, 0);
    if (total) console.warn(`foreign keys: ${total} row(s) pointed at nothing and were removed or cleared: ${JSON.stringify(found)}`);
    if (q.connection.options.type === 'postgres') {
      for (const fk of FOREIGN_KEYS) await q.query(`ALTER TABLE "${fk[0]}" ADD ${clause(fk)}`);
      return;
    }
    for (const table of tables()) await rebuild(q, table, (sql) => sql.replace(/\)\s*$/, `, ${FOREIGN_KEYS.filter((f) => f[0] === table).map(clause).join(', ')})`));
    const broken: unknown[] = await q.query('PRAGMA foreign_key_check');
    if (broken.length) throw new Error(`foreign keys: ${broken.length} row(s) still point at nothing: ${JSON.stringify(broken.slice(0, 5))}`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      for (const [table, , , , name] of FOREIGN_KEYS) await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
      return;
    }
    for (const table of tables()) {
      await rebuild(q, table, (sql) => FOREIGN_KEYS.filter((f) => f[0] === table).reduce((s, fk) => s.replace(`, ${clause(fk)}`, ''), sql));
    }
  }
}

const tables = () => [...new Set(FOREIGN_KEYS.map((f) => f[0]))];

/** Orphans per table and column: owned rows deleted, optional references cleared. */
async function removeOrphans(q: QueryRunner): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const [table, column, references, onDelete] of FOREIGN_KEYS) {
    const orphan = `"${column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${references}" r WHERE r."id" = "${table}"."${column}")`;
    const [{ n }] = await q.query(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${orphan}`);
    if (!Number(n)) continue;
    found[`${table}.${column}`] = Number(n);
    await q.query(onDelete === 'CASCADE' ? `DELETE FROM "${table}" WHERE ${orphan}` : `UPDATE "${table}" SET "${column}" = NULL WHERE ${orphan}`);
  }
  return found;
}

/** SQLite: the table made anew from its stored definition, changed by `edit`, with its rows and indexes. */
async function rebuild(q: QueryRunner, table: string, edit: (sql: string) => string): Promise<void> {
  const [{ sql }] = await q.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table]);
  const indexes: Array<{ sql: string }> = await q.query(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, [table]);
  const temporary = `temporary_${table}`;
  const created = edit(String(sql)).replace(/^CREATE TABLE "[^"]+"/, `CREATE TABLE "${temporary}"`);
  await q.query(created);
  await q.query(`INSERT INTO "${temporary}" SELECT * FROM "${table}"`);
  await q.query(`DROP TABLE "${table}"`);
  await q.query(`ALTER TABLE "${temporary}" RENAME TO "${table}"`);
  for (const i of indexes) await q.query(i.sql);
}
