/**
 * Analysts' queries: attendance, co-attendance and partners, timelines, stats. Thin: arguments → AnalyticsService or a
 * loader → result. Each list is a capped connection or bounded by `first`.
 */
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../scalars';
import type { Context } from '../context';
import { asNode, connection, offsetWindow, pageArgs, toConnection } from '../connection';
import { AttendanceOrder, RegionLevel, StatsPeriod } from '../enums';
import { checkDate, dbId } from '../arguments';
import { AttendanceFilter, StatsFilter } from '../inputs';
import { LIST_DEFAULT, listFirst, take, FirstArg } from '../lists';
import {
  Article, CoAttendee, CoAttendeeConnection, Event, EventReport, Institution, InstitutionCount, InstitutionPartner, InstitutionPartnerConnection, KindCount,
  Participation, ParticipationConnection, PeriodCount, Person, PersonCount, PlaceCount, Position, Quote, Stats, TimelineItem, TimelineItemConnection,
} from '../types';
import type { DateRange } from '../../services/analytics.service';
import { attendanceIds } from '../filters';
import { toInstitution, toParticipationWithDate, toPerson, toPlace } from '../read/rows';
import { PageArgs } from '../page.args';
import { TopArgs } from '../top.args';
import { badInput } from '../errors';
import { config } from '../../config';

/** Events by id (one batched statement), oldest first. */
async function eventsByDate(ctx: Context, ids: number[]): Promise<Event[]> {
  const events = (await ctx.loaders.event.loadMany(ids)).filter((e): e is Event => !!e && !(e instanceof Error));
  return events.sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.dbId - b.dbId);
}

function range(from: string | undefined, to: string | undefined): DateRange {
  return { from: checkDate(from, 'from'), to: checkDate(to, 'to') };
}

@Resolver()
export class AnalyticsQueryResolver {
  @Query(() => ParticipationConnection, { description: 'Who took part in what: one row per person or institution, role and event' })
  async attendance(@Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs,
    @Arg('filter', () => AttendanceFilter, { nullable: true }) filter?: AttendanceFilter,
    @Arg('orderBy', () => AttendanceOrder, { nullable: true, defaultValue: AttendanceOrder.DATE_ASC }) orderBy?: AttendanceOrder) {
    const page = pageArgs(first, after, 2, last, before);
    return connection(await ctx.analytics.attendance(await attendanceIds(ctx.catalog, filter), orderBy ?? AttendanceOrder.DATE_ASC, page), page, toParticipationWithDate);
  }

  @Query(() => Stats, { description: 'Counts over events, officials and institutions under one filter' })
  async stats(@Ctx() ctx: Context, @Arg('filter', () => StatsFilter, { nullable: true }) filter?: StatsFilter): Promise<Stats> {
    return {
      filter: {
        from: filter?.from, to: filter?.to, kind: filter?.kind,
        place: await dbId(ctx.catalog, filter?.place, 'filter.place', 'Place'), organizer: await dbId(ctx.catalog, filter?.organizer, 'filter.organizer', 'Institution'),
      },
    };
  }
}

const top = (n: number | undefined) => n ?? config.pageSizeDefault;

@Resolver(() => Stats)
export class StatsResolver {
  @FieldResolver(() => [PeriodCount], { description: 'Events per month or year (by start date)' })
  eventsPerPeriod(@Root() s: Readonly<Stats>, @Ctx() ctx: Context, @Arg('period', () => StatsPeriod, { defaultValue: StatsPeriod.MONTH }) period: StatsPeriod) {
    return ctx.analytics.eventsPerPeriod(s.filter, period);
  }

  @FieldResolver(() => [KindCount], { description: 'Events by kind, most first' })
  eventsByKind(@Root() s: Readonly<Stats>, @Ctx() ctx: Context) { return ctx.analytics.eventsByKind(s.filter); }

  @FieldResolver(() => [PlaceCount], { description: 'Events by the province or the regency/city of their city, most first' })
  async eventsByRegion(@Root() s: Readonly<Stats>, @Ctx() ctx: Context, @Args() { first }: TopArgs,
    @Arg('level', () => RegionLevel, { defaultValue: RegionLevel.PROVINCE }) level: RegionLevel) {
    return (await ctx.analytics.eventsByRegion(s.filter, level, top(first))).map((c) => ({ place: toPlace(c.place), count: c.count }));
  }

  @FieldResolver(() => [InstitutionCount], { description: 'Institutions ranked by the events they organised' })
  async eventsByOrganizer(@Root() s: Readonly<Stats>, @Ctx() ctx: Context, @Args() { first }: TopArgs) {
    return (await ctx.analytics.eventsByOrganizer(s.filter, top(first))).map((c) => ({ institution: toInstitution(c.institution), count: c.count }));
  }

  @FieldResolver(() => [PersonCount], { description: 'People ranked by the distinct events they took part in' })
  async officialsByEvents(@Root() s: Readonly<Stats>, @Ctx() ctx: Context, @Args() { first }: TopArgs) {
    return (await ctx.analytics.officialsByEvents(s.filter, top(first))).map((c) => ({ person: toPerson(c.person), count: c.count }));
  }

