import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { ARTICLE_LIST_DEFAULT, FEW_DEFAULT, listFirst, MENTIONS_DEFAULT, take, FirstArg } from '../lists';
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
  async persons(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @FirstArg(ARTICLE_LIST_DEFAULT) first: number) {
    const n = listFirst(first, ARTICLE_LIST_DEFAULT);
    return take(await ctx.loaders.personsByArticle(selectionOf(info)).load(a.dbId), n);
  }

  @FieldResolver(() => [Institution])
  async institutions(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @FirstArg(ARTICLE_LIST_DEFAULT) first: number) {
    const n = listFirst(first, ARTICLE_LIST_DEFAULT);
    return take(await ctx.loaders.institutionsByArticle.load(a.dbId), n);
  }

  @FieldResolver(() => [Place])
  async places(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @FirstArg(ARTICLE_LIST_DEFAULT) first: number) {
    const n = listFirst(first, ARTICLE_LIST_DEFAULT);
    return take(await ctx.loaders.placesByArticle.load(a.dbId), n);
  }

  @FieldResolver(() => [Event], { description: 'Events the article reports' })
  async events(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @FirstArg(FEW_DEFAULT) first: number) {
    const n = listFirst(first, FEW_DEFAULT);
    return take(await ctx.loaders.eventsByArticle(selectionOf(info)).load(a.dbId), n);
  }

  @FieldResolver(() => [Quote])
  async quotes(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @FirstArg(ARTICLE_LIST_DEFAULT) first: number) {
    const n = listFirst(first, ARTICLE_LIST_DEFAULT);
    return take(await ctx.loaders.quotesByArticle.load(a.dbId), n);
  }

  @FieldResolver(() => [UnresolvedMention], { description: 'Short names left unresolved because several people of the article fit' })
  async unresolvedMentions(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @FirstArg(ARTICLE_LIST_DEFAULT) first: number) {
    const n = listFirst(first, ARTICLE_LIST_DEFAULT);
    return take(await ctx.loaders.unresolvedByArticle.load(a.dbId), n);
  }

  @FieldResolver(() => [Mention])
  async mentions(@Root() a: Readonly<Article>, @Ctx() ctx: Context, @FirstArg(MENTIONS_DEFAULT) first: number,
    @Arg('status', () => ReviewStatus, { nullable: true }) status?: ReviewStatus,
    @Arg('type', () => EntityType, { nullable: true }) type?: EntityType) {
    const n = listFirst(first, MENTIONS_DEFAULT);
    const all = await ctx.loaders.mentionsByArticle.load(a.dbId);
    return take(all.filter((m) => (!status || m.status === status) && (!type || m.entityType === type)), n);
  }
}
