/**
 * Projections: the hot nested reads fetch only the text columns a query selects (turning every text value into a
 * JavaScript string is most of what a row costs). Id columns are always read, so resolvers beneath keep working; a
 * selected field a shape does not know makes the projection fall back to every column.
 *
 * A shape derives from the read columns (services/columns.ts): each field reads the column that feeds it (fields.ts:
 * `aliases` ← aliasesJson, `parent` ← parentId); `idOnly` lists the fields resolved from the ids alone (lists, loaders).
 * Shapes are built once, when the module loads.
 */
import type { ReadColumn } from '../../db/columns';
import { selectExpr } from '../../db/columns';
import { CURRENT_POSITION_JOINS, PARTICIPATION_COLS, READ } from '../../services/columns';
import type { Selection } from '../selection';
import { fieldsFed } from './fields';

interface Shape { ids: string[]; text: Record<string, string[]>; idOnly: string[] }

function shape(type: string, cols: readonly ReadColumn[], t: string, prefix: string, ids: string[], idOnly: string[]): Shape {
  const expr = (property: string) => {
    const c = cols.find((x) => x.as === property);
    if (!c) throw new Error(`no read column for ${property}`);
    return selectExpr(c, t, prefix);
  };
  const text: Record<string, string[]> = {};
  for (const c of cols) {
    if (c.primary) continue;
    for (const field of fieldsFed(type, c.as)) if (!idOnly.includes(field)) text[field] = [selectExpr(c, t, prefix)];
  }
  return { ids: ids.map(expr), text, idOnly };
}

function project(s: Shape, sel: Selection | null | undefined): string[] {
  const all = () => [...s.ids, ...Object.values(s.text).flat()];
  if (!sel) return [...new Set(all())];
  const cols = [...s.ids];
  for (const f of sel.keys()) {
    const t = s.text[f];
    if (t) cols.push(...t);
    else if (!s.idOnly.includes(f) && f !== '__typename' && f !== 'id') return [...new Set(all())];
  }
  return [...new Set(cols)];
}

// The slug always: the global id is built from it. Columns a field needs are listed under it, ids included (`parent`
// reads parent_id): a query that does not ask for a field does not pay for its column. Folded shapes (a prefix)
// always carry their own id, which marks the fold.
const ARTICLE = shape('Article', READ.article, 'a', '', ['dbId', 'slug'],
  ['body', 'paragraphs', 'related', 'persons', 'institutions', 'places', 'events', 'quotes', 'unresolvedMentions', 'mentions']);
const PERSON = shape('Person', READ.person, 'p', '', ['dbId', 'slug'],
  ['articles', 'coAttendees', 'participations', 'positions', 'quotes', 'timeline', 'currentPosition']);
const CURRENT_POSITION = shape('Position', READ.position, 'cp', 'cp_', ['dbId', 'nodeKey', 'institutionId'], ['person', 'institution']);
const institutionShape = (t: string, prefix: string) =>
  shape('Institution', READ.institution, t, prefix, prefix ? ['dbId', 'slug'] : ['slug'], ['children', 'events', 'officials', 'partners']);
const INSTITUTION = institutionShape('i', '');
const CURRENT_INSTITUTION = institutionShape('cpi', 'cp_i_');
const ORGANIZER = institutionShape('o', 'o_');
const EVENT = shape('Event', READ.event, 'e', '', ['dbId', 'slug'], ['coverage', 'embedViews', 'organizers', 'participants', 'timeline']);
const placeShape = (t: string, prefix: string) => shape('Place', READ.place, t, prefix, ['slug'], ['events']);
const FOLDED_PLACES = [['venue', placeShape('v', 'v_'), 'venue_id', 'v'], ['city', placeShape('c', 'c_'), 'city_id', 'c']] as const;

/**
 * `fn` worked out once per selection, not on every request: a selection lives as long as its parsed document. Null
 * (the selection cannot be told) is passed through to `fn`, whose answer for it is then every column.
 */
function perSelection<T>(fn: (sel: Selection | null) => T): (sel: Selection | null) => T {
  const memo = new WeakMap<Selection, T>();
  return (sel) => {
    if (!sel) return fn(sel);
    let v = memo.get(sel);
    if (v === undefined) memo.set(sel, (v = fn(sel)));
    return v;
  };
}

/** Article columns for a selection of Article fields. */
export const articleColumns = perSelection((sel) => project(ARTICLE, sel).join(', '));

/** Institution columns (as INSTITUTION_COLS) for a selection of Institution fields. */
export const institutionColumns = (sel: Selection | null) => ['i.id AS "dbId"', ...project(INSTITUTION, sel)].join(', ');

/**
 * Person columns for a selection of Person fields, with the current position (and its institution) folded in when
 * the selection asks for it: `{ cols, joins }` for `FROM … person p`.
 */
export function personColumns(sel: Selection | null): { cols: string; joins: string } {
  const cols = project(PERSON, sel);
  const cp = currentPositionColumns(sel);
  return { cols: [...cols, ...cp.cols].join(', '), joins: cp.joins };
}

/**
 * The current position of a person read as `p` (and its institution), for a selection of Person fields: `cp_` and
 * `cp_i_` columns and their joins, or nothing when the selection does not ask for it (null: it cannot be told).
 */
function currentPositionColumns(sel: Selection | null): { cols: string[]; joins: string } {
  const cp = sel ? sel.get('currentPosition') : undefined;
  if (sel && !cp) return { cols: [], joins: '' };
  const cols = project(CURRENT_POSITION, cp);
  const inst = cp ? cp.get('institution') : undefined;
  if (!cp || inst) cols.push(...project(CURRENT_INSTITUTION, inst));
  return { cols, joins: ` ${CURRENT_POSITION_JOINS}` };
}

/** A selection of no fields beneath: participations and their people alone (for readers outside GraphQL). */
export const BARE: Selection = new Map();

/**
 * Participation columns (PARTICIPATION_COLS, the person folded in as `p_`) for a selection of Participation fields,
 * with the person's current position folded in too when the selection asks for it (unknown: folded, as the compiled
 * query may read it): `{ cols, joins }` for `FROM participation pa LEFT JOIN person p` (PARTICIPATION_FROM).
 */
export const participationColumns = perSelection((sel): { cols: string; joins: string } => {
  const person = sel ? sel.get('person') : null;
  const cp = !sel || person?.get('currentPosition') ? currentPositionColumns(person ?? null) : { cols: [], joins: '' };
  return { cols: [PARTICIPATION_COLS, ...cp.cols].join(', '), joins: cp.joins };
});

/**
 * Event columns (as EVENT_COLS) for a selection of Event fields, with the venue and city folded in when it asks for
 * them: `{ cols, joins }` for `FROM … event e`.
 */
export const eventColumns = perSelection((sel): { cols: string; joins: string } => {
  const cols = project(EVENT, sel);
  const joins: string[] = [];
  for (const [field, s, col, t] of FOLDED_PLACES) {
    if (sel && !sel.has(field)) continue;
    cols.push(...project(s, sel?.get(field)));
    joins.push(`LEFT JOIN place ${t} ON ${t}.id = e.${col}`);
  }
  return { cols: cols.join(', '), joins: joins.join(' ') };
});

/**
 * Organisers folded into a list of events when the selection asks for them: `o_` columns from
 * `LEFT JOIN event_organizer eo … LEFT JOIN institution o` (ORGANIZER_JOINS), one row per organiser (see
 * toEventsWithOrganizers).
 */
export function organizerColumns(sel: Selection | null): string | null {
  const org = sel?.get('organizers');
  if (!org) return null;
  return project(ORGANIZER, org).join(', ');
}
