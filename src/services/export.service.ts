/**
 * Exports for spreadsheets and notebooks: attendance, events, people, institutions, mentions as CSV (csv-stringify:
 * UTF-8 with a byte-order mark, a header row, quoted fields) or JSON Lines. Rows are read in keyset pages and written
 * as they come, so memory stays flat whatever the size. Attendance and events come in date order (undated last), the
 * others in id order. Filters are the GraphQL ones, given as database ids.
 */
import { Readable, Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Db, Row } from '../db/database';
import { column, sqlName } from '../db/columns';
import { Article, Event, Institution, Mention, Participation, Person, Place } from '../entities';
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

/**
 * An export's columns, in order: each a header and the SQL that gives it. An entity's column is named by its property
 * (`col`: checked against the entity when the module loads, headed by its column name unless renamed); `expr` is any
 * other expression; `later` a column filled after the query (an event's organisers).
 */
type ExportColumn = { header: string; sql: string | null };
const col = (entity: Function, t: string, property: string, header?: string): ExportColumn => {
  const c = column(entity, property).column;
  const h = header ?? c;
  return { header: h, sql: `${t}.${sqlName(c)}${h === c ? '' : ` AS ${h}`}` };
};
const expr = (header: string, sql: string): ExportColumn => ({ header, sql: `${sql} AS ${header}` });
const later = (header: string): ExportColumn => ({ header, sql: null });

