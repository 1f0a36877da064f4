/**
 * Read-side business rules: filtered, keyset-paginated lists and lookups by id or slug.
 * Filters arrive as database ids (the resolvers decode global ids); user text is always a bound parameter.
 */
import { Db, Row } from '../db/database';
import type { Page } from './keyset';
import {
  ARTICLE_COLS, EVENT_COLS, EVENT_JOINS, INSTITUTION_COLS, MENTION_COLS, PARTICIPATION_COLS, PARTICIPATION_FROM, PERSON_COLS, PLACE_COLS, POSITION_COLS,
  POSITION_FROM, QUOTE_COLS,
} from './columns';
import { EventKind, InstitutionKind, ParticipationRole, PlaceKind } from '../entities/enums';
import { nameKey, personKey } from '../text/normalize';

export interface ArticleFilter { from?: string; to?: string; section?: string; outlet?: string; person?: number; institution?: number; place?: number; event?: number }
export interface EventFilter { institution?: number; institutionRole?: ParticipationRole | null; from?: string; to?: string; kind?: EventKind; place?: number; organizer?: number; participant?: number; role?: ParticipationRole; search?: string }
export interface PersonFilter { name?: string; institution?: number; title?: string; activeOn?: string }
export interface InstitutionFilter { name?: string; kind?: InstitutionKind; parent?: number }
export interface PlaceFilter { name?: string; kind?: PlaceKind; parent?: number }

import { Built, keysetPage, ListResult } from './keyset';
import { eventConditions } from './event-filter';
import { EventTallies, tallied } from './event-tallies';

export type { ListResult } from './keyset';

const ESC = ` ESCAPE '\\'`;

/** A name that fits several records: their slugs, for a "did you mean". */
export class AmbiguousName extends Error {
  constructor(readonly candidates: string[]) { super(`several match: ${candidates.join(', ')}`); }
}

export class CatalogService {
  private tallies: EventTallies;
  constructor(private db: Db) { this.tallies = new EventTallies(db); }

  private page(select: string, from: string, b: Built, order: Array<{ expr: string; desc: boolean }>, keyOf: (r: Row) => Array<string | number | null>,
    page: Page, countFrom = from): Promise<ListResult<Row>> {
    return keysetPage(this.db, select, from, b, order, keyOf, page, countFrom);
  }

  /** Rows of ARTICLE_COLS, or of `cols` (a projection of them: graphql/read/projection.ts). */
  articles(f: ArticleFilter, page: Page, cols = ARTICLE_COLS): Promise<ListResult<Row>> {
    const entities = ([['PERSON', f.person], ['INSTITUTION', f.institution], ['PLACE', f.place]] as const).filter(([, id]) => id != null);
    if (entities.length === 1 && f.event == null && !f.section && !f.outlet) return this.articlesOfEntity(entities[0][0], entities[0][1]!, f, page, cols);
    const b: Built = { where: [], params: [] };
    // On the sort key itself, so that a date range is a range scan of the newest-first index.
    if (f.from) { b.where.push(`COALESCE(a.published_on, '0001-01-01') >= ?`); b.params.push(f.from); }
    if (f.to) { b.where.push(`COALESCE(a.published_on, '0001-01-01') <= ?`); b.params.push(f.to); }
    if (f.section) { b.where.push('a.section = ?'); b.params.push(f.section); }
    if (f.outlet) { b.where.push('a.outlet = ?'); b.params.push(f.outlet); }
    for (const [type, id] of [['PERSON', f.person], ['INSTITUTION', f.institution], ['PLACE', f.place]] as const) {
      if (id == null) continue;
      // From the entity's mentions (a covering index) to its articles, not from every article to its mentions.
      b.where.push(`a.id IN (SELECT m.article_id FROM mention m WHERE m.entity_type = '${type}' AND m.entity_id = ? AND m.status <> 'REJECTED')`);
      b.params.push(id);
    }
    if (f.event != null) { b.where.push('EXISTS (SELECT 1 FROM article_event ae WHERE ae.event_id = ? AND ae.article_id = a.id)'); b.params.push(f.event); }
    return this.page(`${cols}, COALESCE(a.published_on, '0001-01-01') AS k1`, 'article a', b,
      [{ expr: `COALESCE(a.published_on, '0001-01-01')`, desc: true }, { expr: 'a.id', desc: true }], (r) => [r.k1 as string, Number(r.dbId)], page);
  }

