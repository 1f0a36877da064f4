import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { EntityType } from '../enums';
import { toKeyedId } from '../ids';
import { Article, Event, Institution, Mention, Person, Place, Quote } from '../types';

@Resolver(() => Mention)
export class MentionResolver {
  /** Built from the article's slug and the span (see KEY_TYPES), so the same data has the same id on every database. */
  @FieldResolver(() => ID)
  async id(@Root() m: Readonly<Mention>, @Ctx() ctx: Context) {
    return toKeyedId('Mention', m.dbId, [(await ctx.loaders.article.load(m.articleId))?.slug, m.entityType, `${m.start}-${m.end}`]);
  }
  @FieldResolver(() => Article)
  article(@Root() m: Readonly<Mention>, @Ctx() ctx: Context) { return ctx.loaders.article.load(m.articleId); }
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() m: Readonly<Mention>, @Ctx() ctx: Context) { return m.entityType === EntityType.PERSON ? ctx.loaders.person.load(m.entityId) : null; }
  @FieldResolver(() => Institution, { nullable: true })
  institution(@Root() m: Readonly<Mention>, @Ctx() ctx: Context) { return m.entityType === EntityType.INSTITUTION ? ctx.loaders.institution.load(m.entityId) : null; }
  @FieldResolver(() => Place, { nullable: true })
  place(@Root() m: Readonly<Mention>, @Ctx() ctx: Context) { return m.entityType === EntityType.PLACE ? ctx.loaders.place.load(m.entityId) : null; }
  @FieldResolver(() => Event, { nullable: true })
  event(@Root() m: Readonly<Mention>, @Ctx() ctx: Context) { return m.entityType === EntityType.EVENT ? ctx.loaders.event.load(m.entityId) : null; }
}

@Resolver(() => Quote)
export class QuoteResolver {
  /** Built from the article's slug and where the quote starts in it (see KEY_TYPES). */
  @FieldResolver(() => ID)
  async id(@Root() q: Readonly<Quote>, @Ctx() ctx: Context) {
    return toKeyedId('Quote', q.dbId, [(await ctx.loaders.article.load(q.articleId))?.slug, q.start]);
  }
  @FieldResolver(() => Person, { nullable: true, description: 'The speaker, when resolved to a person' })
  speaker(@Root() q: Readonly<Quote>, @Ctx() ctx: Context) { return q.personId == null ? null : ctx.loaders.person.load(q.personId); }
  @FieldResolver(() => Article)
  article(@Root() q: Readonly<Quote>, @Ctx() ctx: Context) { return ctx.loaders.article.load(q.articleId); }
}
