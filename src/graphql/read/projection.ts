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

/** Article columns for a selection of Article fields. */
const articleCols = new WeakMap<Selection, string>();
export function articleColumns(sel: Selection | null): string {
  if (!sel) return project(ARTICLE, sel).join(', ');
  // A selection lives as long as its parsed document: worked out once, not on every request.
  let cols = articleCols.get(sel);
  if (cols === undefined) articleCols.set(sel, (cols = project(ARTICLE, sel).join(', ')));
  return cols;
}

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

/**
 * Participation columns (PARTICIPATION_COLS, the person folded in as `p_`) for a selection of Participation fields,
 * with the person's current position folded in too when the selection asks for it: `{ cols, joins }` for
 * `FROM participation pa LEFT JOIN person p` (PARTICIPATION_FROM).
 */
/** A selection of no fields beneath: participations and their people alone (for readers outside GraphQL). */
export const BARE: Selection = new Map();
const participationCols = new WeakMap<Selection, { cols: string; joins: string }>();
export function participationColumns(sel: Selection | null): { cols: string; joins: string } {
  // Unknown: everything, as the compiled query may read the folded fields.
  if (!sel) return { cols: [PARTICIPATION_COLS, ...currentPositionColumns(null).cols].join(', '), joins: currentPositionColumns(null).joins };
  let c = participationCols.get(sel);
  if (!c) {
    const person = sel.get('person');
    const cp = person?.get('currentPosition') ? currentPositionColumns(person) : { cols: [], joins: '' };
    participationCols.set(sel, (c = { cols: [PARTICIPATION_COLS, ...cp.cols].join(', '), joins: cp.joins }));
  }
  return c;
}

/**
 * Event columns (as EVENT_COLS) for a selection of Event fields, with the venue and city folded in when it asks for
 * them: `{ cols, joins }` for `FROM … event e`.
 */
export function eventColumns(sel: Selection | null): { cols: string; joins: string } {
  const cols = project(EVENT, sel);
  const joins: string[] = [];
  for (const [field, s, col, t] of FOLDED_PLACES) {
    if (sel && !sel.has(field)) continue;
    cols.push(...project(s, sel?.get(field)));
    joins.push(`LEFT JOIN place ${t} ON ${t}.id = e.${col}`);
  }
  return { cols: cols.join(', '), joins: joins.join(' ') };
}

/** eventColumns for Query.events' nodes, worked out once per selection (a selection lives as long as its parsed document). */
const eventCols = new WeakMap<Selection, { cols: string; joins: string }>();
export function eventSelectColumns(sel: Selection | null): { cols: string; joins: string } {
  if (!sel) return eventColumns(sel);
  let c = eventCols.get(sel);
  if (!c) eventCols.set(sel, (c = eventColumns(sel)));
  return c;
}

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
