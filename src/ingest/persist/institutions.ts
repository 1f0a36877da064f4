import { InstitutionKind } from '../../entities/enums';
import { kindOfInstitution } from '../extract';
import { nameKey, slugify } from '../../text/normalize';
import { INSTITUTION_COLS } from './columns';
import { PlacePersister } from './places';

/** Institutions of an article, by canonical name or alias, with their alias registry. */
export abstract class InstitutionPersister extends PlacePersister {
  /**
   * Finds an institution by canonical name or any alias; creates it with its aliases if new. `kind` null: the one its
   * name tells (kindOfInstitution), worked out only when it is created (most names are found).
   */
  async institution(name: string, kind: InstitutionKind | null, forms: Array<string | null>, regionCode: string | null): Promise<number> {
    const key = nameKey(name);
    const cached = this.instIds.get(key);
    if (cached) return cached;
    const { db, tx } = this;
    const aliasKeys = [...new Set([key, ...forms.filter((f): f is string => !!f && f.length >= 3).map(nameKey)])];
    let entry = this.batch.institutions.get(key);
    let existed = true;
    if (entry) this.linked.institutions++;
    else {
      // Known absent when the batch began, and not created since (it would be in the cache): no lookups needed.
      const absent = this.batch.absentInstitutions.has(key);
      let row = absent ? null : await db.one<{ id: number; merged_into_id: number | null }>('SELECT id, merged_into_id FROM institution WHERE name_key = ?', [key], tx);
      if (!row && !absent) {
        await this.flushAliases();
        row = await db.one<{ id: number; merged_into_id: number | null }>(
          `SELECT i.id, i.merged_into_id FROM institution_alias a JOIN institution i ON i.id = a.institution_id WHERE a.alias_key = ? ORDER BY i.id LIMIT 1`, [key], tx);
      }
      let id: number;
      if (row) {
        id = Number(row.merged_into_id ?? row.id);
        this.linked.institutions++;
      } else {
        existed = false;
        const acronym = forms.find((f) => !!f && /^[\p{Lu}][\p{L}\d-]{1,14}$/u.test(f) && /\p{Lu}.*\p{Lu}|^[\p{Lu}][\p{Ll}]+$/u.test(f)) ?? null;
        const aliases = forms.filter((f): f is string => !!f && f !== name);
        kind ??= kindOfInstitution(name);
        const slug = this.batch.deferred ? this.batch.claimSlug('institution', slugify(name)) : null;
        if (slug) {
          id = await this.batch.nextId(db, tx, 'institution');
          const row = [id, slug, name, key, acronym, JSON.stringify(aliases), kind, null, regionCode, null];
          await this.insertRows('institution', [...INSTITUTION_COLS], [row]);
          this.batch.pendingRows.get('institution')!.set(id, row);
        } else {
          // Deferred institutions hold their slugs only in memory: they go in first, so that the slug search sees them.
          await this.batch.flushDeferred(db, tx, 'institution');
          id = await this.insertWithSlug('institution', slugify(name), { name, name_key: key, acronym, aliases, kind, parent_id: null, region_code: regionCode, merged_into_id: null });
        }
        this.created.institutions++;
        this.changed.push({ kind: 'INSTITUTION', id, fresh: true });
        this.batch.created.add(`INSTITUTION:${id}`);
      }
      // A new institution has no aliases yet.
      if (existed) await this.flushAliases();
      entry = { id, known: existed ? new Set((await db.query<{ alias_key: string }>('SELECT alias_key FROM institution_alias WHERE institution_id = ?', [id], tx)).map((r) => r.alias_key)) : new Set() };
      this.batch.institutions.set(key, entry);
    }
    const id = entry.id;
    const newForms: string[] = [];
    for (const k of aliasKeys) {
      if (entry.known.has(k)) continue;
      entry.known.add(k);
      this.batch.absentInstitutions.delete(k); // a later article's lookup of this key finds it now
      newForms.push(k);
    }
    await this.insertRows('institution_alias', ['alias_key', 'institution_id'], newForms.map((k) => [k, id]));
    if (existed && newForms.length) {
      const pending = this.batch.pendingRows.get('institution')!.get(id);
      const stored = this.batch.storedInstitutions.get(id);
      const at = { aliases: INSTITUTION_COLS.indexOf('aliases'), name: INSTITUTION_COLS.indexOf('name') };
      const cur = pending ? { aliases: JSON.parse(pending[at.aliases] as string) as string[], name: pending[at.name] as string }
        : stored ? { aliases: [...stored.aliases], name: stored.name }
          : await db.one<{ aliases: string; name: string }>('SELECT aliases, name FROM institution WHERE id = ?', [id], tx)
            .then((r) => ({ aliases: JSON.parse(r!.aliases) as string[], name: r!.name }));
      const list = cur.aliases;
      for (const f of forms) if (f && f !== cur.name && !list.includes(f)) list.push(f);
      if (pending) pending[at.aliases] = JSON.stringify(list);
      else if (stored) { stored.aliases = list; this.batch.aliasesChanged.add(id); }
      else await db.exec('UPDATE institution SET aliases = ? WHERE id = ?', [JSON.stringify(list), id], tx);
      this.changed.push({ kind: 'INSTITUTION', id });
    }
    if (!this.batch.instNames.has(id)) this.batch.instNames.set(id, name);
    this.instIds.set(key, id);
    return id;
  }
}
