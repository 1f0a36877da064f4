/**
 * Column lists derived from the entities (src/entities), for the SQL that `Db` runs: a statement names columns by
 * their entity's properties, so a column renamed, added or dropped in its entity reaches every list built from it,
 * and a property that is not there fails when the module loads.
 */
import { entityColumns, EntityColumn } from './typeorm';

/** A column as the read path selects it: under the property its row carries (`as`). */
export interface ReadColumn extends EntityColumn {
  /** The row's property: the entity's, but `dbId` for the primary key and where the read spec renames it. */
  as: string;
  /** Read as a number (integer and real columns). */
  numeric: boolean;
}

const NUMERIC = new Set(['integer', 'int', 'number', 'real', 'float', 'double precision', 'smallint', 'bigint']);
/** Column names that must be quoted in SQL on one of the two databases. */
const RESERVED = new Set(['end', 'order', 'user', 'group', 'default', 'from', 'to', 'limit', 'offset', 'table', 'column', 'check', 'desc', 'asc', 'all',
  'primary', 'references', 'unique', 'when', 'then', 'else', 'case', 'with', 'window', 'key']);

/** A column name as SQL must write it (`"end"`, `slug`). */
export const sqlName = (column: string) => (RESERVED.has(column) || !/^[a-z_][a-z0-9_]*$/.test(column) ? `"${column}"` : column);

/** One column of an entity by its property; throws when the entity has none such. */
export function column(entity: Function, property: string): EntityColumn {
  const c = entityColumns(entity).find((x) => x.property === property);
  if (!c) throw new Error(`${entity.name} has no column for property ${property}`);
  return c;
}

/** The table's column names for these properties, in the order given (insert lists). */
export function columnNames(entity: Function, properties: readonly string[]): string[] {
  return properties.map((p) => column(entity, p).column);
}

/**
 * A table's column names as a statement lists them (an insert's, in its values' order), checked against the entity
 * when the module loads: a column the entity renamed or dropped fails there, not in the first batch that writes it.
 */
export function checkedColumns<const T extends readonly string[]>(entity: Function, names: T): T {
  const have = new Set(entityColumns(entity).map((c) => c.column));
  const missing = names.filter((n) => !have.has(n));
  if (missing.length) throw new Error(`${entity.name} has no column ${missing.join(', ')}`);
  return names;
}

/**
 * What the read path selects of an entity: every column but those in `skip` (each with the reason it is not read),
 * in the entity's order, the primary key as `dbId`, renamed where `as` says.
 */
export function readColumns(entity: Function, spec: { skip?: Record<string, string>; as?: Record<string, string> } = {}): readonly ReadColumn[] {
  const skip = spec.skip ?? {}, as = spec.as ?? {};
  for (const p of [...Object.keys(skip), ...Object.keys(as)]) column(entity, p);
  return entityColumns(entity).filter((c) => !(c.property in skip)).map((c) => ({
    ...c, as: c.primary ? 'dbId' : as[c.property] ?? c.property, numeric: NUMERIC.has(c.type),
  }));
}

/**
 * One column of a select list: `t.column`, aliased to the row's property where the names differ. A folded row
 * (`prefix` given) carries every column aliased with the prefix, its primary key as `<prefix>id`.
 */
export function selectExpr(c: ReadColumn, t: string, prefix = ''): string {
  const alias = prefix ? `${prefix}${c.primary ? 'id' : c.as}` : c.as;
  return `${t}.${sqlName(c.column)}${alias === c.column ? '' : ` AS "${alias}"`}`;
}

/** A select list of these columns (a folded one leaves the primary key out: its parent's row names it). */
export function selectList(cols: readonly ReadColumn[], t: string, prefix = ''): string {
  return cols.filter((c) => !(prefix && c.primary)).map((c) => selectExpr(c, t, prefix)).join(', ');
}

/** The columns themselves, unaliased (a GROUP BY over a select list). */
export function columnList(cols: readonly ReadColumn[], t: string): string {
  return cols.map((c) => `${t}.${sqlName(c.column)}`).join(', ');
}

/**
 * "Not merged into another row", written so that no planner seeks the `merged_into_id` index for it: nearly every row
 * is unmerged, yet SQLite (which keeps no statistics here) prices `merged_into_id IS NULL` as a selective equality
 * and, beside a long IN list on a name or alias index, walks every unmerged row instead, so each look-up grew with
 * the table. The unary plus keeps the test and leaves the choice of index to the IN list.
 */
export const UNMERGED = (alias: string) => `+${alias}.merged_into_id IS NULL`;
