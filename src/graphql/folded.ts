/**
 * To-one fields that a statement already folded into the rows it read (see the loaders and read/projection.ts). Their
 * resolvers then only hand back a property, but graphql-jit still calls them through its resolver path, which builds
 * a resolve info and a response path per row. For a document where every occurrence of such a field sits under a
 * statement that folds it, the compiled query reads the property directly.
 *
 * FOLDS is the one declaration of what each statement carries: for a field whose objects a statement reads (a list, a
 * connection, a to-one field answered by a loader), the to-one fields folded into those objects when the query selects
 * them, nested as they nest. A field not read as a property runs its resolver, whose own statement's folds apply beneath
 * it; one read as a property came with its parent's rows, so only what those rows carry applies beneath it.
 */
import { FieldNode, getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema, isObjectType, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** Field ("Type.field") → what its objects carry folded, field by field. */
export interface Fold { readonly [field: string]: Fold }

const CURRENT_POSITION: Fold = { 'Person.currentPosition': { 'Position.institution': {} } };
/** Every event statement reads the venue and the city (services/columns.ts EVENT_COLS, or a projection that keeps them). */
const PLACES: Fold = { 'Event.venue': {}, 'Event.city': {} };
/** Every position statement reads its institution (POSITION_COLS). */
const POSITION: Fold = { 'Position.institution': {} };
/** Every participation statement reads its person (PARTICIPATION_COLS). */
const PARTICIPATION: Fold = { 'Participation.person': {} };

export const FOLDS: Readonly<Record<string, Fold>> = {
  'Article.persons': CURRENT_POSITION,
  'Article.events': { ...PLACES, 'Event.organizers': {} },
  'Query.events': PLACES,
  'Participation.event': PLACES,
  'Person.currentPosition': POSITION,
  'Person.positions': POSITION,
  'Institution.officials': POSITION,
  'Person.participations': PARTICIPATION,
  'Query.attendance': PARTICIPATION,
  'Event.participants': { 'Participation.person': CURRENT_POSITION },
};

/** Connections pass their rows' folds on to their nodes. */
const isPassThrough = (type: GraphQLNamedType, field: string) =>
  (field === 'edges' && type.name.endsWith('Connection')) || (field === 'node' && type.name.endsWith('Edge'));

/** The fields of this operation that can be read as properties in all their occurrences; null when it cannot be told. */
export function foldedFields(schema: GraphQLSchema, op: OperationDefinitionNode): Set<string> | null {
  const folded = new Map<string, boolean>();
  let unsure = false;
  const walk = (set: SelectionSetNode | undefined, type: GraphQLNamedType, carried: Fold | undefined): void => {
    if (!set || unsure) return;
    for (const s of set.selections) {
      if (s.kind === 'FragmentSpread') { unsure = true; return; }
      if (s.kind === 'InlineFragment') {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        if (!t) { unsure = true; return; }
        walk(s.selectionSet, t, carried);
        continue;
      }
      const f = s as FieldNode;
      if (!isObjectType(type)) { if (f.name.value !== '__typename') unsure = true; continue; }
      const def = type.getFields()[f.name.value] as GraphQLField<unknown, unknown> | undefined;
      if (!def) continue; // __typename and the like
      const key = `${type.name}.${f.name.value}`;
      const here = carried?.[key];
      if (isFoldable(key)) folded.set(key, (folded.get(key) ?? true) && here !== undefined);
      const beneath = isPassThrough(type, f.name.value) ? carried : here ?? FOLDS[key];
      walk(f.selectionSet, getNamedType(def.type), beneath);
    }
  };
  const root = op.operation === 'query' ? schema.getQueryType() : null;
  if (!root) return null;
  walk(op.selectionSet, root, undefined);
  if (unsure) return null;
  return new Set([...folded].filter(([, ok]) => ok).map(([k]) => k));
}

/** Every field some statement folds. */
const FOLDABLE = new Set<string>();
const collect = (f: Fold) => { for (const [k, v] of Object.entries(f)) { FOLDABLE.add(k); collect(v); } };
for (const f of Object.values(FOLDS)) collect(f);
const isFoldable = (key: string) => FOLDABLE.has(key);

/** Runs `fn` with these fields' resolvers taken away (compileQuery reads them while it compiles, and only then). */
export function withoutResolvers<T>(schema: GraphQLSchema, keys: Set<string>, fn: () => T): T {
  const saved: Array<[GraphQLField<unknown, unknown>, GraphQLField<unknown, unknown>['resolve']]> = [];
  for (const k of keys) {
    const [typeName, fieldName] = k.split('.');
    const t = schema.getType(typeName);
    const field = t && isObjectType(t) ? t.getFields()[fieldName] : undefined;
    if (field) { saved.push([field, field.resolve]); field.resolve = undefined; }
  }
  try { return fn(); } finally { for (const [field, resolve] of saved) field.resolve = resolve; }
}
