/**
 * Exports for spreadsheets and notebooks: attendance, events, people, institutions, mentions as CSV (csv-stringify:
 * UTF-8 with a byte-order mark, a header row, quoted fields) or JSON Lines. Rows are read in keyset pages and written
 * as they come, so memory stays flat whatever the size. Attendance and events come in date order (undated last), the
 * others in id order. Filters are the GraphQL ones, given as database ids.
 */
import { Readable, Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Db, Row } from '../db/database';
import { EventKind, ParticipationRole } from '../entities/enums';
import type { AttendanceFilter } from './analytics.service';
import { isCalendarDate, ISO_DATE } from '../text/dates';
import { AmbiguousName } from './catalog.service';
import { eventConditions } from './event-filter';

export type ExportName = 'attendance' | 'events' | 'people' | 'institutions' | 'mentions';
export const EXPORT_NAMES: ExportName[] = ['attendance', 'events', 'people', 'institutions', 'mentions'];
export type ExportFormat = 'csv' | 'jsonl';

/**
 * A text cell a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage return; titles
 * come from scraped sites) gets a leading apostrophe, as OWASP's CSV-injection advice says: shown as text, not run.
 */
export function formulaSafe(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export interface ExportFilter extends AttendanceFilter { kind?: EventKind }

const PAGE = 1000;

interface ExportDef {
  columns: string[];
  /** One keyset page after `after` (the previous page's last row, null for the first page): pages never overlap or skip. */
  page(db: Db, f: ExportFilter, after: Row | null, size: number): Promise<Row[]>;
}

/** Undated events sort after dated ones in date-ordered exports. */
const SORT_DATE = "COALESCE(e.start_date, '9999-12-31')";
/** The sort date as the row carries it (PostgreSQL may give a Date, SQLite a string). */
const sortDate = (v: unknown) => (v == null ? '9999-12-31' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** `after` by id alone (exports in id order). */
function afterId(w: string[], p: unknown[], col: string, after: Row | null): void {
  w.push(`${col} > ?`);
  p.push(after ? Number(after.id) : 0);
}

/** Event-side filters shared by attendance and events exports: the event filter (event-filter.ts), and one event. */
function eventWhere(f: ExportFilter, w: string[], p: unknown[]): void {
  eventConditions(f, f.eventKind ?? f.kind, { where: w, params: p });
  if (f.event != null) { w.push('e.id = ?'); p.push(f.event); }
}

const DEFS: Record<ExportName, ExportDef> = {
  attendance: {
    columns: ['id', 'date', 'end_date', 'event', 'event_slug', 'event_kind', 'role', 'person', 'person_slug', 'institution', 'institution_slug', 'evidence_article', 'evidence_url'],
    // In date order (undated events last), each event's rows together, in the order they were recorded.
    page(db, f, after, size) {
      const w = ['e.merged_into_id IS NULL'];
      const p: unknown[] = [];
      if (after) { w.push(`(${SORT_DATE}, e.id, pa.id) > (?, ?, ?)`); p.push(sortDate(after.date), Number(after.event_id), Number(after.id)); }
      if (f.person != null) { w.push('pa.person_id = ?'); p.push(f.person); }
      if (f.institution != null) { w.push('(pa.institution_id = ? OR EXISTS (SELECT 1 FROM position po WHERE po.person_id = pa.person_id AND po.institution_id = ?))'); p.push(f.institution, f.institution); }
      if (f.role) { w.push('pa.role = ?'); p.push(f.role as ParticipationRole); }
      eventWhere(f, w, p);
      return db.queryPage(`SELECT pa.id, e.id AS event_id, e.start_date AS date, e.end_date, e.name AS event, e.slug AS event_slug, e.kind AS event_kind, pa.role,
        p.name AS person, p.slug AS person_slug, i.name AS institution, i.slug AS institution_slug, a.title AS evidence_article, a.source_url AS evidence_url
        FROM participation pa JOIN event e ON e.id = pa.event_id LEFT JOIN person p ON p.id = pa.person_id LEFT JOIN institution i ON i.id = pa.institution_id
        LEFT JOIN article a ON a.id = pa.evidence_article_id WHERE ${w.join(' AND ')} ORDER BY ${SORT_DATE}, e.id, pa.id LIMIT ?`, [...p, size]);
    },
  },
  events: {
    columns: ['id', 'slug', 'name', 'short_name', 'kind', 'start_date', 'end_date', 'venue', 'city', 'participant_count', 'organizers', 'organizer_slugs', 'articles'],
    // In date order (undated last); organisers by name, with their slugs (what filters and GraphQL lookups take).
    async page(db, f, after, size) {
      const w = ['e.merged_into_id IS NULL'];
      const p: unknown[] = [];
      if (after) { w.push(`(${SORT_DATE}, e.id) > (?, ?)`); p.push(sortDate(after.start_date), Number(after.id)); }
      eventWhere(f, w, p);
      if (f.person != null) { w.push('EXISTS (SELECT 1 FROM participation pa WHERE pa.event_id = e.id AND pa.person_id = ?)'); p.push(f.person); }
      const rows = await db.queryPage(`SELECT e.id, e.slug, e.name, e.short_name, e.kind, e.start_date, e.end_date, v.name AS venue, c.name AS city, e.participant_count,
        (SELECT COUNT(*) FROM article_event ae WHERE ae.event_id = e.id) AS articles
        FROM event e LEFT JOIN place v ON v.id = e.venue_id LEFT JOIN place c ON c.id = e.city_id WHERE ${w.join(' AND ')} ORDER BY ${SORT_DATE}, e.id LIMIT ?`, [...p, size]);
      if (!rows.length) return rows;
      const orgs = await db.queryPage(`SELECT eo.event_id, i.name, i.slug FROM event_organizer eo JOIN institution i ON i.id = eo.institution_id
        WHERE eo.event_id IN (${rows.map(() => '?').join(', ')}) ORDER BY i.name, i.id`, rows.map((r) => r.id));
      const by = new Map<number, Row[]>();
      for (const o of orgs) { const k = Number(o.event_id); if (!by.has(k)) by.set(k, []); by.get(k)!.push(o); }
      for (const r of rows) {
        const list = by.get(Number(r.id)) ?? [];
        r.organizers = list.map((o) => o.name).join('; ');
        r.organizer_slugs = list.map((o) => o.slug).join('; ');
      }
      return rows;
    },
  },
  people: {
    columns: ['id', 'slug', 'name', 'aliases', 'latest_title', 'latest_institution', 'events', 'mentions'],
    page(db, f, after, size) {
      const w = ['p.merged_into_id IS NULL'];
      const params: unknown[] = [];
      afterId(w, params, 'p.id', after);
      if (f.institution != null) { w.push('EXISTS (SELECT 1 FROM position po WHERE po.person_id = p.id AND po.institution_id = ?)'); params.push(f.institution); }
      if (f.person != null) { w.push('p.id = ?'); params.push(f.person); }
      return db.queryPage(`SELECT p.id, p.slug, p.name, p.aliases,
        (SELECT po.title FROM position po WHERE po.person_id = p.id ORDER BY po.valid_to DESC, po.id DESC LIMIT 1) AS latest_title,
        (SELECT i.name FROM position po JOIN institution i ON i.id = po.institution_id WHERE po.person_id = p.id ORDER BY po.valid_to DESC, po.id DESC LIMIT 1) AS latest_institution,
        (SELECT COUNT(DISTINCT pa.event_id) FROM participation pa WHERE pa.person_id = p.id) AS events,
        (SELECT COUNT(*) FROM mention m WHERE m.entity_type = 'PERSON' AND m.entity_id = p.id AND m.status <> 'REJECTED') AS mentions
        FROM person p WHERE ${w.join(' AND ')} ORDER BY p.id LIMIT ?`, [...params, size]);
    },
  },
  institutions: {
    columns: ['id', 'slug', 'name', 'acronym', 'kind', 'parent', 'region_code', 'aliases', 'events_organised'],
    page(db, f, after, size) {
      const w = ['i.merged_into_id IS NULL'];
      const params: unknown[] = [];
      afterId(w, params, 'i.id', after);
      if (f.institution != null) { w.push('(i.id = ? OR i.parent_id = ?)'); params.push(f.institution, f.institution); }
      return db.queryPage(`SELECT i.id, i.slug, i.name, i.acronym, i.kind, pi.name AS parent, i.region_code, i.aliases,
        (SELECT COUNT(*) FROM event_organizer eo WHERE eo.institution_id = i.id) AS events_organised
        FROM institution i LEFT JOIN institution pi ON pi.id = i.parent_id WHERE ${w.join(' AND ')} ORDER BY i.id LIMIT ?`, [...params, size]);
    },
  },
  mentions: {
    columns: ['id', 'article', 'article_slug', 'published_on', 'entity_type', 'entity_id', 'text', 'start', 'end', 'confidence', 'status', 'extractor_version'],
    page(db, f, after, size) {
      const w: string[] = [];
      const params: unknown[] = [];
      afterId(w, params, 'm.id', after);
      if (f.person != null) { w.push("m.entity_type = 'PERSON' AND m.entity_id = ?"); params.push(f.person); }
      if (f.institution != null) { w.push("m.entity_type = 'INSTITUTION' AND m.entity_id = ?"); params.push(f.institution); }
      if (f.from) { w.push('a.published_on >= ?'); params.push(f.from); }
      if (f.to) { w.push('a.published_on <= ?'); params.push(f.to); }
      return db.queryPage(`SELECT m.id, a.title AS article, a.slug AS article_slug, a.published_on, m.entity_type, m.entity_id, m.text, m.start, m."end",
        m.confidence, m.status, m.extractor_version FROM mention m JOIN article a ON a.id = m.article_id WHERE ${w.join(' AND ')} ORDER BY m.id LIMIT ?`, [...params, size]);
    },
  },
};

/** A JSON list column as one readable cell ("Kemendagri; Kemendagri RI"). */
function listCell(v: unknown): string {
  try { return [...new Set(JSON.parse(String(v ?? '[]')) as string[])].join('; '); } catch { return String(v ?? ''); }
}

/** The rows of an export, page by page. */
export async function* exportRows(db: Db, name: ExportName, f: ExportFilter, pageSize = PAGE): AsyncGenerator<Record<string, unknown>> {
  const def = DEFS[name];
  let after: Row | null = null;
  for (;;) {
    const rows: Row[] = await def.page(db, f, after, pageSize);
    for (const r of rows) yield Object.fromEntries(def.columns.map((c) => [c, c === 'aliases' ? listCell(r[c]) : r[c] ?? null]));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1];
  }
}

/** A byte stream of the export in the given format. */
export function exportStream(db: Db, name: ExportName, format: ExportFormat, f: ExportFilter): Readable {
  const rows = Readable.from(exportRows(db, name, f));
  const out: Transform = format === 'jsonl'
    ? new Transform({ writableObjectMode: true, transform(row, _enc, cb) { cb(null, `${JSON.stringify(row)}\n`); } })
    // A byte-order mark so that spreadsheet programs read UTF-8; every text field quoted; numbers as written.
    : stringify({ header: true, columns: DEFS[name].columns, bom: true, quoted_string: true, cast: { string: formulaSafe } });
  rows.on('error', (e) => out.destroy(e)); // a failed page ends the output with the error instead of a silent cut
  return rows.pipe(out);
}

export class ExportFilterError extends Error { constructor(readonly field: string, message: string) { super(`${field}: ${message}`); } }


/**
 * Filter values as a person types them (CLI options, URL parameters): global ids as in GraphQL, or slugs.
 * Unknown parameters, bad dates and enum values are errors naming the parameter.
 */
export async function resolveExportFilter(raw: Record<string, unknown>,
  lookup: (table: 'person' | 'institution' | 'event' | 'place', value: string) => Promise<number | null>): Promise<ExportFilter> {
  const f: ExportFilter = {};
  const allowed = new Set(['person', 'institution', 'event', 'place', 'organizer', 'role', 'kind', 'eventKind', 'from', 'to']);
  for (const [k, v] of Object.entries(raw)) {
    if (v == null || v === '') continue;
    if (!allowed.has(k)) throw new ExportFilterError(k, `is not a filter (filters: ${[...allowed].join(', ')})`);
    if (typeof v !== 'string' || v.length > 200) throw new ExportFilterError(k, 'must be one value of at most 200 characters');
    switch (k) {
      case 'person': case 'institution': case 'event': case 'place': case 'organizer': {
        const table = k === 'organizer' ? 'institution' : k;
        let id: number | null;
        try { id = await lookup(table, v); } catch (e) {
          if (e instanceof AmbiguousName) throw new ExportFilterError(k, `more than one ${table} is called "${v}"; did you mean ${e.candidates.join(', ')}?`);
          throw e;
        }
        if (id == null) throw new ExportFilterError(k, `no ${table} with this id or slug`);
        f[k] = id;
        break;
      }
      case 'role':
        if (!(v in ParticipationRole)) throw new ExportFilterError(k, `must be one of ${Object.keys(ParticipationRole).join(', ')}`);
        f.role = v as ParticipationRole;
        break;
      case 'kind': case 'eventKind':
        if (!(v in EventKind)) throw new ExportFilterError(k, `must be one of ${Object.keys(EventKind).join(', ')}`);
        f.eventKind = v as EventKind;
        break;
      default:
        if (!isCalendarDate(v)) throw new ExportFilterError(k, 'must be a calendar date YYYY-MM-DD');
        f[k as 'from' | 'to'] = v;
    }
  }
  return f;
}
