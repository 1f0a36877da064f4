/** Builds the schema from the resolvers (once per process) and prints it for schema.graphql. */
import 'reflect-metadata';
import { getNamedType, GraphQLFieldResolver, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { validateSync, ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, AuthChecker, buildSchema, getMetadataStorage, ValidatorFn } from 'type-graphql';
import { roleAtLeast } from '../services/api-key.service';
import { readScope } from '../db/database';
import { ApiRole } from '../entities/enums';
import { forbidden, unauthenticated } from './errors';
import type { Context } from './context';
import type { ExecutionBudget } from './budget';
import { QueryResolver } from './resolvers/query.resolver';
import { ArticleResolver } from './resolvers/article.resolver';
import { PersonAliasResolver, PersonMergeResolver, PersonResolver, PositionResolver } from './resolvers/person.resolver';
import { InstitutionResolver } from './resolvers/institution.resolver';
import { PlaceResolver } from './resolvers/place.resolver';
import { EventResolver, ParticipationResolver } from './resolvers/event.resolver';
import { MentionResolver, QuoteResolver } from './resolvers/mention.resolver';
import { MutationResolver } from './resolvers/mutation.resolver';
import { SearchResolver } from './resolvers/search.resolver';
import { EmbedViewCountResolver, EventEmbedViewsResolver, PartnerResolver } from './resolvers/partner.resolver';
import {
  AnalyticsQueryResolver, CoAttendeeResolver, EventAnalyticsResolver, EventReportResolver, InstitutionAnalyticsResolver,
  InstitutionPartnerResolver, PersonAnalyticsResolver, StatsResolver, TimelineItemResolver,
} from './resolvers/analytics.resolver';
import { UnresolvedMentionResolver } from './resolvers/unresolved-mention.resolver';
import './enums';

/** @Authorized(role): the caller's key must hold that role or a higher one. */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.auth.role) throw unauthenticated('this operation needs an API key');
  const needed = (roles[0] as ApiRole | undefined) ?? ApiRole.READER;
  if (!roleAtLeast(context.auth.role, needed)) throw forbidden(`this operation needs the ${needed} role`);
  return true;
};

/**
 * Arguments and inputs are checked with class-validator as type-graphql's own `validate` setting would, but
 * synchronously and with the module loaded once: type-graphql's default path resolves `require('class-validator')`
 * and awaits a promise on every call, which a list field paid once per row. Warta's constraints are all synchronous.
 */
const VALIDATION: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };
/**
 * Argument values already found valid, per class (the constraints are pure, so the same value is valid again): a busy
 * page asks with the same few arguments over and over. Bounded; small values only.
 */
const knownValid = new Map<Function, Set<string>>();
let knownCount = 0;
export const validateArgument: ValidatorFn = (value) => {
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const json = JSON.stringify(item);
    const known = json.length <= 256 ? knownValid.get(item.constructor) : undefined;
    if (known?.has(json)) continue;
    const errors = validateSync(item, VALIDATION);
    if (errors.length) throw new ArgumentValidationError(errors);
    if (json.length > 256) continue;
    if (knownCount >= 1000) { knownValid.clear(); knownCount = 0; }
    let set = knownValid.get(item.constructor);
    if (!set) knownValid.set(item.constructor, (set = new Set()));
    if (!set.has(json)) { set.add(json); knownCount++; }
  }
};

let built: Promise<GraphQLSchema> | null = null;

export function buildWartaSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [QueryResolver, ArticleResolver, PersonResolver, PositionResolver, PersonAliasResolver, PersonMergeResolver, InstitutionResolver, PlaceResolver, EventResolver, ParticipationResolver,
      MentionResolver, QuoteResolver, UnresolvedMentionResolver, MutationResolver, AnalyticsQueryResolver, StatsResolver,
      CoAttendeeResolver, InstitutionPartnerResolver, TimelineItemResolver, EventReportResolver,
      PersonAnalyticsResolver, InstitutionAnalyticsResolver, EventAnalyticsResolver, SearchResolver, PartnerResolver, EmbedViewCountResolver,
      EventEmbedViewsResolver],
    authChecker,
    validateFn: validateArgument,
    emitSchemaFile: false,
  }).then((schema) => { attributeReads(); callDirectly(schema); withBudget(schema); return schema; });
  return built;
}

/**
 * Every resolver checks the request's execution budget (budget.ts) before it runs: past the deadline, or once the
 * rows are spent, it throws instead of reading more; once the request has had its run of the event loop, it waits for
 * its next turn first. A connection's rows (the page a service read) are counted when its resolver returns it; loaders
 * count their own. Plain properties have no resolver and cost nothing here.
 */
