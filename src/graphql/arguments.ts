/** Arguments as the services take them: global ids of the expected type as database ids, dates checked. */
import { badInput } from './errors';
import { fromGlobalId, keyParts, NodeType } from './ids';
import type { CatalogService } from '../services/catalog.service';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../text/dates';

/** The tables of the slugged types (see ids.ts). */
export const SLUG_TABLE: Partial<Record<NodeType, 'article' | 'person' | 'institution' | 'place' | 'event'>> = {
  Article: 'article', Person: 'person', Institution: 'institution', Place: 'place', Event: 'event',
};

/**
 * A global id of the expected type → database id, or BAD_USER_INPUT naming the field. A slug id is looked up
 * (following merges), as is a natural-key id; one that names nothing gives -1, which matches no row, as a row id of a deleted record does.
 */
type Lookups = Pick<CatalogService, 'idBySlug' | 'idByKey'>;
export async function dbId(catalog: Lookups, gid: string, field: string, type: NodeType): Promise<number>;
export async function dbId(catalog: Lookups, gid: string | null | undefined, field: string, type: NodeType): Promise<number | undefined>;
export async function dbId(catalog: Lookups, gid: string | null | undefined, field: string, type: NodeType): Promise<number | undefined> {
  if (gid == null) return undefined;
  const g = fromGlobalId(gid);
  if (!g || g.type !== type) throw badInput(field, `is not a ${type} id`);
  if (g.key != null) return (await catalog.idByKey(type, keyParts(type, g.key)!)) ?? -1;
  if (g.slug == null) return g.id!;
  return (await catalog.idBySlug(SLUG_TABLE[type]!, g.slug)) ?? -1;
}

export function checkDate(v: string | null | undefined, field: string): string | undefined {
  if (v == null) return undefined;
  if (!isCalendarDate(v)) throw badInput(field, CALENDAR_DATE_MESSAGE);
  return v;
}
