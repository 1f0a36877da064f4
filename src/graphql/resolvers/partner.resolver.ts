/**
 * API keys (admin) and embed analytics (a partner sees its own key's views; admins see any). Authorization is checked
 * on the root fields and again on the nested `ApiKeyInfo.views`, whatever path reaches it.
 */
import { ArrayMaxSize, IsIn, Matches, MaxLength, MinLength } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ApiRole, ROLE_RANK } from '../../entities/enums';
import { DateScalar } from '../scalars';
import type { Context } from '../context';
import { EmbedSurface } from '../enums';
import { badInput, forbidden } from '../errors';
import { checkDate } from '../arguments';
import { Event } from '../types';
import { roleAtLeast } from '../../services/api-key.service';

@ObjectType({ simpleResolvers: true, description: 'An API key as stored: never the key itself' })
export class ApiKeyInfo {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field(() => ApiRole) role: ApiRole;
  @Field({ description: 'The first characters of the key, to recognise it' }) prefix: string;
  @Field({ description: 'The opaque id a partner puts in embed URLs (?partner=…); not secret, not guessable' }) partnerId: string;
  @Field(() => [String], { description: 'Browser origins the key works from' }) origins: string[];
  @Field() revoked: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'Views of a partner surface on one day (counts only; no personal data is kept)' })
export class EmbedViewCount {
  @Field(() => DateScalar, { description: 'The day (UTC)' }) day: string;
  @Field(() => EmbedSurface) surface: EmbedSurface;
  @Field(() => Int, { description: 'The partner key (0: views without a partner id)' }) keyId: number;
  eventId: number | null;
  @Field(() => Int) views: number;
}

@ObjectType({ simpleResolvers: true })
export class CreatedApiKey {
  @Field({ description: 'The key: shown this once, stored only as a hash' }) key: string;
  @Field(() => ApiKeyInfo) info: ApiKeyInfo;
}

@ArgsType()
class ViewRange {
  @Field(() => DateScalar, { nullable: true }) from?: string;
  @Field(() => DateScalar, { nullable: true }) to?: string;
}

@ArgsType()
class NewKeyArgs {
  @Field() @MinLength(1) @MaxLength(100) name: string;
  @Field(() => ApiRole) @IsIn(Object.values(ApiRole)) role: ApiRole;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'origins must look like https://example.org' }) origins: string[];
}

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

