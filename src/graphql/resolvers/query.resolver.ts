import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { selectionOf } from '../selection';
import { articleColumns, eventColumns } from '../read/projection';
import { toArticle, toEvent, toInstitution, toNode, toPerson, toPlace } from '../read/rows';
import type { Context } from '../context';
import { connection, pageArgs } from '../connection';
import { eventFilterIds } from '../filters';
import { PageArgs } from '../page.args';
import { badInput } from '../errors';
import { fromGlobalId, keyParts } from '../ids';
import { dbId, SLUG_TABLE } from '../arguments';
import { ArticleFilter, EventFilter, InstitutionFilter, PersonFilter, PlaceFilter } from '../inputs';
import { Article, ArticleConnection, Event, EventConnection, Institution, InstitutionConnection, Node, Person, PersonConnection, Place, PlaceConnection } from '../types';


type Table = 'article' | 'person' | 'institution' | 'place' | 'event';

/** The one-object lookups: by global id or by slug (exactly one of them). */
async function lookup<T>(ctx: Context, table: Table, type: 'Article' | 'Person' | 'Institution' | 'Place' | 'Event', id: string | undefined, slug: string | undefined,
  load: (n: number) => Promise<T | null>): Promise<T | null> {
  if ((id == null) === (slug == null)) throw badInput(id == null ? 'id' : 'slug', 'give exactly one of id and slug');
  const n = id != null ? await ctx.catalog.survivor(table, await dbId(ctx.catalog, id, 'id', type)) : await ctx.catalog.idBySlug(table, slug!);
  return n == null ? null : load(n);
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
      const n = g.slug != null ? await ctx.catalog.idBySlug(table, g.slug) : await ctx.catalog.survivor(table, g.id!);
      if (n == null) return null;
      switch (g.type) {
        case 'Article': return L.article.load(n);
        case 'Person': return L.person.load(n);
        case 'Institution': return L.institution.load(n);
        case 'Place': return L.place.load(n);
        default: return L.event.load(n);
      }
    }
    // A natural-key id (see KEY_TYPES) names a row through the slugs of its records.
    const n = g.key != null ? await ctx.catalog.idByKey(g.type, keyParts(g.type, g.key)!) : g.id!;
    if (n == null) return null;
    if (g.type === 'PersonMerge') return L.personMergeById.load(n);
    const r = await ctx.catalog.nodeRow(g.type, n);
    return r && toNode(g.type, r);
  }

  @Query(() => ArticleConnection, { description: 'Articles, newest first' })
  async articles(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => ArticleFilter, { nullable: true }) f?: ArticleFilter,
    @Info() info?: GraphQLResolveInfo) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.articles({
      from: f?.from, to: f?.to, section: f?.section, outlet: f?.outlet, person: await dbId(ctx.catalog, f?.person, 'filter.person', 'Person'),
      institution: await dbId(ctx.catalog, f?.institution, 'filter.institution', 'Institution'), place: await dbId(ctx.catalog, f?.place, 'filter.place', 'Place'), event: await dbId(ctx.catalog, f?.event, 'filter.event', 'Event'),
    }, page, info ? articleColumns(selectionOf(info, 'edges', 'node')) : undefined);
    return connection(r, page, toArticle);
  }

  @Query(() => EventConnection, { description: 'Events, latest first' })
  async events(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => EventFilter, { nullable: true }) f?: EventFilter,
    @Info() info?: GraphQLResolveInfo) {
    const page = pageArgs(first, after, 2, last, before);
    return connection(await ctx.catalog.events(await eventFilterIds(ctx.catalog, f), page, info ? eventColumns(selectionOf(info, 'edges', 'node')) : undefined), page, toEvent);
  }

  @Query(() => PersonConnection, { description: 'People, by name' })
  async persons(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => PersonFilter, { nullable: true }) f?: PersonFilter) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.persons({ name: f?.name, institution: await dbId(ctx.catalog, f?.institution, 'filter.institution', 'Institution'), title: f?.title, activeOn: f?.activeOn }, page);
    return connection(r, page, toPerson);
  }

  @Query(() => InstitutionConnection, { description: 'Institutions, by name' })
  async institutions(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => InstitutionFilter, { nullable: true }) f?: InstitutionFilter) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.institutions({ name: f?.name, kind: f?.kind, parent: await dbId(ctx.catalog, f?.parent, 'filter.parent', 'Institution') }, page);
    return connection(r, page, toInstitution);
  }

  @Query(() => PlaceConnection, { description: 'Places, by name' })
  async places(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs, @Arg('filter', () => PlaceFilter, { nullable: true }) f?: PlaceFilter) {
    const page = pageArgs(first, after, 2, last, before);
    const r = await ctx.catalog.places({ name: f?.name, kind: f?.kind, parent: await dbId(ctx.catalog, f?.parent, 'filter.parent', 'Place') }, page);
    return connection(r, page, toPlace);
  }
}
