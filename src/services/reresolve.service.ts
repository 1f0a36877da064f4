/**
 * Re-resolution over a stored database (`warta resolve`): what ingest could not know when an article came in — an
 * alias declared only by a later article, a fuller name stored only later, namesakes split by an older resolver —
 * is decided again for every stored person, with the same blocking and evidence as ingest (persons.ts). A link
 * becomes a merge of the two records (through the editor's merge, so that splitPerson can undo it), recorded with
 * its reason. Read-mostly: one indexed lookup set per person, one transaction per merge.
 */
import { Db } from '../db/database';
import { UNMERGED } from '../db/columns';
import { EditorService } from './editor.service';
import { personKey } from '../text/normalize';
import { CURATED_NICKNAMES } from '../ingest/resolve/nicknames';
import { coreTokens, matchNames, variantToken } from '../ingest/resolve/names';
import { decidePerson, IncomingPerson, StoredPerson } from '../ingest/resolve/persons';

export interface Remerge { survivor: number; merged: number; form: string; method: string; reason: string }

type Held = Array<{ title: string; institution_id: number | null; institution: string | null }>;

async function positionsOf(db: Db, ids: number[]): Promise<Map<number, Held>> {
  const out = new Map<number, Held>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  for (const r of await db.query<{ pid: number; title: string; iid: number | null; iname: string | null }>(`SELECT po.person_id AS pid, po.title, po.institution_id AS iid, i.name AS iname
      FROM position po LEFT JOIN institution i ON i.id = po.institution_id WHERE po.person_id IN (${ids.map(() => '?').join(', ')})`, ids)) {
    out.get(Number(r.pid))!.push({ title: r.title, institution_id: r.iid == null ? null : Number(r.iid), institution: r.iname });
  }
  return out;
}

/** Decides every stored person again; `apply` false only reports what would be merged. */
export async function reresolve(db: Db, opts: { apply: boolean; log?: (m: Remerge) => void } = { apply: true }): Promise<Remerge[]> {
  const done: Remerge[] = [];
  // A merge can make another one decidable (duplicates of a nickname gone, the nickname meets its full name): a few passes.
  for (let pass = 0; pass < 3; pass++) {
    const more = await onePass(db, opts);
    done.push(...more);
    if (!more.length || !opts.apply) break;
  }
  return done;
}

async function onePass(db: Db, opts: { apply: boolean; log?: (m: Remerge) => void }): Promise<Remerge[]> {
  const editor = new EditorService(db);
  const done: Remerge[] = [];
  // Shorter names first: a short form or nickname merges into its full name, not the other way round.
  const people = await db.query<{ id: number; name: string; k: string; aliases: string }>('SELECT id, name, name_key AS k, aliases FROM person WHERE merged_into_id IS NULL ORDER BY id');
  people.sort((a, b) => a.k.split(' ').length - b.k.split(' ').length || Number(a.id) - Number(b.id));
  const gone = new Set<number>();
  for (const p of people) {
    const id = Number(p.id);
    if (gone.has(id)) continue;
    const key = p.k;
    const forms = (JSON.parse(p.aliases) as string[]).map(personKey).filter((f) => f && f !== key);
    const curated = [key, ...forms].map((k) => CURATED_NICKNAMES.get(k)).find((k) => k) ?? null;
    const core = coreTokens(key);
    const parts = core.length <= 1 ? [variantToken(key.replace(/ /g, ''))] : [core[0], core[core.length - 1]];
    const keys = [...new Set([key, ...(curated ? [curated] : [])])];
    const marks = (xs: unknown[]) => xs.map(() => '?').join(', ');
    const ids = new Set<number>();
    for (const r of await db.query<{ id: number }>(`SELECT id FROM person WHERE name_key IN (${marks(keys)}) AND ${UNMERGED('person')}`, keys)) ids.add(Number(r.id));
    const aliasKeys = [key, ...forms];
    const byAlias = new Map<number, Set<string>>();
    for (const r of await db.query<{ id: number; k: string }>(`SELECT p.id, a.alias_key AS k FROM person_alias a JOIN person p ON p.id = a.person_id
        WHERE a.alias_key IN (${marks(aliasKeys)}) AND ${UNMERGED('p')}`, aliasKeys)) {
      ids.add(Number(r.id));
      const s = byAlias.get(Number(r.id)) ?? new Set(); s.add(r.k); byAlias.set(Number(r.id), s);
    }
    for (const r of await db.query<{ id: number }>(`SELECT p.id FROM person_name_part n JOIN person p ON p.id = n.person_id
        WHERE n.token IN (${marks(parts)}) AND ${UNMERGED('p')} LIMIT 200`, parts)) ids.add(Number(r.id));
    ids.delete(id);
    for (const g of gone) ids.delete(g);
    if (!ids.size) continue;
    const cands = (await db.query<{ id: number; name: string; k: string }>(`SELECT id, name, name_key AS k FROM person WHERE id IN (${marks([...ids])})`, [...ids]))
      .map((c) => ({ id: Number(c.id), name: c.name, key: c.k }))
      // Only towards an equal or fuller name: the shorter record is the one that goes.
      .filter((c) => c.key.split(' ').length >= key.split(' ').length && (byAlias.has(c.id) || c.key === key || curated === c.key || matchNames(key, c.key) != null));
    if (!cands.length) continue;
    const held = await positionsOf(db, [id, ...cands.map((c) => c.id)]);
    const incoming: IncomingPerson = { name: p.name, key, formKeys: forms, curated, articleInsts: new Set(), positions: held.get(id)! };
    const stored: StoredPerson[] = cands.map((c) => ({ ...c, registry: new Map([...(byAlias.get(c.id) ?? [])].map((k) => [k, 'REGISTERED'])), positions: held.get(c.id)! }));
    const d = decidePerson(incoming, stored);
    if (d.id == null) continue;
    // Two records of one exact name: the older one survives.
    const [survivor, merged] = d.method === 'EXACT' && d.id > id ? [id, d.id] : [d.id, id];
    const m: Remerge = { survivor, merged, form: p.name, method: d.method ?? 'EXACT', reason: `re-resolution: ${d.reason}` };
    if (opts.apply) await editor.mergePersons(survivor, merged, { method: m.method, reason: m.reason, score: d.score });
    gone.add(merged);
    done.push(m);
    opts.log?.(m);
  }
  return done;
}
