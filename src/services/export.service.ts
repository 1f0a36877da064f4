/**
 * Exports for spreadsheets and notebooks: attendance, events, people, institutions, mentions as CSV (csv-stringify:
 * UTF-8 with a byte-order mark, a header row, quoted fields) or JSON Lines. Rows are read in keyset pages and written
 * as they come, so memory stays flat whatever the size. Filters are the GraphQL ones, given as database ids.
 */
import { Readable, Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Db, Row } from '../db/database';
import { EventKind, ParticipationRole } from '../entities/enums';
import type { AttendanceFilter } from './analytics.service';
import { isCalendarDate } from '../dates';

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
  /** One keyset page after `after` (the last row's id; ordering is by id so pages never overlap or skip). */
  page(db: Db, f: ExportFilter, after: number): Promise<Row[]>;
}

/** Event-side filters shared by attendance and events exports (same meaning as in AnalyticsService). */
function eventWhere(f: ExportFilter, w: string[], p: unknown[]): void {
  if (f.from) { w.push('COALESCE(e.end_date, e.start_date) >= ?'); p.push(f.from); }
  if (f.to) { w.push('e.start_date <= ?'); p.push(f.to); }
  const kind = f.eventKind ?? f.kind;
  if (kind) { w.push('e.kind = ?'); p.push(kind); }
  if (f.place != null) { w.push('(e.venue_id = ? OR e.city_id = ? OR e.city_id IN (SELECT id FROM place WHERE parent_id = ?))'); p.push(f.place, f.place, f.place); }
  if (f.organizer != null) { w.push('EXISTS (SELECT 1 FROM event_organizer eo WHERE eo.event_id = e.id AND eo.institution_id = ?)'); p.push(f.organizer); }
  if (f.event != null) { w.push('e.id = ?'); p.push(f.event); }
}

