/** Editors' corrections: review, merge, edit. Each is one transaction through the writer queue. */
import { EntityManager } from 'typeorm';
import { Db } from '../db/database';
import { EntityType, EventKind, ParticipationRole, ReviewStatus } from '../entities/enums';
import { DocRef, SearchService } from './search.service';

export class EditorError extends Error {
  constructor(readonly field: string, message: string, readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' = 'BAD_USER_INPUT') { super(message); }
}

export interface EventPatch { name?: string; shortName?: string | null; kind?: EventKind; startDate?: string | null; endDate?: string | null; participantCount?: number | null; venue?: number | null; city?: number | null }

export class EditorService {
  /** Called after every successful write (response caches listen here). */
  onChange: (() => void | Promise<void>) | null = null;

  private search: SearchService;
  constructor(private db: Db) { this.search = new SearchService(db); }

  /** One transaction; the search documents of `touched(result)` are rebuilt inside it. */
  private async tx<T>(fn: (tx: EntityManager) => Promise<T>, touched: (r: T) => DocRef[] = () => []): Promise<T> {
    const r = await this.db.transaction(async (tx) => {
      const out = await fn(tx);
      await this.search.refresh(touched(out), tx);
      return out;
    });
    await this.onChange?.();
    return r;
  }

  private async mustExist(table: string, id: number, field: string, tx: EntityManager): Promise<void> {
    const r = await this.db.one(`SELECT id FROM "${table}" WHERE id = ?`, [id], tx);
    if (!r) throw new EditorError(field, `no ${table} with this id`, 'NOT_FOUND');
  }

  reviewMention(id: number, status: ReviewStatus): Promise<number> {
    let articleId = 0;
    return this.tx(async (tx) => {
      await this.mustExist('mention', id, 'id', tx);
      await this.db.exec('UPDATE mention SET status = ? WHERE id = ?', [status, id], tx);
      articleId = Number((await this.db.one<{ a: number }>('SELECT article_id AS a FROM mention WHERE id = ?', [id], tx))!.a);
      return id;
    }, () => [{ kind: 'ARTICLE', id: articleId }]);
  }

