/** iCalendar: the filtered feed of events, and one event's entry (served from its page's .ics, see pages.ts). */
import express from 'express';
import ical from 'ical-generator';
import { config } from '../../config';
import { Db } from '../../db/database';
import type { PartnerDeps } from './deps';
import { EventView, listEvents } from './event-view';
import { addIcsEvent, icalText, IcsRevision } from './formats';
import { publicCache } from './headers';
import { baseUrl, listFilter, partnerOf, PartnerError } from './params';
import { filterKey } from './views';

const PRODID = { company: 'warta', product: 'warta', language: 'ID' } as const;

/** The right-hand side of calendar UIDs: the configured public host, or a fixed name (never the request's Host). */
export function uidDomain(): string {
  return config.publicUrl ? new URL(config.publicUrl).hostname : 'warta';
}

/** SEQUENCE and DTSTAMP inputs of each event (see IcsRevision), in one statement. */
async function icsRevisions(db: Db, ids: number[]): Promise<Map<number, IcsRevision>> {
  const out = new Map<number, IcsRevision>();
  if (!ids.length) return out;
  const rows = await db.query<{ id: number; revision: number; modifiedAt: string | null; createdAt: unknown; reports: number; reportedAt: unknown }>(
    `SELECT e.id, e.revision, e.modified_at AS "modifiedAt", e.created_at AS "createdAt",
       (SELECT COUNT(*) FROM article_event ae WHERE ae.event_id = e.id) AS reports,
       (SELECT MAX(a.created_at) FROM article_event ae JOIN article a ON a.id = ae.article_id WHERE ae.event_id = e.id) AS "reportedAt"
     FROM event e WHERE e.id IN (${ids.map(() => '?').join(', ')})`, ids);
  // SQLite keeps timestamps as 'YYYY-MM-DD HH:MM:SS' (UTC); pg gives Dates.
  const time = (v: unknown) => (v == null ? 0 : v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(' ', 'T')}${/[zZ+]|T.*-/.test(String(v)) ? '' : 'Z'}`));
  for (const r of rows) {
    const modified = Math.max(time(r.createdAt), time(r.modifiedAt), time(r.reportedAt));
    out.set(Number(r.id), { sequence: Number(r.revision) + Math.max(0, Number(r.reports) - 1), modified: new Date(Math.floor(modified / 1000) * 1000) });
  }
  return out;
}

/** GET /feeds/events.ics: the filtered list as a calendar. */
export function feedRoute({ db, catalog, keys, stats, views }: PartnerDeps) {
  return async (req: express.Request, res: express.Response) => {
    const p = await partnerOf(keys, req);
    const base = baseUrl(req);
    // The calendar's text is kept whole: a feed is polled by every subscriber's client, and writing out up to 100
    // events costs more than reading them.
    const key = `feed|${base}|${filterKey(req)}`;
    const kept = await views.get(key, async () => {
      const f = await listFilter(catalog, req);
      // Undated events are left out: a calendar entry needs a DTSTART.
      const events = (await listEvents(db, catalog, f, 100)).filter((e) => e.startDate);
      const cal = ical({ name: icalText('Warta: kegiatan pemerintahan'), prodId: PRODID });
      const revs = await icsRevisions(db, events.map((e) => e.id));
      for (const e of events) addIcsEvent(cal, e, base, uidDomain(), revs.get(e.id)!);
      // An object: the view whose bytes and ETag are kept beside it (views.send).
      return { ics: cal.toString() };
    }, res);
    publicCache(res);
    stats.view(p.keyId, null, 'FEED', req.ip ?? null);
    res.set('Content-Disposition', 'inline; filename="warta-events.ics"');
    views.send(req, res, 'text/calendar; charset=utf-8', { key, view: kept, variant: 'ics' }, () => kept.ics);
  };
}

/** One event's calendar (GET /events/:slug.ics). */
export async function sendEventIcs({ db, stats }: PartnerDeps, req: express.Request, res: express.Response, e: EventView, keyId: number, base: string): Promise<void> {
  // A calendar must hold a component (RFC 5545 3.6): an undated event has no entry, and says so.
  if (!e.startDate) throw new PartnerError(404, 'this event has no date yet, so it has no calendar entry; its page is /events/' + e.slug);
  const cal = ical({ name: icalText(e.name), prodId: PRODID });
  addIcsEvent(cal, e, base, uidDomain(), (await icsRevisions(db, [e.id])).get(e.id)!);
  stats.view(keyId, e.id, 'EVENT_ICS', req.ip ?? null);
  res.set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `inline; filename="${e.slug}.ics"` }).send(cal.toString());
}
