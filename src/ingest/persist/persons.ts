import { EXTRACTOR_VERSION } from '../../config';
import type { RPerson } from '../resolve/article';
import { isInitialism, matchNames, nameParts } from '../resolve/names';
import { Decision, decidePerson, IncomingPerson, StoredPerson } from '../resolve/persons';
import { nameKey, personKey, slugify } from '../../text/normalize';
import { POSITION_COLS, PERSON_COLS, UNRESOLVED_COLS, UNRESOLVED_KEY, PERSON_MERGE_COLS } from './columns';
import { positionKey, blockingKeys } from './keys';
import type { Block } from './keys';
import { InstitutionPersister } from './institutions';

/** Persons of an article: resolution against stored people, aliases, name parts and positions. */
export abstract class PersonPersister extends InstitutionPersister {
  /**
   * Resolve (ingest/resolve/persons.ts) and persist one person of the article: candidates by blocking, a decision on
   * the evidence, then a link (with the merge and its reason recorded unless the names are equal) or a new person
   * (with the candidates left for an editor when the decision was ambiguous). Nicknames the article declares go into
   * the alias registry of the person.
   */
  async person(p: RPerson, articleId: number): Promise<number> {
    const key = personKey(p.name);
    const cached = this.personIds.get(key);
    if (cached) return cached;
    const { db, tx, batch } = this;
    const positionInsts: number[] = [];
    for (const pos of p.positions) {
      if (pos.institution) positionInsts.push(await this.institution(pos.institution, null, [], null));
    }
    const block = blockingKeys(p);
    const exactIds = await batch.peopleByName(db, tx, [key]);
    // The common case decides itself: one stored person of this very name, no nickname declared, and positions on at
    // most one side (so no conflict of offices is possible); everything else is scored (decide()).
    let decision: Decision | null = null;
    if (exactIds.length === 1 && !p.declared.length) {
      await batch.ensurePositions(db, tx, exactIds);
      if (!p.positions.length || !batch.positions.get(exactIds[0])!.length) decision = { id: exactIds[0], method: 'EXACT', score: 1, reason: 'same name', ambiguous: [] };
    }
    decision ??= await this.decide(p, key, block, exactIds, positionInsts);
    let id = decision.id;
    if (id != null) {
      this.linked.persons++;
      const info = batch.personInfo.get(id)!;
      const cachedAliases = batch.personAliases.get(id);
      // The lookups that found a stored person read its aliases too (those the batch changed are in personAliases).
      const raw = cachedAliases ? null : batch.storedPersonAliases.get(id);
      const list: string[] = cachedAliases ?? JSON.parse(raw ?? (await db.one<{ aliases: string }>('SELECT aliases FROM person WHERE id = ?', [id], tx))!.aliases);
      // A fuller name than the stored one becomes the name ("Rina Wulandari" stored, "Rina Wulandari Kusuma" now); the shorter stays an alias.
      // Not when the extra words name a place or an institution of the article ("Saiful Ilah Sidoarjo": a scraped run-on).
      const longer = decision.method !== 'EXACT' && key.split(' ').length > info.key.split(' ').length && !isInitialism(p.name);
      const placeWords = () => new Set([...this.x.places.map((q) => q.name), ...this.x.institutions.map((q) => q.name)].flatMap((n) => nameKey(n).split(' ')));
      const upgrade = longer && ((pw) => !key.split(' ').some((t) => !info.key.split(' ').includes(t) && pw.has(t)))(placeWords());
      const oldName = info.name;
      const add = [...(p.name !== info.name ? [p.name] : []), ...p.aliases, ...p.declared, ...(upgrade ? [oldName] : [])]
        .filter((f, i, all) => f !== (upgrade ? p.name : info.name) && !list.includes(f) && all.indexOf(f) === i);
      const aliases = [...list.filter((f) => !(upgrade && f === p.name)), ...add];
      batch.personAliases.set(id, aliases);
      const pending = batch.pendingRows.get('person')!.get(id);
      if (upgrade) {
        if (pending) { pending[PERSON_COLS.indexOf('name')] = p.name; pending[PERSON_COLS.indexOf('name_key')] = key; }
        else await db.exec('UPDATE person SET name = ?, name_key = ? WHERE id = ?', [p.name, key, id], tx);
        const was = batch.personCandidates.get(info.key);
        if (was) batch.personCandidates.set(info.key, was.filter((x) => x !== id));
        batch.personCandidates.get(key)?.push(id);
        const newParts = nameParts(key).filter((t) => !nameParts(info.key).includes(t));
        for (const t of newParts) {
          await db.exec('INSERT INTO person_name_part (token, person_id) VALUES (?, ?) ON CONFLICT (token, person_id) DO NOTHING', [t, id], tx);
          batch.personByPart.get(t)?.push(id);
        }
        info.name = p.name; info.key = key;
      }
      if (add.length || upgrade) {
        if (pending) pending[PERSON_COLS.indexOf('aliases')] = JSON.stringify(aliases);
        // A deferring batch writes a stored person's aliases once, at its end (it reads them from personAliases meanwhile).
        else if (batch.deferred) batch.personAliasesChanged.add(id);
        else await db.exec('UPDATE person SET aliases = ? WHERE id = ?', [JSON.stringify(aliases), id], tx);
        this.changed.push({ kind: 'PERSON', id });
      }
      if (decision.ambiguous.length && p.mentions.length) {
        const m = p.mentions[0];
        await this.insertRows('unresolved_mention', UNRESOLVED_COLS, [[articleId, m.start, m.end, m.text.slice(0, 200), JSON.stringify([id, ...decision.ambiguous]), EXTRACTOR_VERSION]],
          UNRESOLVED_KEY);
      }
      if (decision.method !== 'EXACT') {
        await this.insertRows('person_merge', PERSON_MERGE_COLS, [[id, null, articleId, p.name.slice(0, 200), decision.method, decision.reason, decision.score,
          JSON.stringify({ spans: p.mentions.map((m) => [m.start, m.end]), titles: p.positions.map((q) => q.title), storedName: oldName })]]);
      }
    } else {
      const values = { name: p.name, name_key: key, aliases: p.aliases, merged_into_id: null };
      const slug = batch.deferred ? batch.claimSlug('person', slugify(p.name)) : null;
      if (slug) {
        id = await batch.nextId(db, tx, 'person');
        const row = [id, slug, p.name, key, JSON.stringify(p.aliases), null];
        await this.insertRows('person', [...PERSON_COLS], [row]);
        batch.pendingRows.get('person')!.set(id, row);
        batch.personAliases.set(id, p.aliases);
      } else {
        // Deferred people hold their slugs only in memory: they go in first, so that the slug search sees them.
        await batch.flushDeferred(db, tx, 'person');
        id = await this.insertWithSlug('person', slugify(p.name), values);
      }
      const parts = nameParts(key);
      // One statement for the person's parts (SQLite; a deferring batch writes them with its other rows).
      if (batch.deferred) await this.insertRows('person_name_part', ['token', 'person_id'], parts.map((t) => [t, id]));
      else if (parts.length) await db.exec(`INSERT INTO person_name_part (token, person_id) VALUES ${parts.map(() => '(?, ?)').join(', ')}`, parts.flatMap((t) => [t, id]), tx);
      for (const t of parts) batch.personByPart.get(t)?.push(id);
      batch.personInfo.set(id, { name: p.name, key });
      this.created.persons++;
      this.changed.push({ kind: 'PERSON', id, fresh: true });
      batch.created.add(`PERSON:${id}`);
      batch.personCandidates.get(key)?.push(id);
      batch.positions.set(id, []);
      // Not guessed: the candidates stay beside the new person for an editor (Article.unresolved).
      if (decision.ambiguous.length && p.mentions.length) {
        const m = p.mentions[0];
        await this.insertRows('unresolved_mention', UNRESOLVED_COLS, [[articleId, m.start, m.end, m.text.slice(0, 200), JSON.stringify([id, ...decision.ambiguous]), EXTRACTOR_VERSION]],
          UNRESOLVED_KEY);
      }
    }
    // The alias registry learns the nicknames this article declares; later articles resolve them.
    const info = batch.personInfo.get(id)!;
    for (const d of p.declared) {
      const k = personKey(d);
      if (!k || k === info.key || batch.personByAlias.get(k)?.includes(id)) continue;
      await db.exec('INSERT INTO person_alias (person_id, alias, alias_key, kind, article_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (alias_key, person_id) DO NOTHING',
        [id, d.slice(0, 200), k, 'DECLARED', articleId], tx);
      const known = batch.personByAlias.get(k);
      if (known) known.push(id); else if (batch.deferred) batch.personByAlias.set(k, [id]);
    }
    // Positions: the same title at the same institution widens its dates; a new one is added, never overwritten.
    for (const [i, pos] of p.positions.entries()) {
      const instId = pos.institution ? positionInsts[p.positions.slice(0, i).filter((q) => q.institution).length] : null;
      const mine = this.batch.positions.get(id);
      const same = mine ? mine.find((h) => h.title === pos.title && h.institution_id === instId) ?? null : await db.one<{ id: number; valid_from: string | null; valid_to: string | null }>(
        `SELECT id, valid_from, valid_to FROM position WHERE person_id = ? AND title = ? AND ${instId == null ? 'institution_id IS NULL' : 'institution_id = ?'} ORDER BY id LIMIT 1`,
        instId == null ? [id, pos.title] : [id, pos.title, instId], tx);
      if (same) {
        if (this.date) {
          const from = same.valid_from && same.valid_from < this.date ? same.valid_from : this.date;
          const to = same.valid_to && same.valid_to > this.date ? same.valid_to : this.date;
          const pending = 'pending' in same ? same.pending : undefined; // set until the deferred rows are written
          same.valid_from = from;
          same.valid_to = to;
          if (pending) { pending[POSITION_COLS.indexOf('valid_from')] = from; pending[POSITION_COLS.indexOf('valid_to')] = to; }
          // A deferring batch writes the widest dates once, at its end (nothing in it reads them from the table).
          else if (this.batch.deferred && mine) this.batch.widened.set(Number(same.id), same);
          else await db.exec('UPDATE position SET valid_from = ?, valid_to = ? WHERE id = ?', [from, to, same.id], tx);
        }
      } else {
        const values = { person_id: id, title: pos.title, institution_id: instId, valid_from: this.date, valid_to: this.date, evidence_article_id: articleId };
        // Deferred with the batch's other rows when the batch keeps every position it touches (nothing reads its id).
        const pending = this.batch.deferred && mine ? POSITION_COLS.map((c) => values[c]) : undefined;
        if (pending) await this.insertRows('position', [...POSITION_COLS], [pending]);
        const posId = pending ? null : await db.insert('position', values, tx);
        const entry = { id: posId, institution_id: instId, title: pos.title, valid_from: this.date, valid_to: this.date, pending };
        mine?.push(entry);
        if (pending) this.batch.pendingPositions.set(positionKey(id, pos.title, instId), entry);
        this.changed.push({ kind: 'PERSON', id });
      }
    }
    this.personIds.set(key, id);
    return id;
  }