const DEFS: Record<ExportName, ExportDef> = {
  attendance: {
    columns: ['id', 'date', 'end_date', 'event', 'event_slug', 'event_kind', 'role', 'person', 'person_slug', 'institution', 'institution_slug', 'evidence_article', 'evidence_url'],
    page(db, f, after) {
      const w = ['pa.id > ?', 'e.merged_into_id IS NULL'];
      const p: unknown[] = [after];
      if (f.person != null) { w.push('pa.person_id = ?'); p.push(f.person); }
      if (f.institution != null) { w.push('(pa.institution_id = ? OR EXISTS (SELECT 1 FROM position po WHERE po.person_id = pa.person_id AND po.institution_id = ?))'); p.push(f.institution, f.institution); }
      if (f.role) { w.push('pa.role = ?'); p.push(f.role as ParticipationRole); }
      eventWhere(f, w, p);
      return db.queryPage(`SELECT pa.id, e.start_date AS date, e.end_date, e.name AS event, e.slug AS event_slug, e.kind AS event_kind, pa.role,
        p.name AS person, p.slug AS person_slug, i.name AS institution, i.slug AS institution_slug, a.title AS evidence_article, a.source_url AS evidence_url
        FROM participation pa JOIN event e ON e.id = pa.event_id LEFT JOIN person p ON p.id = pa.person_id LEFT JOIN institution i ON i.id = pa.institution_id
        LEFT JOIN article a ON a.id = pa.evidence_article_id WHERE ${w.join(' AND ')} ORDER BY pa.id LIMIT ?`, [...p, PAGE]);
    },
  },
  events: {
    columns: ['id', 'slug', 'name', 'short_name', 'kind', 'start_date', 'end_date', 'venue', 'city', 'participant_count', 'organizers', 'articles'],
    page(db, f, after) {
      const w = ['e.id > ?', 'e.merged_into_id IS NULL'];
      const p: unknown[] = [after];
      eventWhere(f, w, p);
      if (f.person != null) { w.push('EXISTS (SELECT 1 FROM participation pa WHERE pa.event_id = e.id AND pa.person_id = ?)'); p.push(f.person); }
      return db.queryPage(`SELECT e.id, e.slug, e.name, e.short_name, e.kind, e.start_date, e.end_date, v.name AS venue, c.name AS city, e.participant_count,
        (SELECT COUNT(*) FROM event_organizer eo WHERE eo.event_id = e.id) AS organizers, (SELECT COUNT(*) FROM article_event ae WHERE ae.event_id = e.id) AS articles
        FROM event e LEFT JOIN place v ON v.id = e.venue_id LEFT JOIN place c ON c.id = e.city_id WHERE ${w.join(' AND ')} ORDER BY e.id LIMIT ?`, [...p, PAGE]);
    },
  },
  people: {
    columns: ['id', 'slug', 'name', 'aliases', 'latest_title', 'latest_institution', 'events', 'mentions'],
    page(db, f, after) {
      const w = ['p.id > ?', 'p.merged_into_id IS NULL'];
      const params: unknown[] = [after];
      if (f.institution != null) { w.push('EXISTS (SELECT 1 FROM position po WHERE po.person_id = p.id AND po.institution_id = ?)'); params.push(f.institution); }
      if (f.person != null) { w.push('p.id = ?'); params.push(f.person); }
      return db.queryPage(`SELECT p.id, p.slug, p.name, p.aliases,
        (SELECT po.title FROM position po WHERE po.person_id = p.id ORDER BY po.valid_to DESC, po.id DESC LIMIT 1) AS latest_title,
        (SELECT i.name FROM position po JOIN institution i ON i.id = po.institution_id WHERE po.person_id = p.id ORDER BY po.valid_to DESC, po.id DESC LIMIT 1) AS latest_institution,
        (SELECT COUNT(DISTINCT pa.event_id) FROM participation pa WHERE pa.person_id = p.id) AS events,
        (SELECT COUNT(*) FROM mention m WHERE m.entity_type = 'PERSON' AND m.entity_id = p.id AND m.status <> 'REJECTED') AS mentions
        FROM person p WHERE ${w.join(' AND ')} ORDER BY p.id LIMIT ?`, [...params, PAGE]);
    },
  },
  institutions: {
    columns: ['id', 'slug', 'name', 'acronym', 'kind', 'parent', 'region_code', 'aliases', 'events_organised'],
    page(db, f, after) {
      const w = ['i.id > ?', 'i.merged_into_id IS NULL'];
      const params: unknown[] = [after];
      if (f.institution != null) { w.push('(i.id = ? OR i.parent_id = ?)'); params.push(f.institution, f.institution); }
      return db.queryPage(`SELECT i.id, i.slug, i.name, i.acronym, i.kind, pi.name AS parent, i.region_code, i.aliases,
        (SELECT COUNT(*) FROM event_organizer eo WHERE eo.institution_id = i.id) AS events_organised
        FROM institution i LEFT JOIN institution pi ON pi.id = i.parent_id WHERE ${w.join(' AND ')} ORDER BY i.id LIMIT ?`, [...params, PAGE]);
    },
  },
  mentions: {
    columns: ['id', 'article', 'article_slug', 'published_on', 'entity_type', 'entity_id', 'text', 'start', 'end', 'confidence', 'status', 'extractor_version'],
    page(db, f, after) {
      const w = ['m.id > ?'];
      const params: unknown[] = [after];
      if (f.person != null) { w.push("m.entity_type = 'PERSON' AND m.entity_id = ?"); params.push(f.person); }
      if (f.institution != null) { w.push("m.entity_type = 'INSTITUTION' AND m.entity_id = ?"); params.push(f.institution); }
      if (f.from) { w.push('a.published_on >= ?'); params.push(f.from); }
      if (f.to) { w.push('a.published_on <= ?'); params.push(f.to); }
      return db.queryPage(`SELECT m.id, a.title AS article, a.slug AS article_slug, a.published_on, m.entity_type, m.entity_id, m.text, m.start, m."end",
        m.confidence, m.status, m.extractor_version FROM mention m JOIN article a ON a.id = m.article_id WHERE ${w.join(' AND ')} ORDER BY m.id LIMIT ?`, [...params, PAGE]);
    },
  },
};

/** A JSON list column as one readable cell ("Kemendagri; Kemendagri RI"). */
function listCell(v: unknown): string {
  try { return [...new Set(JSON.parse(String(v ?? '[]')) as string[])].join('; '); } catch { return String(v ?? ''); }
}

/** The rows of an export, page by page. */
export async function* exportRows(db: Db, name: ExportName, f: ExportFilter): AsyncGenerator<Record<string, unknown>> {
  const def = DEFS[name];
  let after = 0;
  for (;;) {
    const rows = await def.page(db, f, after);
    for (const r of rows) yield Object.fromEntries(def.columns.map((c) => [c, c === 'aliases' ? listCell(r[c]) : r[c] ?? null]));
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1].id);
  }
}

export function exportColumns(name: ExportName): string[] { return DEFS[name].columns; }

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
        const id = await lookup(table, v);
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
