/**
 * One source of truth for a table: its entity. The migrated tables (on SQLite and PostgreSQL) must have exactly the
 * entity's columns, with its nullability; the read path's column lists (services/columns.ts) derive from the entity;
 * and each read column must feed a field of its GraphQL type, each plain field of the type must have its column, and a
 * field and its column must agree on null. Adding a column therefore touches the entity, a migration and the GraphQL
 * type, and this test names whichever of them is missing.
 */
import 'reflect-metadata';
import { GraphQLObjectType, isNonNullType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { Db, Row } from '../../src/db/database';
import { entityColumns, entityTable } from '../../src/db/typeorm';
import { ENTITIES } from '../../src/entities';
import * as columns from '../../src/services/columns';
import { READ } from '../../src/services/columns';
import { buildWartaSchema } from '../../src/graphql/schema';
import { fieldsFed } from '../../src/graphql/read/fields';
import * as rows from '../../src/graphql/read/rows';
import { targets } from '../helpers/db';


/** The GraphQL types that the read path makes from a table's rows, with their mappers. */
const TYPES = [
  ['Article', 'article', rows.toArticle], ['Person', 'person', rows.toPerson], ['Institution', 'institution', rows.toInstitution],
  ['Place', 'place', rows.toPlace], ['Event', 'event', rows.toEvent], ['Position', 'position', rows.toPosition],
  ['Participation', 'participation', rows.toParticipation], ['Mention', 'mention', rows.toMention], ['Quote', 'quote', rows.toQuote],
] as const;

describe.each(targets())('migrated tables on $name', (target) => {
  let db: Db;
  beforeAll(async () => { db = await target.open(); });
  afterAll(async () => { await db.close(); await target.cleanup(); });

  /** The table's columns as the database has them: name → nullable. */
  async function tableColumns(table: string): Promise<Record<string, boolean>> {
    const out: Record<string, boolean> = {};
    if (db.isPostgres) {
      const r = await db.query<{ name: string; nullable: string }>(`SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ?`, [table]);
      for (const c of r) out[c.name] = c.nullable === 'YES';
    } else {
      const r = await db.query<{ name: string; notnull: number; pk: number }>(`SELECT name, "notnull", pk FROM pragma_table_info(?)`, [table]);
      // SQLite lets a primary key column other than an INTEGER PRIMARY KEY hold null unless it says NOT NULL; TypeORM's tables all do.
      for (const c of r) out[c.name] = Number(c.notnull) === 0 && Number(c.pk) === 0;
    }
    return out;
  }

  test.each(ENTITIES.map((e) => [e.name, e] as const))('%s: the table has the entity\'s columns, nullable alike', async (_name, entity) => {
    const want = Object.fromEntries(entityColumns(entity).map((c) => [c.column, c.nullable && !c.primary]));
    expect(await tableColumns(entityTable(entity))).toEqual(want);
  });

  test('every read column list runs against the migrated tables', async () => {
    const froms: Array<[string, string]> = [
      [columns.ARTICLE_COLS, 'article a'], [columns.PERSON_COLS, 'person p'], [columns.INSTITUTION_COLS, 'institution i'], [columns.PLACE_COLS, 'place pl'],
      [columns.EVENT_COLS, columns.EVENT_FROM], [columns.POSITION_COLS, columns.POSITION_FROM], [columns.PARTICIPATION_COLS, columns.PARTICIPATION_FROM],
      [columns.MENTION_COLS, 'mention m'], [columns.QUOTE_COLS, 'quote q'],
    ];
    for (const [cols, from] of froms) await expect(db.query(`SELECT ${cols} FROM ${from} LIMIT 1`)).resolves.toBeDefined();
  });
});

describe('read columns and GraphQL types', () => {
  let types: Record<string, GraphQLObjectType>;
  beforeAll(async () => {
    const schema = await buildWartaSchema();
    types = Object.fromEntries(TYPES.map(([name]) => [name, schema.getType(name) as GraphQLObjectType]));
  });

  /** Fields a type reads straight from its object (no resolver): each needs a column. */
  const plainFields = (type: string) => {
    const storage = getMetadataStorage();
    const target = storage.objectTypes.find((o) => o.name === type)!.target;
    const resolved = new Set(storage.fieldResolvers.filter((r) => r.getObjectType?.() === target).map((r) => r.schemaName));
    return storage.fields.filter((f) => f.target === target && !resolved.has(f.schemaName)).map((f) => f.schemaName);
  };

  test.each(TYPES.map(([type, table]) => [type, table] as const))('%s: every read column feeds a field, every plain field has its column, nullable alike', (type, table) => {
    const fields = types[type].getFields();
    const cols = READ[table].filter((c) => !c.primary);
    // A column the entity gained that its GraphQL type does not show (or that services/columns.ts should skip).
    expect(cols.filter((c) => !fieldsFed(type, c.as).some((f) => f in fields)).map((c) => `${table}.${c.column} (read as ${c.as})`)).toEqual([]);
    // A plain field no column gives a value (it would always be undefined).
    const props = new Set(cols.map((c) => c.as));
    expect(plainFields(type).filter((f) => !props.has(f)).map((f) => `${type}.${f}`)).toEqual([]);
    // A field and its column disagreeing on null: a nullable column behind a non-null field fails the whole query on null.
    const mismatched = cols.filter((c) => plainFields(type).includes(c.as) && isNonNullType(fields[c.as].type) === c.nullable)
      .map((c) => `${type}.${c.as}: column ${c.nullable ? 'nullable' : 'not null'}, field ${c.nullable ? 'non-null' : 'nullable'}`);
    expect(mismatched).toEqual([]);
  });

  test.each(TYPES.map(([type, table, map]) => [type, table, map] as const))('%s: its mapper carries every read column', (_type, table, map) => {
    const row: Row = { dbId: 7, slug: 'x', organizers: undefined };
    for (const c of READ[table]) if (!c.primary) row[c.as] = c.numeric ? 3 : `v-${c.as}`;
    const o = (map as (r: Row) => unknown)(row) as Record<string, unknown>;
    for (const c of READ[table]) if (!c.primary) expect([c.as, o[c.as]]).toEqual([c.as, row[c.as]]);
    expect(o.dbId).toBe(7);
    expect(typeof o.id).toBe('string');
  });
});
