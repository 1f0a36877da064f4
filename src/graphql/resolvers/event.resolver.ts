import type { GraphQLResolveInfo } from 'graphql';
import { DateScalar } from '../scalars';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Resolver, Root } from 'type-graphql';
import { toKeyedId } from '../ids';
import { FEW_DEFAULT, LIST_DEFAULT, listFirst, take, FirstArg } from '../lists';
import { selectionOf } from '../selection';
import type { Context } from '../context';
import { ParticipationRole } from '../enums';
import { Article, Event, Institution, Participation, Person, Place } from '../types';

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => [String])
  aliases(@Root() e: Readonly<Event>) { return e.aliasesJson ? JSON.parse(e.aliasesJson) : []; }

  @FieldResolver(() => Place, { nullable: true })
  venue(@Root() e: Readonly<Event>, @Ctx() ctx: Context) { return e.venue !== undefined ? e.venue : e.venueId == null ? null : ctx.loaders.place.load(e.venueId); }

  @FieldResolver(() => Place, { nullable: true })
  city(@Root() e: Readonly<Event>, @Ctx() ctx: Context) { return e.city !== undefined ? e.city : e.cityId == null ? null : ctx.loaders.place.load(e.cityId); }

  @FieldResolver(() => [Institution])
  async organizers(@Root() e: Readonly<Event>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @FirstArg(FEW_DEFAULT) first: number) {
    const n = listFirst(first, FEW_DEFAULT);
    return take(e.organizers ?? await ctx.loaders.organizersByEvent(selectionOf(info)).load(e.dbId), n);
  }

  @FieldResolver(() => [Participation], { description: 'Who took part, openers and speakers first' })
  async participants(@Root() e: Readonly<Event>, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo, @FirstArg(LIST_DEFAULT) first: number,
    @Arg('role', () => ParticipationRole, { nullable: true }) role?: ParticipationRole) {
    const n = listFirst(first, LIST_DEFAULT);
    const all = await ctx.loaders.participantsByEvent(selectionOf(info)).load(e.dbId);
    return take(role ? all.filter((p) => p.role === role) : all, n);
  }

  @FieldResolver(() => [Article], { description: 'The articles that report the event, oldest first' })
  async coverage(@Root() e: Readonly<Event>, @Ctx() ctx: Context, @FirstArg(LIST_DEFAULT) first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return take(await ctx.loaders.coverageByEvent.load(e.dbId), n);
  }

  @FieldResolver(() => Article, { nullable: true, description: 'The article that reports the participant count' })
  participantCountSource(@Root() e: Readonly<Event>, @Ctx() ctx: Context) { return e.participantCountArticleId == null ? null : ctx.loaders.article.load(e.participantCountArticleId); }
}

@Resolver(() => Participation)
export class ParticipationResolver {
  /** Built from the event's slug, the role and the party's slug (see KEY_TYPES): uq_participation's key, without row ids. */
  @FieldResolver(() => ID)
  async id(@Root() p: Readonly<Participation>, @Ctx() ctx: Context) {
    const [event, party] = await Promise.all([ctx.loaders.event.load(p.eventId),
      p.personId != null ? (p.person ?? ctx.loaders.person.load(p.personId)) : p.institutionId != null ? ctx.loaders.institution.load(p.institutionId) : null]);
    return toKeyedId('Participation', p.dbId, [event?.slug, p.role, p.personId != null ? 'person' : 'institution', party?.slug]);
  }
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() p: Readonly<Participation>, @Ctx() ctx: Context) { return p.person !== undefined ? p.person : p.personId == null ? null : ctx.loaders.person.load(p.personId); }
  @FieldResolver(() => Institution, { nullable: true })
  institution(@Root() p: Readonly<Participation>, @Ctx() ctx: Context) { return p.institutionId == null ? null : ctx.loaders.institution.load(p.institutionId); }
  @FieldResolver(() => Event)
  event(@Root() p: Readonly<Participation>, @Ctx() ctx: Context) { return ctx.loaders.event.load(p.eventId); }
  @FieldResolver(() => Article, { nullable: true })
  evidence(@Root() p: Readonly<Participation>, @Ctx() ctx: Context) { return p.evidenceArticleId == null ? null : ctx.loaders.article.load(p.evidenceArticleId); }
  @FieldResolver(() => DateScalar, { nullable: true, description: "The event's start date" })
  async date(@Root() p: Readonly<Participation>, @Ctx() ctx: Context) { return p.date !== undefined ? p.date : (await ctx.loaders.event.load(p.eventId))?.startDate ?? null; }
}
