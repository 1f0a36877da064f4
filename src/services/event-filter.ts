/**
 * The one builder of the event filter: the conditions on events `e` that every list of events, or of what happened at
 * them, filters by (catalog's events, analytics' attendance and stats, the attendance and events exports).
 */
import type { EventKind } from '../entities/enums';
import type { Built } from './keyset';

export interface EventConditions { from?: string; to?: string; place?: number; organizer?: number }

/**
 * WHERE parts on `e`: events still running on or after `from`, starting on or before `to`, of `kind`, at `place` (the
 * venue, the city, or a province containing the city), organised by `organizer`. Appended to `b` in that order.
 */
export function eventConditions(f: EventConditions, kind: EventKind | undefined, b: Built): void {
  if (f.from) { b.where.push('COALESCE(e.end_date, e.start_date) >= ?'); b.params.push(f.from); }
  if (f.to) { b.where.push('e.start_date <= ?'); b.params.push(f.to); }
  if (kind) { b.where.push('e.kind = ?'); b.params.push(kind); }
  if (f.place != null) {
    b.where.push('(e.venue_id = ? OR e.city_id = ? OR e.city_id IN (SELECT id FROM place WHERE parent_id = ?))');
    b.params.push(f.place, f.place, f.place);
  }
  if (f.organizer != null) { b.where.push('EXISTS (SELECT 1 FROM event_organizer eo WHERE eo.event_id = e.id AND eo.institution_id = ?)'); b.params.push(f.organizer); }
}