  /** Candidates by blocking, their names, positions and institutions, and the scored decision (resolve/persons.ts). */
  private async decide(p: RPerson, key: string, block: Block, exactIds: number[], positionInsts: number[]): Promise<Decision> {
    const { db, tx, batch } = this;
    const ids = new Set<number>([...exactIds, ...await batch.peopleByName(db, tx, block.names), ...await batch.peopleByAlias(db, tx, block.aliases)]);
    // Shorter and longer forms (name parts) matter when the name itself is not stored yet, or only under a
    // namesake who cannot be this person.
    const withParts = async () => {
      // Outside the batch's prefetch, a deferring batch writes its people first, so that the table has them.
      if (batch.deferred && block.parts.some((t) => !batch.personByPart.has(t))) {
        await batch.flushDeferred(db, tx, 'person');
        await batch.flushDeferred(db, tx, 'person_name_part');
      }
      for (const id of await batch.peopleByPart(db, tx, block.parts)) ids.add(id);
    };
    if (!exactIds.length) await withParts();
    // Only candidates whose names can match at all are weighed (a shared common word such as "Budi" finds many).
    // Registry hits are what the alias lookup found; registries themselves are read only for the candidates kept.
    const byAlias = new Set(block.aliases.flatMap((k) => batch.personByAlias.get(k) ?? []));
    const named = (await batch.names(db, tx, [...ids])).filter((c) => byAlias.has(c.id) || c.key === key || block.curated === c.key || matchNames(key, c.key) != null
      || block.formKeys.includes(c.key));
    const infos = named.map((c) => ({ ...c, registry: new Map(block.aliases.filter((k) => batch.personByAlias.get(k)?.includes(c.id)).map((k) => [k, 'REGISTERED'])) }));
    await batch.ensurePositions(db, tx, infos.map((c) => c.id));
    const instIdsHeld = infos.flatMap((c) => batch.positions.get(c.id)!.map((h) => h.institution_id).filter((i): i is number => i != null));
    const names = await batch.institutionNames(db, tx, [...instIdsHeld, ...positionInsts]);
    let at = 0;
    const incoming: IncomingPerson = {
      name: p.name, key, formKeys: block.formKeys, curated: block.curated, articleInsts: new Set(this.instIds.values()),
      positions: p.positions.map((pos) => {
        const iid = pos.institution ? positionInsts[at++] : null;
        return { title: pos.title, institution_id: iid, institution: iid != null ? names.get(iid) ?? pos.institution : null };
      }),
    };
    const stored: StoredPerson[] = infos.map((c) => ({
      ...c, positions: batch.positions.get(c.id)!.map((h) => ({ title: h.title, institution_id: h.institution_id, institution: h.institution_id != null ? names.get(h.institution_id) ?? null : null })),
    }));
    let decision = decidePerson(incoming, stored);
    if (decision.id == null && exactIds.length && block.parts.length) {
      // Every namesake was ruled out: look at the other forms too.
      const before = ids.size;
      await withParts();
      if (ids.size > before) {
        const more = (await batch.names(db, tx, [...ids].filter((c) => !infos.some((i) => i.id === c)))).filter((c) => matchNames(key, c.key) != null);
        await batch.ensurePositions(db, tx, more.map((c) => c.id));
        const held = await batch.institutionNames(db, tx, more.flatMap((c) => batch.positions.get(c.id)!.map((h) => h.institution_id).filter((i): i is number => i != null)));
        stored.push(...more.map((c) => ({ ...c, registry: new Map<string, string>(),
          positions: batch.positions.get(c.id)!.map((h) => ({ title: h.title, institution_id: h.institution_id, institution: h.institution_id != null ? held.get(h.institution_id) ?? null : null })) })));
        decision = decidePerson(incoming, stored);
      }
    }
    return decision;
  }
}
