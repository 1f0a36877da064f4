import { config } from '../config';
import type { EventFilter as ServiceEventFilter } from '../services/catalog.service';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { selectionOf } from '../graphql/selection';
import { articleColumns } from '../services/rows';
import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import type { Context } from '../graphql/context';
import { Page, pageArgs, toConnection } from '../graphql/connection';
import { badInput } from '../graphql/errors';
import { fromGlobalId } from '../graphql/ids';
import { ArticleFilter, dbId, EventFilter, InstitutionFilter, PersonFilter, PlaceFilter, SLUG_TABLE } from '../graphql/inputs';
import { Article, ArticleConnection, Event, EventConnection, Institution, InstitutionConnection, Node, Person, PersonConnection, Place, PlaceConnection } from '../graphql/types';
import type { ListResult } from '../services/catalog.service';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 100)' }) @IsOptional() @Min(0) @Max(config.pageSizeMax) first?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page' }) @IsOptional() @MaxLength(200) after?: string;
  @Field(() => Int, { nullable: true, description: 'Page size counted back from `before` (or from the end); not with first/after' }) @IsOptional() @Min(0) @Max(config.pageSizeMax) last?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the next page (paging backward)' }) @IsOptional() @MaxLength(200) before?: string;
}

type Table = 'article' | 'person' | 'institution' | 'place' | 'event';

/** The one-object lookups: by global id or by slug (exactly one of them). */
async function lookup<T>(ctx: Context, table: Table, type: 'Article' | 'Person' | 'Institution' | 'Place' | 'Event', id: string | undefined, slug: string | undefined,
  load: (n: number) => Promise<T | null>): Promise<T | null> {
  if ((id == null) === (slug == null)) throw badInput(id == null ? 'id' : 'slug', 'give exactly one of id and slug');
  const n = id != null ? await ctx.catalog.survivor(table, await dbId(ctx.catalog, id, 'id', type)) : await ctx.catalog.idBySlug(table, slug!);
  return n == null ? null : load(n);
}

/** GraphQL event filter (global ids) → service filter (database ids). */
export async function eventFilterIds(catalog: Context['catalog'], f: EventFilter | null | undefined): Promise<ServiceEventFilter> {
  return {
    from: f?.from, to: f?.to, kind: f?.kind, place: await dbId(catalog, f?.place, 'filter.place', 'Place'), organizer: await dbId(catalog, f?.organizer, 'filter.organizer', 'Institution'),
    participant: await dbId(catalog, f?.participant, 'filter.participant', 'Person'), role: f?.role, search: f?.search,
  };
}

export function connection<T>(r: ListResult<T>, page: Page) {
  return toConnection(r.rows, page, r.key, (x) => x, r.count);
}

@Resolver()
export class QueryResolver {
  @Query(() => Article, { nullable: true })
  article(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id?: string, @Arg('slug', () => String, { nullable: true }) slug?: string) {
    return lookup(ctx, 'article', 'Article', id, slug, (n) => ctx.loaders.article.load(n));
  }
  @Query(() => Person, { nullable: true, description: 'A person by id or slug; a merged id resolves to the survivor' })
  person(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id?: string, @Arg('slug', () => String, { nullable: true }) slug?: string) {
    return lookup(ctx, 'person', 'Person', id, slug, (n) => ctx.loaders.person.load(n));
  }
  @Query(() => Institution, { nullable: true, description: 'An institution by id or slug; a merged id resolves to the survivor' })
  institution(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id?: string, @Arg('slug', () => String, { nullable: true }) slug?: string) {
    return lookup(ctx, 'institution', 'Institution', id, slug, (n) => ctx.loaders.institution.load(n));
  }
  @Query(() => Place, { nullable: true })
  place(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id?: string, @Arg('slug', () => String, { nullable: true }) slug?: string) {
    return lookup(ctx, 'place', 'Place', id, slug, (n) => ctx.loaders.place.load(n));
  }
  @Query(() => Event, { nullable: true })
  event(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id?: string, @Arg('slug', () => String, { nullable: true }) slug?: string) {
    return lookup(ctx, 'event', 'Event', id, slug, (n) => ctx.loaders.event.load(n));
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global id' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<unknown> {
    const g = fromGlobalId(id);
    if (!g) throw badInput('id', 'is not a global id');
    const L = ctx.loaders;
    // A slug id (or a row id of a slugged type) is looked up, following merges; the answer carries the canonical id.
    const table = SLUG_TABLE[g.type];
    if (table) {
      const n = g.slug != null ? await ctx.catalog.idBySlug(table, g.slug) : await ctx.catalog.survivor(table, g.id);
      if (n == null) return null;
      switch (g.type) {
        case 'Article': return L.article.load(n);
        case 'Person': return L.person.load(n);
        case 'Institution': return L.institution.load(n);
        case 'Place': return L.place.load(n);
        default: return L.event.load(n);
      }
    }
    return ctx.catalog.nodeRow(g.type, g.id!);
  }

  @Query(() => ArticleConnection, { description: 'Articles, newest first' })
  async articles(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => ArticleFilter, { nullable: true }) f?: ArticleFilter,
    @Info() info?: GraphQLResolveInfo) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.articles({
      from: f?.from, to: f?.to, section: f?.section, outlet: f?.outlet, person: await dbId(ctx.catalog, f?.person, 'filter.person', 'Person'),
      institution: await dbId(ctx.catalog, f?.institution, 'filter.institution', 'Institution'), place: await dbId(ctx.catalog, f?.place, 'filter.place', 'Place'), event: await dbId(ctx.catalog, f?.event, 'filter.event', 'Event'),
    }, page, info ? articleColumns(selectionOf(info, 'edges', 'node')) : undefined);
    return connection(r, page);
  }

  @Query(() => EventConnection, { description: 'Events, latest first' })
  async events(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => EventFilter, { nullable: true }) f?: EventFilter) {
    const page = pageArgs(first, after, 2, last, before);
    return connection(await ctx.catalog.events(await eventFilterIds(ctx.catalog, f), page), page);
  }

  @Query(() => PersonConnection, { description: 'People, by name' })
  async persons(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => PersonFilter, { nullable: true }) f?: PersonFilter) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.persons({ name: f?.name, institution: await dbId(ctx.catalog, f?.institution, 'filter.institution', 'Institution'), title: f?.title, activeOn: f?.activeOn }, page);
    return connection(r, page);
  }

  @Query(() => InstitutionConnection, { description: 'Institutions, by name' })
  async institutions(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => InstitutionFilter, { nullable: true }) f?: InstitutionFilter) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.institutions({ name: f?.name, kind: f?.kind, parent: await dbId(ctx.catalog, f?.parent, 'filter.parent', 'Institution') }, page);
    return connection(r, page);
  }

  @Query(() => PlaceConnection, { description: 'Places, by name' })
  async places(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => PlaceFilter, { nullable: true }) f?: PlaceFilter) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.places({ name: f?.name, kind: f?.kind, parent: await dbId(ctx.catalog, f?.parent, 'filter.parent', 'Place') }, page);
    return connection(r, page);
  }
}
