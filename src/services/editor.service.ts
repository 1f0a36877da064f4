/** Editors' corrections: review, merge, edit. Each is one transaction through the writer queue. */
import type { Tx } from '../db/tx';
import { Db } from '../db/database';
import { EntityType, EventKind, ParticipationRole, ReviewStatus } from '../entities/enums';
import { DocRef, SearchService } from '../search/search.service';
import { personKey, slugify } from '../text/normalize';
import { nameParts } from '../text/name-parts';
import { assignNodeKeys } from '../ingest/persist/node-keys';
import { InputError } from './errors';

/** An editor's request that names nothing or breaks a rule. */
export class EditorError extends InputError {}

export interface EventPatch { name?: string; shortName?: string | null; kind?: EventKind; startDate?: string | null; endDate?: string | null; participantCount?: number | null; venue?: number | null; city?: number | null }

export class EditorService {
  /** Called after every successful write (response caches listen here). */
  onChange: (() => void | Promise<void>) | null = null;

  private search: SearchService;
  constructor(private db: Db) { this.search = new SearchService(db); }

  /** One transaction; the search documents of `touched(result)` are rebuilt inside it. */
  private async tx<T>(fn: (tx: Tx) => Promise<T>, touched: (r: T) => DocRef[] = () => []): Promise<T> {
    const r = await this.db.transaction(async (tx) => {
      const out = await fn(tx);
      await this.search.refresh(touched(out), tx);
      return out;
    });
    await this.onChange?.();
    return r;
  }

