import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LIST_DEFAULT, listFirst, take, FirstArg } from '../lists';
import { DateScalar } from '../scalars';
import type { Context } from '../context';
import { connection, pageArgs } from '../connection';
import { toEvent } from '../read/rows';
import { ParticipationRole } from '../enums';
import { checkDate } from '../arguments';
import { EventFilter } from '../inputs';
import { EventConnection, Institution, Position } from '../types';
import { eventFilterIds, positionsAt } from '../filters';
import { PageArgs } from '../page.args';

@Resolver(() => Institution)
export class InstitutionResolver {
  @FieldResolver(() => [String], { description: 'Acronyms and other written forms' })
  aliases(@Root() i: Readonly<Institution>) { return i.aliasesJson ? JSON.parse(i.aliasesJson) : []; }

  @FieldResolver(() => Institution, { nullable: true })
  parent(@Root() i: Readonly<Institution>, @Ctx() ctx: Context) { return i.parentId == null ? null : ctx.loaders.institution.load(i.parentId); }

  @FieldResolver(() => [Institution], { description: 'Units under this institution (bureaus, offices …)' })
  async children(@Root() i: Readonly<Institution>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return take(await ctx.loaders.childrenByInstitution.load(i.dbId), n);
  }

  @FieldResolver(() => [Position], { description: 'Positions held here, oldest first; `at` keeps those held on that date' })
  async officials(@Root() i: Readonly<Institution>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number, @Arg('at', () => DateScalar, { nullable: true }) at?: string) {
    const n = listFirst(first, LIST_DEFAULT);
    const d = checkDate(at, 'at');
    const all = await ctx.loaders.officialsByInstitution.load(i.dbId);
    return take(d ? positionsAt(all, d) : all, n);
  }

  @FieldResolver(() => EventConnection, { description: 'Events it organised (role ORGANIZER) or took part in, latest first; `filter` as on Query.events' })
  async events(@Root() i: Readonly<Institution>, @Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('role', () => ParticipationRole, { nullable: true }) role?: ParticipationRole,
    @Arg('filter', () => EventFilter, { nullable: true }) filter?: EventFilter) {
    const page = pageArgs(first, after, 2, last, before);
    if (filter) return connection(await ctx.catalog.events({ ...(await eventFilterIds(ctx.catalog, filter)), institution: i.dbId, institutionRole: role ?? null }, page), page, toEvent);
    return connection(await ctx.catalog.eventsOfInstitution(i.dbId, role ?? null, page), page, toEvent);
  }
}