  @FieldResolver(() => [PersonCount], { description: 'People ranked by mentions in articles published in the date range' })
  async officialsByMentions(@Root() s: Readonly<Stats>, @Ctx() ctx: Context, @Args() { first }: TopArgs) {
    return (await ctx.analytics.officialsByMentions(s.filter, top(first))).map((c) => ({ person: toPerson(c.person), count: c.count }));
  }
}

@Resolver(() => CoAttendee)
export class CoAttendeeResolver {
  @FieldResolver(() => Person) person(@Root() c: Readonly<CoAttendee>, @Ctx() ctx: Context) { return ctx.loaders.person.load(c.personId); }
  @FieldResolver(() => [Event], { description: 'The shared events' })
  async events(@Root() c: Readonly<CoAttendee>, @Ctx() ctx: Context,
    @FirstArg(LIST_DEFAULT) first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return eventsByDate(ctx, take(await c.eventIds(n), n));
  }
}

@Resolver(() => InstitutionPartner)
export class InstitutionPartnerResolver {
  @FieldResolver(() => Institution) institution(@Root() c: Readonly<InstitutionPartner>, @Ctx() ctx: Context) { return ctx.loaders.institution.load(c.institutionId); }
  @FieldResolver(() => [Event], { description: 'The shared events' })
  async events(@Root() c: Readonly<InstitutionPartner>, @Ctx() ctx: Context,
    @FirstArg(LIST_DEFAULT) first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return eventsByDate(ctx, take(await c.eventIds(n), n));
  }
}

@Resolver(() => TimelineItem)
export class TimelineItemResolver {
  @FieldResolver(() => Position, { nullable: true }) position(@Root() t: Readonly<TimelineItem>, @Ctx() ctx: Context) { return t.kind === 'POSITION' ? ctx.loaders.positionById.load(t.ref) : null; }
  @FieldResolver(() => Participation, { nullable: true }) participation(@Root() t: Readonly<TimelineItem>, @Ctx() ctx: Context) { return t.kind === 'EVENT' ? ctx.loaders.participationById.load(t.ref) : null; }
  @FieldResolver(() => Quote, { nullable: true }) quote(@Root() t: Readonly<TimelineItem>, @Ctx() ctx: Context) { return t.kind === 'QUOTE' ? ctx.loaders.quoteById.load(t.ref) : null; }
  @FieldResolver(() => Article, { nullable: true }) article(@Root() t: Readonly<TimelineItem>, @Ctx() ctx: Context) { return t.kind === 'ARTICLE' ? ctx.loaders.article.load(t.ref) : null; }
}

@Resolver(() => EventReport)
export class EventReportResolver {
  @FieldResolver(() => Article) article(@Root() r: Readonly<EventReport>, @Ctx() ctx: Context) { return ctx.loaders.article.load(r.articleId); }
}

@Resolver(() => Person)
export class PersonAnalyticsResolver {
  @FieldResolver(() => CoAttendeeConnection, { description: 'People met at events, most shared events first (exact)' })
  async coAttendees(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    const page = pageArgs(first, after, 3, last, before);
    return connection(await ctx.analytics.coAttendees(p.dbId, range(from, to), page), page, asNode);
  }

  @FieldResolver(() => TimelineItemConnection, { description: 'Positions, events, quotes and articles in date order' })
  async timeline(@Root() p: Readonly<Person>, @Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    const page = pageArgs(first, after, 1, last, before);
    const count = () => ctx.analytics.personTimelineCount(p.dbId, range(from, to));
    const { offset, limit } = await offsetWindow(page, count);
    const r = await ctx.analytics.personTimeline(p.dbId, range(from, to), limit - 1, offset);
    const items = r.rows.map((x, i) => ({ ...x, pos: offset + i + 1 }));
    return toConnection(page.backward ? items.reverse() : items, page, (x) => [x.pos], (x) => x, r.count);
  }
}

@Resolver(() => Institution)
export class InstitutionAnalyticsResolver {
  @FieldResolver(() => InstitutionPartnerConnection, { description: 'Institutions in the same events, most shared events first (exact)' })
  async partners(@Root() i: Readonly<Institution>, @Ctx() ctx: Context, @Args() { first, after, last, before }: PageArgs,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    const page = pageArgs(first, after, 3, last, before);
    return connection(await ctx.analytics.partners(i.dbId, range(from, to), page), page, asNode);
  }
}

@Resolver(() => Event)
export class EventAnalyticsResolver {
  @FieldResolver(() => [EventReport], { description: 'The coverage as a story: first report, later reports, follow-ups' })
  async timeline(@Root() e: Readonly<Event>, @Ctx() ctx: Context,
    @FirstArg(LIST_DEFAULT, 'reports') first: number) {
    const n = listFirst(first, LIST_DEFAULT);
    return take(await ctx.analytics.eventTimeline(e.dbId), n);
  }
}