  private async mustExist(table: string, id: number, field: string, tx: Tx): Promise<void> {
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
  /** `how`: what re-resolution records instead of an editor's merge (method, reason, score). */
  mergePersons(survivor: number, merged: number, how?: { method: string; reason: string; score: number | null }): Promise<number> {
    if (survivor === merged) return Promise.reject(new EditorError('mergedId', 'cannot merge a person into itself'));
    return this.tx(async (tx) => {
      await this.mustExist('person', survivor, 'survivorId', tx);
      await this.mustExist('person', merged, 'mergedId', tx);
      const d = this.db;
      // What moves is recorded (person_merge.detail), so that splitPerson can move exactly that back.
      const ids = async (sql: string) => (await d.query<{ id: number }>(sql, [merged], tx)).map((r) => Number(r.id));
      const moved = {
        positions: await ids('SELECT id FROM position WHERE person_id = ?'),
        quotes: await ids('SELECT id FROM quote WHERE person_id = ?'),
        mentions: await ids(`SELECT id FROM mention WHERE entity_type = '${EntityType.PERSON}' AND entity_id = ?`),
        aliasRows: await ids('SELECT id FROM person_alias WHERE person_id = ?'),
        followers: await ids('SELECT id FROM person WHERE merged_into_id = ?'),
        participations: [] as number[], droppedParticipations: [] as Array<{ event_id: number; role: string; evidence_article_id: number | null }>,
        addedAliases: [] as string[],
      };
      await d.exec('UPDATE position SET person_id = ? WHERE person_id = ?', [survivor, merged], tx);
      await d.exec('UPDATE quote SET person_id = ? WHERE person_id = ?', [survivor, merged], tx);
      await d.exec(`UPDATE mention SET entity_id = ? WHERE entity_type = '${EntityType.PERSON}' AND entity_id = ?`, [survivor, merged], tx);
      // Participations: drop the merged person's rows that would duplicate the survivor's.
      moved.droppedParticipations = (await d.query<{ event_id: number; role: string; evidence_article_id: number | null }>(`SELECT event_id, role, evidence_article_id FROM participation
        WHERE person_id = ? AND EXISTS (SELECT 1 FROM participation s WHERE s.person_id = ? AND s.event_id = participation.event_id AND s.role = participation.role)`, [merged, survivor], tx))
        .map((r) => ({ event_id: Number(r.event_id), role: r.role, evidence_article_id: r.evidence_article_id == null ? null : Number(r.evidence_article_id) }));
      await d.exec(`DELETE FROM participation WHERE person_id = ? AND EXISTS (SELECT 1 FROM participation s WHERE s.person_id = ? AND s.event_id = participation.event_id AND s.role = participation.role)`, [merged, survivor], tx);
      moved.participations = await ids('SELECT id FROM participation WHERE person_id = ?');
      await d.exec('UPDATE participation SET person_id = ?, party_key = ? WHERE person_id = ?', [survivor, `p:${survivor}`, merged], tx);
      // Registered aliases move too, unless the survivor has the same one already.
      await d.exec('DELETE FROM person_alias WHERE person_id = ? AND alias_key IN (SELECT alias_key FROM person_alias WHERE person_id = ?)', [merged, survivor], tx);
      moved.aliasRows = await ids('SELECT id FROM person_alias WHERE person_id = ?');
      await d.exec('UPDATE person_alias SET person_id = ? WHERE person_id = ?', [survivor, merged], tx);
      const names = await d.query<{ name: string; aliases: string }>('SELECT name, aliases FROM person WHERE id IN (?, ?) ORDER BY id', [survivor, merged], tx);
      const s = await d.one<{ name: string; aliases: string }>('SELECT name, aliases FROM person WHERE id = ?', [survivor], tx);
      const before = new Set<string>(JSON.parse(s!.aliases));
      const aliases = new Set<string>(before);
      for (const n of names) { if (n.name !== s!.name) aliases.add(n.name); for (const a of JSON.parse(n.aliases) as string[]) if (a !== s!.name) aliases.add(a); }
      moved.addedAliases = [...aliases].filter((a) => !before.has(a));
      await d.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify([...aliases]), survivor], tx);
      await d.exec('UPDATE person SET merged_into_id = ? WHERE id = ? OR merged_into_id = ?', [survivor, merged, merged], tx);
      const m = await d.one<{ name: string }>('SELECT name FROM person WHERE id = ?', [merged], tx);
      // The merged name becomes a registered alias: later articles that use it resolve to the survivor.
      const mkey = personKey(m!.name);
      if (mkey !== personKey(s!.name) && !(await d.one('SELECT 1 AS x FROM person_alias WHERE person_id = ? AND alias_key = ?', [survivor, mkey], tx))) {
        (moved as Record<string, unknown>).registered = await d.insert('person_alias', { person_id: survivor, alias: m!.name.slice(0, 200), alias_key: mkey, kind: 'EDITOR', article_id: null }, tx);
      }
      await d.insert('person_merge', { person_id: survivor, merged_person_id: merged, article_id: null, form: m!.name.slice(0, 200), method: how?.method ?? 'EDITOR',
        reason: (how?.reason ?? 'merged by an editor').slice(0, 2000), score: how?.score ?? null, detail: JSON.stringify(moved) }, tx);
      await assignNodeKeys(d, tx);
      return survivor;
    }, () => [{ kind: 'PERSON', id: survivor }, { kind: 'PERSON', id: merged }]);
  }

  /**
   * Undoes a merge. An editor's merge: the merged person comes back with what moved (as recorded). An automatic merge
   * of an article's name into a person: that article's mentions of the name, the positions it evidenced under that
   * name, its quotes by that name and (when nothing of the person is left in the article) its participations move to a
   * new person of that name. Either way the merge stays in the history, marked undone. Returns the person split off.
   */
  splitPerson(mergeId: number): Promise<{ survivor: number; split: number }> {
    let out = { survivor: 0, split: 0 };
    return this.tx(async (tx) => {
      const d = this.db;
      const m = await d.one<{ person_id: number; merged_person_id: number | null; article_id: number | null; form: string; detail: string | null; undone_at: string | null }>(
        'SELECT person_id, merged_person_id, article_id, form, detail, undone_at FROM person_merge WHERE id = ?', [mergeId], tx);
      if (!m) throw new EditorError('mergeId', 'no merge with this id', 'NOT_FOUND');
      if (m.undone_at) throw new EditorError('mergeId', 'this merge was undone already');
      const survivor = Number(m.person_id);
      const detail = JSON.parse(m.detail ?? '{}') as Record<string, unknown>;
      const inList = (ids: number[]) => ids.map(() => '?').join(', ') || 'NULL';
      let split: number;
      const sp = await d.one<{ name: string; aliases: string }>('SELECT name, aliases FROM person WHERE id = ?', [survivor], tx);
      let aliases = JSON.parse(sp!.aliases) as string[];
      if (m.merged_person_id != null) {
        split = Number(m.merged_person_id);
        const mv = detail as { positions?: number[]; quotes?: number[]; mentions?: number[]; aliasRows?: number[]; followers?: number[]; participations?: number[];
          droppedParticipations?: Array<{ event_id: number; role: string; evidence_article_id: number | null }>; addedAliases?: string[] };
        const back = async (sql: string, ids: number[] | undefined) => { if (ids?.length) await d.exec(sql.replace('%', inList(ids)), [split, ...ids], tx); };
        await back('UPDATE position SET person_id = ? WHERE id IN (%)', mv.positions);
        await back('UPDATE quote SET person_id = ? WHERE id IN (%)', mv.quotes);
        await back(`UPDATE mention SET entity_id = ? WHERE id IN (%)`, mv.mentions);
        await back('UPDATE person_alias SET person_id = ? WHERE id IN (%)', mv.aliasRows);
        const registered = (detail as { registered?: number }).registered;
        if (registered != null) await d.exec('DELETE FROM person_alias WHERE id = ?', [registered], tx);
        if (mv.participations?.length) await d.exec(`UPDATE participation SET person_id = ?, party_key = ? WHERE id IN (${inList(mv.participations)})`, [split, `p:${split}`, ...mv.participations], tx);
        for (const p of mv.droppedParticipations ?? []) {
          await d.exec('INSERT INTO participation (event_id, person_id, institution_id, party_key, role, evidence_article_id) VALUES (?, ?, NULL, ?, ?, ?) ON CONFLICT (event_id, party_key, role) DO NOTHING',
            [p.event_id, split, `p:${split}`, p.role, p.evidence_article_id], tx);
        }
        await d.exec('UPDATE person SET merged_into_id = NULL WHERE id = ?', [split], tx);
        await back('UPDATE person SET merged_into_id = ? WHERE id IN (%)', mv.followers);
        aliases = aliases.filter((a) => !(mv.addedAliases ?? []).includes(a));
      } else {
        if (m.article_id == null) throw new EditorError('mergeId', 'the article of this merge is gone');
        const article = Number(m.article_id);
        const form = m.form;
        const key = personKey(form);
        // The person's name came from this article's fuller form: it goes back to the name stored before.
        const storedName = typeof detail.storedName === 'string' ? detail.storedName : null;
        if (sp!.name === form && storedName && storedName !== form) {
          await d.exec('UPDATE person SET name = ?, name_key = ? WHERE id = ?', [storedName, personKey(storedName), survivor], tx);
          aliases = aliases.filter((a) => a !== storedName);
        }
        split = await this.newPerson(form, key, tx);
        const spans = (detail.spans as Array<[number, number]> | undefined) ?? [];
        for (const [start, end] of spans) {
          await d.exec(`UPDATE mention SET entity_id = ? WHERE article_id = ? AND entity_type = '${EntityType.PERSON}' AND entity_id = ? AND start = ? AND "end" = ?`, [split, article, survivor, start, end], tx);
        }
        const titles = (detail.titles as string[] | undefined) ?? [];
        if (titles.length) {
          await d.exec(`UPDATE position SET person_id = ? WHERE person_id = ? AND evidence_article_id = ? AND title IN (${inList(titles as unknown as number[])})`, [split, survivor, article, ...titles], tx);
        }
        for (const q of await d.query<{ id: number; speaker_name: string | null }>('SELECT id, speaker_name FROM quote WHERE article_id = ? AND person_id = ?', [article, survivor], tx)) {
          if (q.speaker_name && personKey(q.speaker_name) === key) await d.exec('UPDATE quote SET person_id = ? WHERE id = ?', [split, q.id], tx);
        }
        const left = await d.one(`SELECT 1 AS x FROM mention WHERE article_id = ? AND entity_type = '${EntityType.PERSON}' AND entity_id = ? LIMIT 1`, [article, survivor], tx);
        if (!left) await d.exec('UPDATE participation SET person_id = ?, party_key = ? WHERE person_id = ? AND evidence_article_id = ?', [split, `p:${split}`, survivor, article], tx);
        aliases = aliases.filter((a) => a !== form);
      }
      await d.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify(aliases), survivor], tx);
      await d.exec(`UPDATE person_merge SET undone_at = ${d.isPostgres ? 'now()' : "datetime('now')"}, split_person_id = ? WHERE id = ?`, [split, mergeId], tx);
      out = { survivor, split };
      return out;
    }, () => [{ kind: 'PERSON', id: out.survivor }, { kind: 'PERSON', id: out.split }]);
  }

  /** A new person of this name (with its name parts for resolution), under the first free slug. */
  private async newPerson(name: string, key: string, tx: Tx): Promise<number> {
    const base = slugify(name);
    let id: number | null = null;
    for (let n = 1; id == null; n++) {
      id = await this.db.insertUnless('person', { slug: n === 1 ? base : `${base.slice(0, 190)}-${n}`, name, name_key: key, aliases: '[]', merged_into_id: null }, 'slug', tx);
    }
    for (const t of nameParts(key)) await this.db.exec('INSERT INTO person_name_part (token, person_id) VALUES (?, ?) ON CONFLICT (token, person_id) DO NOTHING', [t, id], tx);
    return id;
  }

  /** Registers an alias of a person (EDITOR): later articles that use it resolve to the person. */
  addPersonAlias(person: number, alias: string): Promise<number> {
    const key = personKey(alias);
    if (!key) return Promise.reject(new EditorError('alias', 'is empty'));
    return this.tx(async (tx) => {
      const p = await this.db.one<{ name: string; aliases: string; merged_into_id: number | null }>('SELECT name, aliases, merged_into_id FROM person WHERE id = ?', [person], tx);
      if (!p) throw new EditorError('personId', 'no person with this id', 'NOT_FOUND');
      if (p.merged_into_id != null) throw new EditorError('personId', 'this person was merged into another');
      await this.db.exec('INSERT INTO person_alias (person_id, alias, alias_key, kind, article_id) VALUES (?, ?, ?, ?, NULL) ON CONFLICT (alias_key, person_id) DO NOTHING',
        [person, alias.trim().slice(0, 200), key, 'EDITOR'], tx);
      const list = JSON.parse(p.aliases) as string[];
      if (alias.trim() !== p.name && !list.includes(alias.trim())) await this.db.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify([...list, alias.trim()]), person], tx);
      return person;
    }, () => [{ kind: 'PERSON', id: person }]);
  }

  /** Removes an alias (registered or learnt): later articles no longer resolve through it. */
  removePersonAlias(person: number, alias: string): Promise<number> {
    const key = personKey(alias);
    return this.tx(async (tx) => {
      const p = await this.db.one<{ aliases: string }>('SELECT aliases FROM person WHERE id = ?', [person], tx);
      if (!p) throw new EditorError('personId', 'no person with this id', 'NOT_FOUND');
      await this.db.exec('DELETE FROM person_alias WHERE person_id = ? AND alias_key = ?', [person, key], tx);
      const list = (JSON.parse(p.aliases) as string[]).filter((a) => personKey(a) !== key);
      await this.db.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify(list), person], tx);
      return person;
    }, () => [{ kind: 'PERSON', id: person }]);
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

  /** A new revision of the event, for calendars (SEQUENCE, DTSTAMP, LAST-MODIFIED). */
  private touchEvent(id: number, tx: Tx): Promise<void> {
    return this.db.exec('UPDATE event SET revision = revision + 1, modified_at = ? WHERE id = ?', [new Date().toISOString(), id], tx);
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
      if (keys.length) {
        await this.db.exec(`UPDATE event SET ${keys.map((k) => `"${k}" = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => cols[k]), id], tx);
        await this.touchEvent(id, tx);
      }
      return id;
    }, () => [{ kind: 'EVENT', id }]);
  }

  addPosition(person: number, title: string, institution: number | null, validFrom: string | null, validTo: string | null, evidence: number | null): Promise<number> {
    if (validFrom && validTo && validTo < validFrom) return Promise.reject(new EditorError('validTo', 'is before validFrom'));
    return this.tx(async (tx) => {
      await this.mustExist('person', person, 'person', tx);
      if (institution != null) await this.mustExist('institution', institution, 'institution', tx);
      if (evidence != null) await this.mustExist('article', evidence, 'evidence', tx);
      const id = await this.db.insert('position', { person_id: person, title, institution_id: institution, valid_from: validFrom, valid_to: validTo, evidence_article_id: evidence }, tx);
      await assignNodeKeys(this.db, tx);
      return id;
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
      await this.touchEvent(event, tx);
      return this.db.insert('participation', { event_id: event, person_id: person, institution_id: institution, party_key: party, role, evidence_article_id: evidence }, tx);
    });
  }
}
