/** GraphQL filters (global ids) → service filters (database ids), and the positions held on a date. */
import type { EventFilter as ServiceEventFilter } from '../services/catalog.service';
import type { AttendanceFilter as AttendanceFilterIds } from '../services/analytics.service';
import { AttendanceFilter, dbId, EventFilter } from './inputs';
import type { Position } from './types';

/** GraphQL event filter (global ids) → service filter (database ids). */
export function eventFilterIds(f: EventFilter | null | undefined): ServiceEventFilter {
  return {
    from: f?.from, to: f?.to, kind: f?.kind, place: dbId(f?.place, 'filter.place', 'Place'), organizer: dbId(f?.organizer, 'filter.organizer', 'Institution'),
    participant: dbId(f?.participant, 'filter.participant', 'Person'), role: f?.role, search: f?.search,
  };
}

/** GraphQL filter (global ids) → service filter (database ids). */
export function attendanceIds(f: AttendanceFilter | undefined | null): AttendanceFilterIds {
  if (!f) return {};
  return {
    person: dbId(f.person, 'filter.person', 'Person'), institution: dbId(f.institution, 'filter.institution', 'Institution'),
    event: dbId(f.event, 'filter.event', 'Event'), place: dbId(f.place, 'filter.place', 'Place'), organizer: dbId(f.organizer, 'filter.organizer', 'Institution'),
    eventKind: f.eventKind, role: f.role, from: f.from, to: f.to,
  };
}

/** Positions valid on a date: evidenced on or around it (from ≤ date ≤ to), or the latest before it. */
export function positionsAt(all: Position[], at: string): Position[] {
  return all.filter((p) => (p.validFrom == null || p.validFrom <= at) && (p.validTo == null || p.validTo >= at));
}
