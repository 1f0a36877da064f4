/**
 * API keys (admin) and embed analytics (a partner sees its own key's views; admins see any). Authorization is checked
 * on the root fields and again on the nested `ApiKeyInfo.views`, whatever path reaches it.
 */
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiRole, ROLE_RANK } from '../../entities/enums';
import type { Context } from '../context';
import { badInput, forbidden } from '../errors';
import { checkDate } from '../arguments';
import { ApiKeyInfo, CreatedApiKey, EmbedViewCount, Event } from '../types';
import { NewKeyArgs } from '../new-key.args';
import { ViewRange } from '../view-range.args';
import { roleAtLeast } from '../../services/api-key.service';

function canSeeKey(ctx: Context, keyId: number): boolean {
  return ctx.auth.keyId === keyId || roleAtLeast(ctx.auth.role, ApiRole.ADMIN);
}

@Resolver(() => ApiKeyInfo)
export class PartnerResolver {
  @Authorized(ApiRole.ADMIN)
  @Query(() => [ApiKeyInfo], { description: 'Every API key (admin)' })
  apiKeys(@Ctx() ctx: Context) { return ctx.keys.list(); }

  @Authorized()
  @Query(() => ApiKeyInfo, { nullable: true, description: 'The key making this request' })
  myApiKey(@Ctx() ctx: Context) { return ctx.auth.keyId == null ? null : ctx.keys.byId(ctx.auth.keyId); }

  @Authorized(ApiRole.PARTNER)
  @Query(() => [EmbedViewCount], { description: 'Views of cards, lists and feeds per day: your own key\'s, or (admin) any key\'s' })
  embedViews(@Ctx() ctx: Context, @Args() { from, to }: ViewRange, @Arg('keyId', () => Int, { nullable: true }) keyId?: number) {
    const own = ctx.auth.keyId!;
    if (keyId != null && keyId !== own && !roleAtLeast(ctx.auth.role, ApiRole.ADMIN)) throw forbidden('only admins may read another key\'s views');
    return ctx.embedStats.counts({ keyId: keyId ?? (roleAtLeast(ctx.auth.role, ApiRole.ADMIN) ? undefined : own), from: checkDate(from, 'from'), to: checkDate(to, 'to') });
  }

  @FieldResolver(() => [EmbedViewCount], { description: 'This key\'s embed views (the key itself or an admin)' })
  views(@Root() k: Readonly<ApiKeyInfo>, @Ctx() ctx: Context, @Args() { from, to }: ViewRange) {
    if (!canSeeKey(ctx, k.id)) throw forbidden('only this key or an admin may read its views');
    return ctx.embedStats.counts({ keyId: k.id, from: checkDate(from, 'from'), to: checkDate(to, 'to') });
  }

  @Authorized(ApiRole.ADMIN)
  @Mutation(() => CreatedApiKey, { description: 'Create an API key (admin); the key is in the answer once' })
  async createApiKey(@Ctx() ctx: Context, @Args() { name, role, origins }: NewKeyArgs) {
    if (ROLE_RANK[role] === undefined) throw badInput('role', 'unknown role');
    const r = await ctx.keys.create(name, role, origins);
    return { key: r.key, info: r.record };
  }

  @Authorized(ApiRole.ADMIN)
  @Mutation(() => Boolean, { description: 'Revoke an API key (admin)' })
  revokeApiKey(@Ctx() ctx: Context, @Arg('id', () => Int) id: number) { return ctx.keys.revoke(id); }
}

@Resolver(() => Event)
export class EventEmbedViewsResolver {
  @Authorized(ApiRole.PARTNER)
  @FieldResolver(() => [EmbedViewCount], { nullable: true, description: 'Views of this event\'s card and calendar entry: your own key\'s, or (admin) every key\'s (null, with an error, for other callers)' })
  embedViews(@Root() e: Readonly<Event>, @Ctx() ctx: Context, @Args() { from, to }: ViewRange) {
    const admin = roleAtLeast(ctx.auth.role, ApiRole.ADMIN);
    return ctx.embedStats.counts({ eventId: e.dbId, keyId: admin ? undefined : ctx.auth.keyId!, from: checkDate(from, 'from'), to: checkDate(to, 'to') });
  }
}

@Resolver(() => EmbedViewCount)
export class EmbedViewCountResolver {
  @FieldResolver(() => Event, { nullable: true, description: 'The event, for cards and single-event feeds' })
  event(@Root() v: Readonly<EmbedViewCount>, @Ctx() ctx: Context) { return v.eventId == null ? null : ctx.loaders.event.load(v.eventId); }
}