  /**
   * One entity's articles (optionally in a date range), newest first, found from its mentions by the
   * (entity, article date, article) index: a page costs the same however many articles the entity has.
   */
  private async articlesOfEntity(type: 'PERSON' | 'INSTITUTION' | 'PLACE', id: number, f: ArticleFilter, page: Page, cols: string): Promise<ListResult<Row>> {
    const where = ['m.entity_type = ?', 'm.entity_id = ?', "m.status <> 'REJECTED'"];
    const params: unknown[] = [type, id];
    if (f.from) { where.push('m.article_date >= ?'); params.push(f.from); }
    if (f.to) { where.push('m.article_date <= ?'); params.push(f.to); }
    const counted = { where: [...where], params: [...params] };
    // Newest first; a backward page reads oldest first from its cursor (see Page).
    const [op, dir] = page.backward ? ['>', 'ASC'] : ['<', 'DESC'];
    if (page.after) {
      where.push(`m.article_date ${op}= ? AND (m.article_date ${op} ? OR m.article_id ${op} ?)`); // a seek, as in keyset.ts
      params.push(page.after[0], page.after[0], page.after[1]);
    }
    const raw = page.first === 0 ? [] : await this.db.query(`SELECT ${cols}, t.k1 FROM (
        SELECT DISTINCT m.article_date AS k1, m.article_id AS aid FROM mention m${this.db.indexHint('idx_mention_entity_recent')}
        WHERE ${where.join(' AND ')} ORDER BY m.article_date ${dir}, m.article_id ${dir} LIMIT ?) t
      JOIN article a ON a.id = t.aid ORDER BY t.k1 ${dir}, a.id ${dir}`, [...params, page.first + 1]);
    return {
      rows: raw,
      key: (r) => [r.k1 as string, Number(r.dbId)],
      count: async () => Number((await this.db.one<{ n: number }>(`SELECT COUNT(DISTINCT m.article_id) AS n FROM mention m WHERE ${counted.where.join(' AND ')}`, counted.params))?.n ?? 0),
    };
  }

  /**
   * Rows of EVENT_COLS, or of `cols` with their `joins` (a projection of them that reads the venue and the city only
   * when asked for: graphql/read/projection.ts).
   */
  async events(f: EventFilter, page: Page, cols: { cols: string; joins: string } = { cols: EVENT_COLS, joins: EVENT_JOINS }): Promise<ListResult<Row>> {
    const b: Built = { where: ['e.merged_into_id IS NULL'], params: [] };
    eventConditions(f, f.kind, b);
    if (f.participant != null) {
      b.where.push(`EXISTS (SELECT 1 FROM participation pa WHERE pa.event_id = e.id AND pa.person_id = ?${f.role ? ' AND pa.role = ?' : ''})`);
      b.params.push(f.participant, ...(f.role ? [f.role] : []));
    }
    if (f.institution != null) {
      const viaPart = `EXISTS (SELECT 1 FROM participation pa WHERE pa.event_id = e.id AND pa.institution_id = ?${f.institutionRole ? ' AND pa.role = ?' : ''})`;
      if (f.institutionRole === ParticipationRole.ORGANIZER || !f.institutionRole) {
        // Either way in: the events of each, found through their own indexes, rather than one OR tested on every event.
        b.where.push(`e.id IN (SELECT eo.event_id FROM event_organizer eo WHERE eo.institution_id = ? UNION ALL SELECT pa.event_id FROM participation pa WHERE pa.institution_id = ?${f.institutionRole ? ' AND pa.role = ?' : ''})`);
        b.params.push(f.institution, f.institution, ...(f.institutionRole ? [f.institutionRole] : []));
      } else { b.where.push(viaPart); b.params.push(f.institution, f.institutionRole); }
    }
    if (f.search) {
      const like = this.db.likeParam(f.search);
      b.where.push(`(LOWER(e.name) LIKE ?${ESC} OR LOWER(COALESCE(e.short_name, '')) LIKE ?${ESC} OR LOWER(e.aliases) LIKE ?${ESC})`);
      b.params.push(like, like, like);
    }
    const list = await this.page(`${cols.cols}, COALESCE(e.start_date, '0001-01-01') AS k1`, `event e ${cols.joins}`, b,
      [{ expr: `COALESCE(e.start_date, '0001-01-01')`, desc: true }, { expr: 'e.id', desc: true }], (r) => [r.k1 as string, Number(r.dbId)], page, 'event e');
    // A filter of dates, kind and place alone is counted from the event tallies (event-tallies.ts), not the events.
    if (f.participant == null && f.institution == null && !f.search && tallied(f)) list.count = () => this.tallies.count(f);
    return list;
  }

