import { PlaceKind } from '../../entities/enums';
import { nameKey } from '../../text/normalize';
import { PLACE_COLS } from './columns';
import { placeSlug } from './keys';
import { PersisterBase } from './persister';

/** Places of an article: regions by official code, other places by name, kind and parent. */
export abstract class PlacePersister extends PersisterBase {
  /** Regions by official code (with their province as parent); other places by name, kind and parent. */
  async place(name: string, kind: PlaceKind, code: string | null, parentName: string | null): Promise<number> {
    const k = `${kind}:${code ?? nameKey(name)}:${parentName ?? ''}`;
    const cached = this.placeIds.get(k);
    if (cached) return cached;
    const earlier = this.batch.places.get(k);
    if (earlier) { this.linked.places++; this.placeIds.set(k, earlier); return earlier; }
    const { db, tx } = this;
    // A region is found by its official code alone; its parent is looked up only to create it.
    const cachedCode = code ? this.batch.placesByCode.get(code) : undefined;
    // Waiting places are written before any lookup in the table (the batch's own lookups come from its prefetch).
    const flush = () => this.batch.flushDeferred(db, tx, 'place');
    const byCode = !code ? null : cachedCode !== undefined ? (cachedCode == null ? null : { id: cachedCode })
      : (await flush(), await db.one<{ id: number }>('SELECT id FROM place WHERE region_code = ?', [code], tx));
    let parentId: number | null = null;
    if (parentName && !byCode) {
      const parentKind = kind === PlaceKind.VENUE ? null : PlaceKind.PROVINCE;
      const known = this.batch.knownPlace(nameKey(parentName), parentKind ? [parentKind] : [PlaceKind.REGENCY, PlaceKind.CITY, PlaceKind.PROVINCE]);
      if (known === undefined) await flush();
      const pr = known !== undefined ? (known == null ? null : { id: known }) : parentKind
        ? await db.one<{ id: number }>('SELECT id FROM place WHERE name_key = ? AND kind = ?', [nameKey(parentName), parentKind], tx)
        : await db.one<{ id: number }>(`SELECT id FROM place WHERE name_key = ? AND kind IN ('REGENCY', 'CITY', 'PROVINCE') ORDER BY region_code LIMIT 1`, [nameKey(parentName)], tx);
      parentId = pr ? Number(pr.id) : null;
      if (!parentId && parentKind === PlaceKind.PROVINCE && code) {
        parentId = await this.place(parentName, PlaceKind.PROVINCE, code.split('.')[0], null);
      }
    }
    const known = code ? undefined : this.batch.knownPlace(nameKey(name), [kind], parentId ?? 0);
    if (!code && known === undefined) await flush();
    const row = code
      ? byCode
      : known !== undefined ? (known == null ? null : { id: known })
        : await db.one<{ id: number }>('SELECT id FROM place WHERE name_key = ? AND kind = ? AND scope_key = ?', [nameKey(name), kind, parentId ?? 0], tx);
    let id: number;
    if (row) { id = Number(row.id); this.linked.places++; }
    else {
      const base = placeSlug(name, kind, code);
      const slug = this.batch.deferred ? this.batch.claimSlugSeries('place', base) : null;
      if (slug) {
        id = await this.batch.nextId(db, tx, 'place');
        const row = [id, slug, name, nameKey(name), kind, parentId, parentId ?? 0, code];
        await this.insertRows('place', [...PLACE_COLS], [row]);
        this.batch.pendingRows.get('place')!.set(id, row);
      } else {
        await flush();
        id = await this.insertWithSlug('place', base, { name, name_key: nameKey(name), kind, parent_id: parentId, scope_key: parentId ?? 0, region_code: code });
      }
      this.created.places++;
      this.changed.push({ kind: 'PLACE', id, fresh: true });
      this.batch.created.add(`PLACE:${id}`);
      this.batch.placeCreated(nameKey(name), id, kind, parentId ?? 0);
      if (code && this.batch.placesByCode.has(code)) this.batch.placesByCode.set(code, id);
    }
    this.placeIds.set(k, id);
    this.batch.places.set(k, id);
    return id;
  }
}
