import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { selectionOf } from '../selection';
import type { Context } from '../context';
import { EntityType, ReviewStatus } from '../enums';
import { Article, Event, Institution, Mention, Person, Place, Quote, RelatedTeaser, UnresolvedMention } from '../types';

@Resolver(() => Article)
export class ArticleResolver {
  @FieldResolver(() => String, { description: 'The body text; mention offsets refer to it' })
  async body(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return (await ctx.loaders.articleBody.load(a.dbId))?.body ?? ''; }

  @FieldResolver(() => [String])
  async paragraphs(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return ((await ctx.loaders.articleBody.load(a.dbId))?.body ?? '').split('\n'); }

  @FieldResolver(() => [RelatedTeaser], { description: 'Related-story teasers from the foot of the page (their entities are not mentions)' })
  async related(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return JSON.parse((await ctx.loaders.articleBody.load(a.dbId))?.related ?? '[]'); }

  @FieldResolver(() => [Person], { description: 'People mentioned (rejected mentions excluded), in order of first mention' })
  persons(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) { return ctx.loaders.personsByArticle(selectionOf(info)).load(a.dbId); }

  @FieldResolver(() => [Institution])
  institutions(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return ctx.loaders.institutionsByArticle.load(a.dbId); }

  @FieldResolver(() => [Place])
  places(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return ctx.loaders.placesByArticle.load(a.dbId); }

  @FieldResolver(() => [Event], { description: 'Events the article reports' })
  events(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) { return ctx.loaders.eventsByArticle(selectionOf(info)).load(a.dbId); }

  @FieldResolver(() => [Quote])
  quotes(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return ctx.loaders.quotesByArticle.load(a.dbId); }

  @FieldResolver(() => [UnresolvedMention], { description: 'Short names left unresolved because several people of the article fit' })
  unresolvedMentions(@Root() a: Readonly<Article>, @Ctx() ctx: Context) { return ctx.loaders.unresolvedByArticle.load(a.dbId); }

  @FieldResolver(() => [Mention])
  async mentions(@Root() a: Readonly<Article>, @Ctx() ctx: Context,
    @Arg('status', () => ReviewStatus, { nullable: true }) status?: ReviewStatus,
    @Arg('type', () => EntityType, { nullable: true }) type?: EntityType) {
    const all = await ctx.loaders.mentionsByArticle.load(a.dbId);
    return all.filter((m) => (!status || m.status === status) && (!type || m.entityType === type));
  }
}