  /** Everything pointing at `merged` moves to `survivor`; `merged` keeps resolving to the survivor. */
  mergePersons(survivor: number, merged: number): Promise<number> {
    if (survivor === merged) return Promise.reject(new EditorError('mergedId', 'cannot merge a person into itself'));
    return this.tx(async (tx) => {
      await this.mustExist('person', survivor, 'survivorId', tx);
      await this.mustExist('person', merged, 'mergedId', tx);
      const d = this.db;
      await d.exec('UPDATE position SET person_id = ? WHERE person_id = ?', [survivor, merged], tx);
      await d.exec('UPDATE quote SET person_id = ? WHERE person_id = ?', [survivor, merged], tx);
      await d.exec(`UPDATE mention SET entity_id = ? WHERE entity_type = '${EntityType.PERSON}' AND entity_id = ?`, [survivor, merged], tx);
      // Participations: drop the merged person's rows that would duplicate the survivor's.
      await d.exec(`DELETE FROM participation WHERE person_id = ? AND EXISTS (SELECT 1 FROM participation s WHERE s.person_id = ? AND s.event_id = participation.event_id AND s.role = participation.role)`, [merged, survivor], tx);
      await d.exec('UPDATE participation SET person_id = ?, party_key = ? WHERE person_id = ?', [survivor, `p:${survivor}`, merged], tx);
      const names = await d.query<{ name: string; aliases: string }>('SELECT name, aliases FROM person WHERE id IN (?, ?) ORDER BY id', [survivor, merged], tx);
      const s = await d.one<{ name: string; aliases: string }>('SELECT name, aliases FROM person WHERE id = ?', [survivor], tx);
      const aliases = new Set<string>(JSON.parse(s!.aliases));
      for (const n of names) { if (n.name !== s!.name) aliases.add(n.name); for (const a of JSON.parse(n.aliases) as string[]) if (a !== s!.name) aliases.add(a); }
      await d.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify([...aliases]), survivor], tx);
      await d.exec('UPDATE person SET merged_into_id = ? WHERE id = ? OR merged_into_id = ?', [survivor, merged, merged], tx);
      return survivor;
    }, () => [{ kind: 'PERSON', id: survivor }, { kind: 'PERSON', id: merged }]);
  }

  mergeInstitutions(survivor: number, merged: number): Promise<number> {
    if (survivor === merged) return Promise.reject(new EditorError('mergedId', 'cannot merge an institution into itself'));
    return this.tx(async (tx) => {
      await this.mustExist('institution', survivor, 'survivorId', tx);
      await this.mustExist('institution', merged, 'mergedId', tx);
      const d = this.db;
      await d.exec('UPDATE position SET institution_id = ? WHERE institution_id = ?', [survivor, merged], tx);
      await d.exec('UPDATE institution SET parent_id = ? WHERE parent_id = ? AND id <> ?', [survivor, merged, survivor], tx);
      await d.exec(`UPDATE mention SET entity_id = ? WHERE entity_type = '${EntityType.INSTITUTION}' AND entity_id = ?`, [survivor, merged], tx);
      await d.exec('DELETE FROM event_organizer WHERE institution_id = ? AND event_id IN (SELECT event_id FROM event_organizer WHERE institution_id = ?)', [merged, survivor], tx);
      await d.exec('UPDATE event_organizer SET institution_id = ? WHERE institution_id = ?', [survivor, merged], tx);
      await d.exec(`DELETE FROM participation WHERE institution_id = ? AND EXISTS (SELECT 1 FROM participation s WHERE s.institution_id = ? AND s.event_id = participation.event_id AND s.role = participation.role)`, [merged, survivor], tx);
      await d.exec('UPDATE participation SET institution_id = ?, party_key = ? WHERE institution_id = ?', [survivor, `i:${survivor}`, merged], tx);
      await d.exec('DELETE FROM institution_alias WHERE institution_id = ? AND alias_key IN (SELECT alias_key FROM institution_alias WHERE institution_id = ?)', [merged, survivor], tx);
      await d.exec('UPDATE institution_alias SET institution_id = ? WHERE institution_id = ?', [survivor, merged], tx);
      const m = await d.one<{ name: string; aliases: string }>('SELECT name, aliases FROM institution WHERE id = ?', [merged], tx);
      const s = await d.one<{ name: string; aliases: string }>('SELECT name, aliases FROM institution WHERE id = ?', [survivor], tx);
      const aliases = new Set<string>([...JSON.parse(s!.aliases), m!.name, ...JSON.parse(m!.aliases)]);
      aliases.delete(s!.name);
      await d.exec('UPDATE institution SET aliases = ? WHERE id = ?', [JSON.stringify([...aliases]), survivor], tx);
      await d.exec('UPDATE institution SET merged_into_id = ? WHERE id = ? OR merged_into_id = ?', [survivor, merged, merged], tx);
      return survivor;
    }, () => [{ kind: 'INSTITUTION', id: survivor }, { kind: 'INSTITUTION', id: merged }]);
  }

  updateEvent(id: number, p: EventPatch): Promise<number> {
    return this.tx(async (tx) => {
      const cur = await this.db.one<{ start_date: string | null; end_date: string | null }>('SELECT start_date, end_date FROM event WHERE id = ?', [id], tx);
      if (!cur) throw new EditorError('id', 'no event with this id', 'NOT_FOUND');
      const start = p.startDate !== undefined ? p.startDate : cur.start_date;
      const end = p.endDate !== undefined ? p.endDate : cur.end_date;
      if (start && end && end < start) throw new EditorError('endDate', 'is before startDate');
      if (p.venue != null) await this.mustExist('place', p.venue, 'venue', tx);
      if (p.city != null) await this.mustExist('place', p.city, 'city', tx);
      const cols: Record<string, unknown> = {};
      if (p.name !== undefined) cols.name = p.name;
      if (p.shortName !== undefined) cols.short_name = p.shortName;
      if (p.kind !== undefined) cols.kind = p.kind;
      if (p.startDate !== undefined) cols.start_date = p.startDate;
      if (p.endDate !== undefined) cols.end_date = p.endDate;
      if (p.participantCount !== undefined) { cols.participant_count = p.participantCount; cols.participant_count_article_id = null; }
      if (p.venue !== undefined) cols.venue_id = p.venue;
      if (p.city !== undefined) cols.city_id = p.city;
      const keys = Object.keys(cols);
      if (keys.length) await this.db.exec(`UPDATE event SET ${keys.map((k) => `"${k}" = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => cols[k]), id], tx);
      return id;
    }, () => [{ kind: 'EVENT', id }]);
  }

  addPosition(person: number, title: string, institution: number | null, validFrom: string | null, validTo: string | null, evidence: number | null): Promise<number> {
    if (validFrom && validTo && validTo < validFrom) return Promise.reject(new EditorError('validTo', 'is before validFrom'));
    return this.tx(async (tx) => {
      await this.mustExist('person', person, 'person', tx);
      if (institution != null) await this.mustExist('institution', institution, 'institution', tx);
      if (evidence != null) await this.mustExist('article', evidence, 'evidence', tx);
      return this.db.insert('position', { person_id: person, title, institution_id: institution, valid_from: validFrom, valid_to: validTo, evidence_article_id: evidence }, tx);
    }, () => [{ kind: 'PERSON', id: person }]);
  }

  addParticipation(event: number, person: number | null, institution: number | null, role: ParticipationRole, evidence: number | null): Promise<number> {
    if ((person == null) === (institution == null)) return Promise.reject(new EditorError('person', 'give exactly one of person and institution'));
    return this.tx(async (tx) => {
      await this.mustExist('event', event, 'event', tx);
      if (person != null) await this.mustExist('person', person, 'person', tx);
      if (institution != null) await this.mustExist('institution', institution, 'institution', tx);
      if (evidence != null) await this.mustExist('article', evidence, 'evidence', tx);
      const party = person != null ? `p:${person}` : `i:${institution}`;
      const dup = await this.db.one<{ id: number }>('SELECT id FROM participation WHERE event_id = ? AND party_key = ? AND role = ?', [event, party, role], tx);
      if (dup) return Number(dup.id);
      return this.db.insert('participation', { event_id: event, person_id: person, institution_id: institution, party_key: party, role, evidence_article_id: evidence }, tx);
    });
  }
}
