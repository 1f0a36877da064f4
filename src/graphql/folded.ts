/**
 * To-one fields that a list's own statement already folded into each row (see the loaders): `Article.persons` folds
 * each person's `currentPosition` (and its `institution`) when the query selects them, and `Article.events` folds
 * `venue`, `city` and `organizers`. Their resolvers then only hand back a property, but graphql-jit still calls them
 * through its resolver path, which builds a resolve info and a response path per row. For a document where every
 * occurrence of such a field sits under its folding list, the compiled query reads the property directly.
 */
import { FieldNode, getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema, isObjectType, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** Field → the field whose rows carry it folded ("Type.field"). */
const FOLDED_UNDER: Record<string, string> = {
  'Person.currentPosition': 'Article.persons',
  'Position.institution': 'Person.currentPosition',
  'Event.venue': 'Article.events',
  'Event.city': 'Article.events',
  'Event.organizers': 'Article.events',
};
/** The lists whose statement folds (the others are folded only when their own parent was). */
const FOLDING_LISTS = new Set(['Article.persons', 'Article.events']);

/** The fields of this operation that can be read as properties in all their occurrences; null when it cannot be told. */
export function foldedFields(schema: GraphQLSchema, op: OperationDefinitionNode): Set<string> | null {
  const folded = new Map<string, boolean>();
  let unsure = false;
  const walk = (set: SelectionSetNode | undefined, type: GraphQLNamedType, enclosing: string | null, enclosingFolded: boolean): void => {
    if (!set || unsure) return;
    for (const s of set.selections) {
      if (s.kind === 'FragmentSpread') { unsure = true; return; }
      if (s.kind === 'InlineFragment') {
        const t = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        if (!t) { unsure = true; return; }
        walk(s.selectionSet, t, enclosing, enclosingFolded);
        continue;
      }
      const f = s as FieldNode;
      if (!isObjectType(type)) { if (f.name.value !== '__typename') unsure = true; continue; }
      const def = type.getFields()[f.name.value] as GraphQLField<unknown, unknown> | undefined;
      if (!def) continue; // __typename and the like
      const key = `${type.name}.${f.name.value}`;
      let here = FOLDING_LISTS.has(key);
      if (key in FOLDED_UNDER) {
        here = enclosing === FOLDED_UNDER[key] && (FOLDING_LISTS.has(enclosing) || enclosingFolded);
        folded.set(key, (folded.get(key) ?? true) && here);
      }
      walk(f.selectionSet, getNamedType(def.type), key, here);
    }
  };
  const root = op.operation === 'query' ? schema.getQueryType() : null;
  if (!root) return null;
  walk(op.selectionSet, root, null, false);
  if (unsure) return null;
  return new Set([...folded].filter(([, ok]) => ok).map(([k]) => k));
}

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
