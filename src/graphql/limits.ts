/**
 * Validation rules that refuse abusive documents before anything runs: depth, aliases, directives, and list arguments.
 * (Tokens are capped by the parser's maxTokens, recursive fragment selections by Apollo's maxRecursiveSelections, and
 * cost by the cost plugin.) Each error says which limit and the number found.
 */
import { ASTVisitor, FieldNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext } from 'graphql';

const limitError = (message: string, limit: string, found: number, max: number) =>
  new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, found, max } });

/** Deepest field nesting of an operation, following fragment spreads (each fragment once per path). */
export function depthLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const depth = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) deepest = Math.max(deepest, s.name.value.startsWith('__') ? 0 : 1 + depth(s.selectionSet, seen));
        else if (s.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depth(s.selectionSet, seen));
        else if (!seen.has(s.name.value)) deepest = Math.max(deepest, depth(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(op: OperationDefinitionNode) {
        const d = depth(op.selectionSet, new Set());
        if (d > max) ctx.reportError(limitError(`query depth ${d} exceeds the limit ${max}`, 'depth', d, max));
      },
    };
  };
}

/** Aliased fields in the whole document. */
export function aliasLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    let n = 0;
    return {
      Field(f: FieldNode) { if (f.alias) n++; },
      Document: { leave() { if (n > max) ctx.reportError(limitError(`${n} aliases exceed the limit ${max}`, 'aliases', n, max)); } },
    };
  };
}

/** Directives in the whole document. */
export function directiveLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    let n = 0;
    return {
      Directive() { n++; },
      Document: { leave() { if (n > max) ctx.reportError(limitError(`${n} directives exceed the limit ${max}`, 'directives', n, max)); } },
    };
  };
}

/** List literals given as arguments (ID lists, kinds): at most `max` items. */
export function listArgumentLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => ({
    ListValue(node) {
      if (node.values.length > max) ctx.reportError(limitError(`a list argument of ${node.values.length} items exceeds the limit ${max}`, 'listArgument', node.values.length, max));
    },
  });
}

/** The same for list variables (validation cannot see their values). */
export function oversizedListVariable(variables: Record<string, unknown> | undefined, max: number): string | null {
  const walk = (v: unknown, path: string): string | null => {
    if (Array.isArray(v)) { if (v.length > max) return path; for (let i = 0; i < v.length; i++) { const r = walk(v[i], `${path}[${i}]`); if (r) return r; } }
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { const r = walk(x, `${path}.${k}`); if (r) return r; }
    return null;
  };
  for (const [k, v] of Object.entries(variables ?? {})) { const r = walk(v, k); if (r) return r; }
  return null;
}

/** Subscriptions: Warta has none (no Subscription type, no transport for them), and says so rather than failing at execution. */
export function noSubscriptions(ctx: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(op: OperationDefinitionNode) {
      if (op.operation === 'subscription') {
        ctx.reportError(new GraphQLError('subscriptions are not supported: Warta answers queries and mutations over HTTP', { nodes: [op], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      }
    },
  };
}
