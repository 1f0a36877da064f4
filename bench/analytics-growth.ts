/**
 * Growth of the analysts' queries: each query of the analytics phase, the `stats` counts one by one, and the events
 * list's filtered `totalCount`, at a small and a large generated database (default 10,000 and 1,000,000 articles);
 * p50 of sequential requests to a Warta server process on each, alternating between the two, and the growth ratio.
 */
import { analystQueries, generatedSqlite } from './analytics';
import { alternatingP50 } from './growth';
import { Rec, rssMb, startWarta, stop } from './speed';

/** The `stats` counts one at a time (each one statement), and the filtered events count. */
const EXTRA: Array<[string, string, string, Record<string, unknown>]> = [
  ['stats_period', 'stats.eventsPerPeriod, no filter', '{ stats { eventsPerPeriod { period count } } }', {}],
  ['stats_kind', 'stats.eventsByKind, no filter', '{ stats { eventsByKind { kind count } } }', {}],
  ['stats_region', 'stats.eventsByRegion, both levels, no filter', '{ stats { eventsByRegion { count place { name } } r: eventsByRegion(level: REGENCY) { count } } }', {}],
  ['stats_organizer', 'stats.eventsByOrganizer, no filter', '{ stats { eventsByOrganizer { count institution { name } } } }', {}],
  ['stats_officials_events', 'stats.officialsByEvents, no filter', '{ stats { officialsByEvents { count person { name } } } }', {}],
  ['stats_officials_mentions', 'stats.officialsByMentions, no filter', '{ stats { officialsByMentions { count person { name } } } }', {}],
  ['stats_year', 'stats: every event count within one year', '{ stats(filter: { from: "2019-01-01", to: "2019-12-31" }) { eventsPerPeriod { period count } eventsByKind { kind count } eventsByRegion { count } eventsByOrganizer { count } officialsByEvents { count } } }', {}],
  ['events_kind_count', 'events(filter: { kind: RAKOR }) { totalCount }', '{ events(first: 1, filter: { kind: RAKOR }) { totalCount } }', {}],
];

export async function benchAnalyticsGrowth(root: string, sizes: [number, number], rec: Rec, log: (s: string) => void, rounds = 21): Promise<void> {
  const sides: Array<{ label: string; qs: Array<[string, string, string, Record<string, unknown>]>; w: Awaited<ReturnType<typeof startWarta>> }> = [];
  try {
    for (const n of sizes) {
      const db = await generatedSqlite(root, n, log);
      const file = db.ds.options.database as string;
      const qs = [...await analystQueries(db), ...EXTRA];
      await db.close();
      // Timings, not limits: the busiest official's co-attendance at 1M articles runs past the shipped 2 s deadline.
      sides.push({ label: n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`, qs, w: await startWarta(file, { WARTA_QUERY_DEADLINE_MS: '120000' }) });
    }
    const growth: Array<[string, number]> = [];
    for (let q = 0; q < sides[0].qs.length; q++) {
      const [name, what] = sides[0].qs[q];
      const p50 = await alternatingP50(name, sides.map((side) => ({ url: side.w.url, query: side.qs[q][2], variables: side.qs[q][3] })), rounds);
      sides.forEach((side, k) => rec(`agrowth_${name}_p50_ms_${side.label}`, p50[k], `${side.label} articles: ${what}, p50 of ${rounds}`, ' ms'));
      rec(`agrowth_${name}`, p50[1] / p50[0], `growth ${sides[0].label} → ${sides[1].label}: ${name} p50 ratio`);
      growth.push([name, p50[1] / p50[0]]);
      if (name === 'stats_all' && sides[1].label === '1m') rec('stats_ms_1m', p50[1], 'stats, every count unfiltered, at 1M articles, p50 (target ≤ 50 ms)', ' ms');
    }
    // Each server's resident memory once every analyst query has run on it (the bound: 300 MB at 1M).
    for (const side of sides) rec(`agrowth_rss_mb_${side.label}`, rssMb(side.w.proc.pid!), `server RSS at ${side.label} articles after the analyst queries`, ' MB');
    const worst = growth.reduce((a, b) => (b[1] > a[1] ? b : a));
    log(`  largest growth: ${worst[0]} ${worst[1].toFixed(2)}×`);
    rec('growth_analytics_max', worst[1], `largest analyst-query growth ${sides[0].label} → ${sides[1].label} (target ≤ 1.5)`);
  } finally {
    await Promise.all(sides.map((s) => stop(s.w)));
  }
}