function withBudget(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const counts = getNamedType(field.type).name.endsWith('Connection');
      const run = (b: ExecutionBudget, root: unknown, args: Record<string, unknown>, ctx: Context, info: GraphQLResolveInfo): unknown => {
        const r = resolve(root, args, ctx, info);
        return counts ? Promise.resolve(r).then((c) => { b.read((c as { edges?: unknown[] } | null)?.edges?.length ?? 0); return c; }) : r;
      };
      field.resolve = (root, args, ctx: Context | undefined, info) => {
        const b = ctx?.budget;
        if (b === undefined) return resolve(root, args, ctx, info);
        try {
          const wait = b.turn();
          return wait === undefined ? run(b, root, args, ctx!, info) : wait.then(() => run(b, root, args, ctx!, info));
        } catch (e) {
          // A resolver fails by rejecting, never by throwing: graphql-js stops completing a list at an item's synchronous
          // error and leaves the promises of the items before it unobserved, and their rejections (the same spent budget)
          // would end the process. A rejection is awaited with its siblings.
          return Promise.reject(e);
        }
      };
    }
  }
}

/**
 * The reads a resolver method starts while it runs (up to its first await: a service's first statement, typically) are
 * its request's (db's readScope): they check the request's deadline and wait in its line on the event loop. Wrapped on
 * the resolver classes, since type-graphql calls a method only once its arguments are validated, a few promise jobs
 * after the field's resolver was entered.
 */
function attributeReads(): void {
  const storage = getMetadataStorage();
  for (const r of [...storage.queries, ...storage.mutations, ...storage.fieldResolvers]) {
    const at = r.params?.find((p) => p.kind === 'context')?.index;
    const proto = (r.target as { prototype?: Record<string, unknown> }).prototype;
    const method = proto?.[r.methodName];
    if (at === undefined || typeof method !== 'function' || (method as { reads?: boolean }).reads) continue;
    const wrapped = function (this: unknown): unknown {
      // eslint-disable-next-line prefer-rest-params
      const b = (arguments[at] as Context | undefined)?.budget;
      // eslint-disable-next-line prefer-rest-params
      if (b === undefined) return method.apply(this, arguments);
      const outer = readScope.current;
      readScope.current = b;
      // eslint-disable-next-line prefer-rest-params
      try { return method.apply(this, arguments); } finally { readScope.current = outer; }
    };
    proto![r.methodName] = Object.assign(wrapped, { reads: true });
  }
}

/**
 * Field resolvers that take only their parent, the context and the info, with no roles and no middleware (Warta
 * registers no global middleware), are called directly. Going through type-graphql's per-call parameter machinery
 * (container lookup, parameter list, middleware chain) cost more than most of them do themselves, and a nested list
 * calls them once per row. Resolvers with arguments, roles or a class-typed parent keep type-graphql's path.
 */
function callDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const instances = new Map<Function, Record<string, unknown>>();
  for (const fr of storage.fieldResolvers) {
    if (fr.kind !== 'external' || fr.roles || fr.middlewares?.length || !fr.params) continue;
    const params = [...fr.params].sort((a, b) => a.index - b.index);
    const plain = params.every((p) => (p.kind === 'context' || p.kind === 'info' || (p.kind === 'root' && (!p.getType || p.getType() === Object))) && !('propertyName' in p && p.propertyName));
    if (!plain) continue;
    const typeName = storage.objectTypes.find((o) => o.target === fr.getObjectType?.())?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!type || !isObjectType(type)) continue;
    const field = (type as GraphQLObjectType).getFields()[fr.schemaName];
    if (!field) continue;
    let instance = instances.get(fr.target);
    if (!instance) instances.set(fr.target, (instance = new (fr.target as new () => Record<string, unknown>)()));
    const method = instance[fr.methodName] as (...a: unknown[]) => unknown;
    const kinds = params.map((p) => p.kind).join(',');
    const self = instance;
    const direct: GraphQLFieldResolver<unknown, unknown> =
      kinds === 'root,context' ? (root, _a, ctx) => method.call(self, root, ctx)
        : kinds === 'root,context,info' ? (root, _a, ctx, info) => method.call(self, root, ctx, info)
          : kinds === 'root' ? (root) => method.call(self, root)
            : (root, _a, ctx, info) => method.apply(self, params.map((p) => (p.kind === 'root' ? root : p.kind === 'context' ? ctx : info)));
    field.resolve = direct;
  }
}

export function printWartaSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
