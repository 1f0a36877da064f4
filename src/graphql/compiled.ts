/**
 * Compiled queries (graphql-jit). Only documents that Apollo has already parsed, validated (with every Warta limit)
 * and answered without errors are registered; each is compiled once per operation into plain JavaScript that calls
 * the same resolvers. A bounded, least-recently-used set: a document that stops being asked for is dropped.
 */
import crypto from 'node:crypto';
import { DocumentNode, GraphQLSchema, OperationDefinitionNode, print } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { foldedFields, withoutResolvers } from './folded';
import { withDatesAsStrings } from './scalars';

export interface CompiledEntry {
  document: DocumentNode;
  operationName: string | null;
  compiled: CompiledQuery;
  /** The printed document (the response cache's key part), computed once. */
  printed: string;
}

const printedDocs = new WeakMap<DocumentNode, string>();

/** print(document), once per parsed document (Apollo keeps one DocumentNode per query text). */
export function printedDocument(document: DocumentNode): string {
  let p = printedDocs.get(document);
  if (p === undefined) printedDocs.set(document, (p = print(document)));
  return p;
}

export const queryHash = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export class CompiledQueries {
  /** Query text + operation name → compiled entry (null: graphql-jit could not compile it; Apollo keeps it). */
  private entries = new Map<string, CompiledEntry | null>();
  /** sha256 of a query text → the text (for persisted queries sent by hash). */
  private texts = new Map<string, string>();

  constructor(private schema: GraphQLSchema, private max: number) {}

  private static key(text: string, operationName: string | null | undefined) { return `${operationName ?? ''}\u0000${text}`; }

  /** After Apollo answered a query operation cleanly. */
  register(text: string, document: DocumentNode, operationName: string | null | undefined): void {
    if (!this.max) return;
    const key = CompiledQueries.key(text, operationName);
    if (this.entries.has(key)) return;
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
    let entry: CompiledEntry | null = null;
    if (op?.operation === 'query') {
      // Folded to-one fields are read as properties where the document allows it (see folded.ts). customJSONSerializer:
      // the answer is written by a serializer generated for this query's shape (fast-json-stringify), about twice as
      // fast as JSON.stringify on a nested list, with the same bytes.
      const folded = foldedFields(this.schema, op) ?? new Set<string>();
      const c = withoutResolvers(this.schema, folded, () => withDatesAsStrings(() => compileQuery(this.schema, document, operationName ?? undefined, { customJSONSerializer: true })));
      if (isCompiledQuery(c)) entry = { document, operationName: operationName ?? null, compiled: c, printed: printedDocument(document) };
    }
    this.entries.set(key, entry);
    this.texts.set(queryHash(text), text);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    while (this.texts.size > this.max) this.texts.delete(this.texts.keys().next().value!);
  }

  /** The compiled query for a text (or a persisted query's hash), refreshed as most recently used. */
  lookup(text: string | undefined, hash: string | undefined, operationName: string | null | undefined): CompiledEntry | undefined {
    const t = text ?? (hash ? this.texts.get(hash) : undefined);
    if (t === undefined) return undefined;
    const key = CompiledQueries.key(t, operationName);
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  get size(): number { return this.entries.size; }
}
