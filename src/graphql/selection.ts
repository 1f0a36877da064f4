/**
 * What a query selects beneath a field, as a tree of field names (fragments merged, directives ignored, so a tree
 * never lacks a field that may run). Read-side loaders use it to fetch only the text columns a query asks for.
 * Built once per field of a parsed document (Apollo and the compiled path keep one document per query text).
 */
import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

export type Selection = ReadonlyMap<string, Selection>;

const trees = new WeakMap<FieldNode, Selection>();

function merge(into: Map<string, Map<string, unknown>>, set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): void {
  if (!set) return;
  for (const s of set.selections) {
    if (s.kind === 'Field') {
      let child = into.get(s.name.value);
      if (!child) into.set(s.name.value, (child = new Map()));
      merge(child as Map<string, Map<string, unknown>>, s.selectionSet, fragments, seen);
    } else if (s.kind === 'InlineFragment') merge(into, s.selectionSet, fragments, seen);
    else if (!seen.has(s.name.value)) merge(into, fragments[s.name.value]?.selectionSet, fragments, new Set([...seen, s.name.value]));
  }
}

/** The selection beneath the resolving field, then down `path` (e.g. 'edges', 'node'); null when it cannot be told. */
export function selectionOf(info: { fieldNodes?: readonly FieldNode[]; fragments?: Record<string, FragmentDefinitionNode> }, ...path: string[]): Selection | null {
  const nodes = info.fieldNodes;
  if (!nodes?.length) return null;
  let tree: Selection | undefined = trees.get(nodes[0]);
  if (!tree) {
    const root = new Map<string, Map<string, unknown>>();
    for (const n of nodes) merge(root, n.selectionSet, info.fragments ?? {}, new Set());
    trees.set(nodes[0], (tree = root as unknown as Selection));
  }
  for (const p of path) {
    const next: Selection | undefined = tree.get(p);
    if (!next) return null;
    tree = next;
  }
  return tree;
}