interface ExportDef {
  columns: ExportColumn[];
  /**
   * One keyset page after `after` (the previous page's last row, null for the first page): pages never overlap or skip.
   * `select` is the columns' SQL.
   */
  page(db: Db, f: ExportFilter, after: Row | null, size: number, select: string): Promise<Row[]>;
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
    columns: [col(Participation, 'pa', 'id'), col(Event, 'e', 'startDate', 'date'), col(Event, 'e', 'endDate'), col(Event, 'e', 'name', 'event'),
      col(Event, 'e', 'slug', 'event_slug'), col(Event, 'e', 'kind', 'event_kind'), col(Participation, 'pa', 'role'), col(Person, 'p', 'name', 'person'),
      col(Person, 'p', 'slug', 'person_slug'), col(Institution, 'i', 'name', 'institution'), col(Institution, 'i', 'slug', 'institution_slug'),
      col(Article, 'a', 'title', 'evidence_article'), col(Article, 'a', 'sourceUrl', 'evidence_url')],
    // In date order (undated events last), each event's rows together, in the order they were recorded.
    page(db, f, after, size, select) {
      const w = ['e.merged_into_id IS NULL'];
      const p: unknown[] = [];
      // The first term alone bounds the index range (idx_event_dated_last); the row value then picks up after the last row.
      if (after) { w.push(`${SORT_DATE} >= ?`, `(${SORT_DATE}, e.id, pa.id) > (?, ?, ?)`); p.push(sortDate(after.date), sortDate(after.date), Number(after.event_id), Number(after.id)); }
      if (f.person != null) { w.push('pa.person_id = ?'); p.push(f.person); }
      if (f.institution != null) { w.push('(pa.institution_id = ? OR EXISTS (SELECT 1 FROM position po WHERE po.person_id = pa.person_id AND po.institution_id = ?))'); p.push(f.institution, f.institution); }
      if (f.role) { w.push('pa.role = ?'); p.push(f.role as ParticipationRole); }
      eventWhere(f, w, p);
      return db.queryPage(`SELECT ${select}, e.id AS event_id
        FROM participation pa JOIN event e ON e.id = pa.event_id LEFT JOIN person p ON p.id = pa.person_id LEFT JOIN institution i ON i.id = pa.institution_id
        LEFT JOIN article a ON a.id = pa.evidence_article_id WHERE ${w.join(' AND ')} ORDER BY ${SORT_DATE}, e.id, pa.id LIMIT ?`, [...p, size]);
    },
  },
  events: {
    columns: [col(Event, 'e', 'id'), col(Event, 'e', 'slug'), col(Event, 'e', 'name'), col(Event, 'e', 'shortName'), col(Event, 'e', 'kind'),
      col(Event, 'e', 'startDate'), col(Event, 'e', 'endDate'), col(Place, 'v', 'name', 'venue'), col(Place, 'c', 'name', 'city'), col(Event, 'e', 'participantCount'),
      later('organizers'), later('organizer_slugs'), expr('articles', '(SELECT COUNT(*) FROM article_event ae WHERE ae.event_id = e.id)')],
    // In date order (undated last); organisers by name, with their slugs (what filters and GraphQL lookups take).
    async page(db, f, after, size, select) {
      const w = ['e.merged_into_id IS NULL'];
      const p: unknown[] = [];
      if (after) { w.push(`${SORT_DATE} >= ?`, `(${SORT_DATE}, e.id) > (?, ?)`); p.push(sortDate(after.start_date), sortDate(after.start_date), Number(after.id)); }
      eventWhere(f, w, p);
      if (f.person != null) { w.push('EXISTS (SELECT 1 FROM participation pa WHERE pa.event_id = e.id AND pa.person_id = ?)'); p.push(f.person); }
      const rows = await db.queryPage(`SELECT ${select}
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
    columns: [col(Person, 'p', 'id'), col(Person, 'p', 'slug'), col(Person, 'p', 'name'), col(Person, 'p', 'aliases'),
      expr('latest_title', '(SELECT po.title FROM position po WHERE po.person_id = p.id ORDER BY po.valid_to DESC, po.id DESC LIMIT 1)'),
      expr('latest_institution', '(SELECT i.name FROM position po JOIN institution i ON i.id = po.institution_id WHERE po.person_id = p.id ORDER BY po.valid_to DESC, po.id DESC LIMIT 1)'),
      expr('events', '(SELECT COUNT(DISTINCT pa.event_id) FROM participation pa WHERE pa.person_id = p.id)'),
      expr('mentions', "(SELECT COUNT(*) FROM mention m WHERE m.entity_type = 'PERSON' AND m.entity_id = p.id AND m.status <> 'REJECTED')")],
    page(db, f, after, size, select) {
      const w = ['p.merged_into_id IS NULL'];
      const params: unknown[] = [];
      afterId(w, params, 'p.id', after);
      if (f.institution != null) { w.push('EXISTS (SELECT 1 FROM position po WHERE po.person_id = p.id AND po.institution_id = ?)'); params.push(f.institution); }
      if (f.person != null) { w.push('p.id = ?'); params.push(f.person); }
      return db.queryPage(`SELECT ${select} FROM person p WHERE ${w.join(' AND ')} ORDER BY p.id LIMIT ?`, [...params, size]);
    },
  },
  institutions: {
    columns: [col(Institution, 'i', 'id'), col(Institution, 'i', 'slug'), col(Institution, 'i', 'name'), col(Institution, 'i', 'acronym'), col(Institution, 'i', 'kind'),
      col(Institution, 'pi', 'name', 'parent'), col(Institution, 'i', 'regionCode'), col(Institution, 'i', 'aliases'),
      expr('events_organised', '(SELECT COUNT(*) FROM event_organizer eo WHERE eo.institution_id = i.id)')],
    page(db, f, after, size, select) {
      const w = ['i.merged_into_id IS NULL'];
      const params: unknown[] = [];
      afterId(w, params, 'i.id', after);
      if (f.institution != null) { w.push('(i.id = ? OR i.parent_id = ?)'); params.push(f.institution, f.institution); }
      return db.queryPage(`SELECT ${select}
        FROM institution i LEFT JOIN institution pi ON pi.id = i.parent_id WHERE ${w.join(' AND ')} ORDER BY i.id LIMIT ?`, [...params, size]);
    },
  },
  mentions: {
    columns: [col(Mention, 'm', 'id'), col(Article, 'a', 'title', 'article'), col(Article, 'a', 'slug', 'article_slug'), col(Article, 'a', 'publishedOn'),
      col(Mention, 'm', 'entityType'), col(Mention, 'm', 'entityId'), col(Mention, 'm', 'text'), col(Mention, 'm', 'start'), col(Mention, 'm', 'end'),
      col(Mention, 'm', 'confidence'), col(Mention, 'm', 'status'), col(Mention, 'm', 'extractorVersion')],
    page(db, f, after, size, select) {
      const w: string[] = [];
      const params: unknown[] = [];
      afterId(w, params, 'm.id', after);
      if (f.person != null) { w.push("m.entity_type = 'PERSON' AND m.entity_id = ?"); params.push(f.person); }
      if (f.institution != null) { w.push("m.entity_type = 'INSTITUTION' AND m.entity_id = ?"); params.push(f.institution); }
      if (f.from) { w.push('a.published_on >= ?'); params.push(f.from); }
      if (f.to) { w.push('a.published_on <= ?'); params.push(f.to); }
      return db.queryPage(`SELECT ${select} FROM mention m JOIN article a ON a.id = m.article_id WHERE ${w.join(' AND ')} ORDER BY m.id LIMIT ?`, [...params, size]);
    },
  },
};

/** Each export's headers and its columns' SQL, worked out once. */
const HEADERS = Object.fromEntries(EXPORT_NAMES.map((n) => [n, DEFS[n].columns.map((c) => c.header)])) as Record<ExportName, string[]>;
const SELECT = Object.fromEntries(EXPORT_NAMES.map((n) => [n, DEFS[n].columns.flatMap((c) => (c.sql ? [c.sql] : [])).join(', ')])) as Record<ExportName, string>;

/** A JSON list column as one readable cell ("Kemendagri; Kemendagri RI"). */
function listCell(v: unknown): string {
  try { return [...new Set(JSON.parse(String(v ?? '[]')) as string[])].join('; '); } catch { return String(v ?? ''); }
}

/** The rows of an export, page by page. */
export async function* exportRows(db: Db, name: ExportName, f: ExportFilter, pageSize = PAGE): AsyncGenerator<Record<string, unknown>> {
  const def = DEFS[name], headers = HEADERS[name];
  let after: Row | null = null;
  for (;;) {
    const rows: Row[] = await def.page(db, f, after, pageSize, SELECT[name]);
    for (const r of rows) yield Object.fromEntries(headers.map((c) => [c, c === 'aliases' ? listCell(r[c]) : r[c] ?? null]));
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
    : stringify({ header: true, columns: HEADERS[name], bom: true, quoted_string: true, cast: { string: formulaSafe } });
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