  /** Rows of PERSON_COLS. */
  persons(f: PersonFilter, page: Page): Promise<ListResult<Row>> {
    const b: Built = { where: ['p.merged_into_id IS NULL'], params: [] };
    if (f.name) { b.where.push(`(p.name_key LIKE ?${ESC} OR LOWER(p.aliases) LIKE ?${ESC})`); b.params.push(this.db.likeParam(personKey(f.name)), this.db.likeParam(f.name)); }
    const pos: string[] = [];
    const pp: unknown[] = [];
    if (f.institution != null) { pos.push('po.institution_id = ?'); pp.push(f.institution); }
    if (f.title) { pos.push(`LOWER(po.title) LIKE ?${ESC}`); pp.push(this.db.likeParam(f.title)); }
    if (f.activeOn) { pos.push('po.valid_from <= ? AND po.valid_to >= ?'); pp.push(f.activeOn, f.activeOn); }
    if (pos.length) { b.where.push(`EXISTS (SELECT 1 FROM position po WHERE po.person_id = p.id AND ${pos.join(' AND ')})`); b.params.push(...pp); }
    return this.page(PERSON_COLS + ', p.name_key AS k1', 'person p', b, [{ expr: 'p.name_key', desc: false }, { expr: 'p.id', desc: false }],
      (r) => [r.k1 as string, Number(r.dbId)], page);
  }

  /** Rows of INSTITUTION_COLS. */
  institutions(f: InstitutionFilter, page: Page): Promise<ListResult<Row>> {
    const b: Built = { where: ['i.merged_into_id IS NULL'], params: [] };
    if (f.name) {
      // Two lookups, each of which an index can serve (trigrams on PostgreSQL), rather than one OR across the tables.
      b.where.push(`i.id IN (SELECT n.id FROM institution n WHERE n.name_key LIKE ?${ESC} UNION ALL SELECT al.institution_id FROM institution_alias al WHERE al.alias_key LIKE ?${ESC})`);
      const like = this.db.likeParam(nameKey(f.name));
      b.params.push(like, like);
    }
    if (f.kind) { b.where.push('i.kind = ?'); b.params.push(f.kind); }
    if (f.parent != null) { b.where.push('i.parent_id = ?'); b.params.push(f.parent); }
    return this.page(INSTITUTION_COLS + ', i.name_key AS k1', 'institution i', b, [{ expr: 'i.name_key', desc: false }, { expr: 'i.id', desc: false }],
      (r) => [r.k1 as string, Number(r.dbId)], page);
  }

  /** Rows of PLACE_COLS. */
  places(f: PlaceFilter, page: Page): Promise<ListResult<Row>> {
    const b: Built = { where: [], params: [] };
    if (f.name) { b.where.push(`pl.name_key LIKE ?${ESC}`); b.params.push(this.db.likeParam(nameKey(f.name))); }
    if (f.kind) { b.where.push('pl.kind = ?'); b.params.push(f.kind); }
    if (f.parent != null) { b.where.push('pl.parent_id = ?'); b.params.push(f.parent); }
    return this.page(PLACE_COLS + ', pl.name_key AS k1', 'place pl', b, [{ expr: 'pl.name_key', desc: false }, { expr: 'pl.id', desc: false }],
      (r) => [r.k1 as string, Number(r.dbId)], page);
  }

  eventsOfInstitution(id: number, role: ParticipationRole | null, page: Page) {
    return this.events({ institution: id, institutionRole: role }, page);
  }

  /** Articles of a person or entity, newest first (a connection under person.articles). */
  mentionedIn(type: 'PERSON' | 'INSTITUTION' | 'PLACE', id: number, page: Page) {
    return type === 'PERSON' ? this.articles({ person: id }, page) : type === 'INSTITUTION' ? this.articles({ institution: id }, page) : this.articles({ place: id }, page);
  }

