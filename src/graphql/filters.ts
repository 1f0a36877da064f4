/** GraphQL filters (global ids) → service filters (database ids), and the positions held on a date. */
import type { EventFilter as ServiceEventFilter } from '../services/catalog.service';
import type { AttendanceFilter as AttendanceFilterIds } from '../services/analytics.service';
import type { CatalogService } from '../services/catalog.service';
import { dbId } from './arguments';
import { AttendanceFilter, EventFilter } from './inputs';
import type { Position } from './types';

/** GraphQL event filter (global ids) → service filter (database ids). */
export async function eventFilterIds(catalog: CatalogService, f: EventFilter | null | undefined): Promise<ServiceEventFilter> {
  return {
    from: f?.from, to: f?.to, kind: f?.kind, place: await dbId(catalog, f?.place, 'filter.place', 'Place'), organizer: await dbId(catalog, f?.organizer, 'filter.organizer', 'Institution'),
    participant: await dbId(catalog, f?.participant, 'filter.participant', 'Person'), role: f?.role, search: f?.search,
  };
}

/** GraphQL filter (global ids) → service filter (database ids). */
export async function attendanceIds(catalog: CatalogService, f: AttendanceFilter | undefined | null): Promise<AttendanceFilterIds> {
  if (!f) return {};
  return {
    person: await dbId(catalog, f.person, 'filter.person', 'Person'), institution: await dbId(catalog, f.institution, 'filter.institution', 'Institution'),
    event: await dbId(catalog, f.event, 'filter.event', 'Event'), place: await dbId(catalog, f.place, 'filter.place', 'Place'), organizer: await dbId(catalog, f.organizer, 'filter.organizer', 'Institution'),
    eventKind: f.eventKind, role: f.role, from: f.from, to: f.to,
  };
}

/** Positions valid on a date: evidenced on or around it (from ≤ date ≤ to), or the latest before it. */
export function positionsAt(all: Position[], at: string): Position[] {
  return all.filter((p) => (p.validFrom == null || p.validFrom <= at) && (p.validTo == null || p.validTo >= at));
}
