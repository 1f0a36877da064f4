/**
 * Counts of live events read from the tallies the database keeps (migration 1764460000000, docs/adr/0002-tallies.md)
 * instead of from the events, so that their cost follows the number of months, kinds and cities rather than of events.
 * Each answer is exactly the one the event filter (event-filter.ts) gives on the events themselves.
 */
import { Db } from '../db/database';
import type { EventKind } from '../entities/enums';
import type { Built } from './keyset';
import { eventConditions } from './event-filter';

export interface TallyFilter { from?: string; to?: string; place?: number; kind?: EventKind; organizer?: number }

/** What a count groups by: the start month, the kind, the city, or nothing. */
export type TallyGroup = 'month' | 'kind' | 'city' | 'none';

const lastDay = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate();

/**
 * Whether the tallies answer `f`: not for an organiser (the tallies have none), nor for a range that starts or ends
 * inside a month (their months cannot tell a day).
 */
export function tallied(f: TallyFilter): boolean {
  if (f.organizer != null) return false;
  if (f.from && f.from.slice(8, 10) !== '01') return false;
  if (f.to && Number(f.to.slice(8, 10)) !== lastDay(f.to)) return false;
  return true;
}

/** [first year, last year] when `f` is whole calendar years alone (from a 1 January to a 31 December, no other filter). */
export function wholeYears(f: TallyFilter): [string, string] | null {
  if (!f.from || !f.to || f.kind || f.place != null || f.organizer != null) return null;
  const y1 = /^(\d{4})-01-01$/.exec(f.from)?.[1], y2 = /^(\d{4})-12-31$/.exec(f.to)?.[1];
  return y1 && y2 && y1 <= y2 ? [y1, y2] : null;
}

export class EventTallies {
  constructor(private db: Db) {}

  /**
   * Rows (start_month, end_month, kind, city_id, n) whose sum over any grouping is the live events matching `f` (which
   * `tallied` accepts). A range from the first of month F to the last of month T matches exactly the events that end in
   * F or later and start in T or earlier. The tallies know an event's city, not its venue: events held at `place` as
   * their venue whose city is not within it are read from the events (by the venue index) and added.
   */
  async source(f: TallyFilter, group: TallyGroup): Promise<Built> {
    // Unfiltered: the one-dimension roll-up of the grouping (a count of all events sums the kinds).
    if (!f.from && !f.to && !f.kind && f.place == null) {
      const [table, cols] = group === 'month' ? ['event_tally_month', 't.start_month, t.n'] : group === 'city' ? ['event_tally_city', 't.city_id, t.n'] : ['event_tally_kind', 't.kind, t.n'];
      return { where: [`SELECT ${cols} FROM ${table} t`], params: [] };
    }
    // Cities over whole years: the per-year tally (migration 1764550000000), the years' rows and those of events
    // running into them from earlier years.
    const years = group === 'city' ? wholeYears(f) : null;
    if (years) {
      return { where: [`SELECT t.city_id, t.n FROM event_tally_year_city t WHERE t.start_year >= ? AND t.start_year <= ? AND t.end_year >= ?
        UNION ALL SELECT t.city_id, t.n FROM event_tally_year_city t WHERE t.start_year <> t.end_year AND t.end_year >= ? AND t.start_year < ? AND t.start_year <> ''`],
      params: [years[0], years[1], years[0], years[0], years[0]] };
    }
    const needCity = f.place != null || group === 'city';
    const needMonths = !!f.from || !!f.to || group === 'month';
    const table = needCity && needMonths ? 'event_tally' : needCity ? 'event_tally_kind_city' : 'event_tally_month_kind';
    const cols = needCity && needMonths ? 't.start_month, t.end_month, t.kind, t.city_id, t.n' : needCity ? 't.kind, t.city_id, t.n' : 't.start_month, t.end_month, t.kind, t.n';
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.from) { where.push('t.end_month >= ?'); params.push(f.from.slice(0, 7)); }
    if (f.to) { where.push("t.start_month <= ? AND t.start_month <> ''"); params.push(f.to.slice(0, 7)); }
    // Both dates with cities: also bounded below by the earliest start month of the (kind's) events still running at
    // `from`, so that a city's rows are read over the range's months (idx_event_tally_city_month), not all before `to`.
    if (f.from && f.to && needCity) {
      where.push('t.start_month >= ?');
      params.push((await this.earliestStartMonth(f.from, f.kind)) ?? f.from.slice(0, 7));
    }
    if (f.kind) { where.push('t.kind = ?'); params.push(f.kind); }
    if (f.place != null) { where.push('(t.city_id = ? OR t.city_id IN (SELECT id FROM place WHERE parent_id = ?))'); params.push(f.place, f.place); }
    let sql = `SELECT ${cols} FROM ${table} t${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    if (f.place != null) {
      const b: Built = { where: ['e.venue_id = ?', 'COALESCE(e.city_id, 0) <> ?', 'COALESCE(e.city_id, 0) NOT IN (SELECT id FROM place WHERE parent_id = ?)', 'e.merged_into_id IS NULL'],
        params: [f.place, f.place, f.place] };
      eventConditions({ from: f.from, to: f.to }, f.kind, b);
      const sm = `COALESCE(SUBSTR(CAST(e.start_date AS TEXT), 1, 7), '')`, em = `COALESCE(SUBSTR(CAST(COALESCE(e.end_date, e.start_date) AS TEXT), 1, 7), '')`;
      const ecols = needMonths ? `${sm}, ${em}, e.kind, COALESCE(e.city_id, 0), 1` : 'e.kind, COALESCE(e.city_id, 0), 1';
      sql += ` UNION ALL SELECT ${ecols} FROM event e WHERE ${b.where.join(' AND ')}`;
      params.push(...b.params);
    }
    return { where: [sql], params };
  }

  /**
   * The earliest start month among the tallied live events (of `kind`) that end in `from`'s month or later, or null:
   * no live event still running on or after `from` starts before it (a lower bound for reads of a range).
   */
  async earliestStartMonth(from: string, kind: EventKind | undefined): Promise<string | null> {
    const lo = await this.db.one<{ m: string | null }>(`SELECT MIN(start_month) AS m FROM event_tally_month_kind WHERE end_month >= ? AND start_month <> ''${kind ? ' AND kind = ?' : ''}`,
      [from.slice(0, 7), ...(kind ? [kind] : [])]);
    return lo?.m ?? null;
  }

  /** How many live events match `f`. */
  async count(f: TallyFilter): Promise<number> {
    const s = await this.source(f, 'none');
    return Number((await this.db.one<{ n: number }>(`SELECT COALESCE(SUM(u.n), 0) AS n FROM (${s.where[0]}) u`, s.params))?.n ?? 0);
  }
}