  /**
   * A place as a partner types it when the slug is not exact: its name ("Sidoarjo", "pendopo delta wibawa") or its
   * slug without the kind suffix region slugs carry ("sidoarjo" for "sidoarjo-regency"). One match is the place; several
   * raise AmbiguousName with their slugs; none is null.
   */
  async placeByBareName(value: string): Promise<number | null> {
    const key = value.trim().toLowerCase();
    const bare = key.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (!bare) return null;
    const rows = await this.db.query<{ id: number; slug: string; byName: number }>(
      `SELECT id, slug, CASE WHEN LOWER(name) = ? THEN 1 ELSE 0 END AS "byName" FROM place
       WHERE LOWER(name) = ? OR slug IN (?, ?, ?, ?) ORDER BY slug LIMIT 10`,
      [key, key, `${bare}-regency`, `${bare}-city`, `${bare}-province`, `${bare}-district`]);
    // A place named exactly so wins over suffix matches ("Malang" the city over a "malang-regency").
    const named = rows.filter((r) => Number(r.byName) === 1);
    const pick = named.length ? named : rows;
    if (pick.length === 1) return Number(pick[0].id);
    if (pick.length > 1) throw new AmbiguousName(pick.map((r) => r.slug));
    return null;
  }

  /**
   * The row a keyed id names (its key's parts, as KEY_TYPES in graphql/ids.ts spells them): a natural key is looked up
   * by the slugs of the records it belongs to, a stored key (positions, person merges) as it is; null when none does.
   */
  async idByKey(type: string, k: string[]): Promise<number | null> {
    let r: { id: number } | null | undefined;
    switch (type) {
      case 'Quote':
        r = await this.db.one('SELECT q.id FROM quote q JOIN article a ON a.id = q.article_id WHERE a.slug = ? AND q.start = ?', [k[0], Number(k[1])]);
        break;
      case 'Mention':
        r = await this.db.one('SELECT m.id FROM mention m JOIN article a ON a.id = m.article_id WHERE a.slug = ? AND m.entity_type = ? AND m.start = ? AND m."end" = ?',
          [k[0], k[1], Number(k[2]), Number(k[3])]);
        break;
      case 'Participation': {
        // Event and party follow merges (which move participations to the survivor), so an id issued before one still resolves.
        const party = k[2] === 'person' ? 'person' : 'institution';
        const [event, who] = await Promise.all([this.idBySlug('event', k[0]), this.idBySlug(party, k[3])]);
        if (event == null || who == null) return null;
        r = await this.db.one(`SELECT id FROM participation WHERE event_id = ? AND role = ? AND ${party}_id = ?`, [event, k[1], who]);
        break;
      }
      case 'Position':
        r = await this.db.one('SELECT id FROM position WHERE node_key = ?', [k[0]]);
        break;
      case 'PersonMerge':
        r = await this.db.one('SELECT id FROM person_merge WHERE node_key = ?', [k[0]]);
        break;
      default: return null;
    }
    return r ? Number(r.id) : null;
  }

  /** A table's id for a slug, following merges to the survivor. */
  async idBySlug(table: 'article' | 'person' | 'institution' | 'place' | 'event', slug: string): Promise<number | null> {
    const r = await this.db.one<{ id: number }>(`SELECT id FROM "${table}" WHERE slug = ?`, [slug]);
    return r ? this.survivor(table, Number(r.id)) : null;
  }

  async nodeExists(table: 'article' | 'person' | 'institution' | 'place' | 'event', id: number): Promise<boolean> {
    return !!(await this.db.one(`SELECT id FROM "${table}" WHERE id = ?`, [id]));
  }

  /** A merged person, institution or event keeps resolving to the record it was merged into. */
  async survivor(table: string, id: number): Promise<number> {
    if (table !== 'person' && table !== 'institution' && table !== 'event') return id;
    let cur = id;
    for (let i = 0; i < 10; i++) {
      const r = await this.db.one<{ m: number | null }>(`SELECT merged_into_id AS m FROM "${table}" WHERE id = ?`, [cur]);
      if (!r || r.m == null) return cur;
      cur = Number(r.m);
    }
    return cur;
  }

  /** The row of a position, participation, mention or quote by id (node(id) for the types without a loader of their own). */
  async nodeRow(type: string, id: number): Promise<Row | null> {
    const db = this.db;
    switch (type) {
      case 'Position': return db.one(`SELECT ${POSITION_COLS} FROM ${POSITION_FROM} WHERE po.id = ?`, [id]);
      case 'Participation': return db.one(`SELECT ${PARTICIPATION_COLS} FROM ${PARTICIPATION_FROM} WHERE pa.id = ?`, [id]);
      case 'Mention': return db.one(`SELECT ${MENTION_COLS} FROM mention m WHERE m.id = ?`, [id]);
      case 'Quote': return db.one(`SELECT ${QUOTE_COLS} FROM quote q WHERE q.id = ?`, [id]);
      default: return null;
    }
  }
}
