/**
 * Cross-article person identity: is the person an article names someone already stored? Candidates come from
 * blocking (same name key, a registered alias, a shared name part or initials); each is scored on the evidence — how
 * the names match, titles and institutions in common, the alias registry — and linked only above a threshold, with
 * a reason in words. Ties between candidates are left for an editor, never guessed. Deterministic and pure: the
 * persister (persist/persons.ts) fetches candidates and applies the decision.
 */
import { personKey } from '../../text/normalize';
import { matchNames, NAME_EVIDENCE, NameMatch } from './names';

/** A decision links only at or above this score. */
export const LINK_THRESHOLD = 0.75;
/** Candidates within this margin of the best one make the decision ambiguous. */
const AMBIGUITY_MARGIN = 0.15;

export interface StoredPerson {
  id: number; name: string; key: string;
  /** Aliases from the registry (declared in an article, curated, added by an editor): key → kind. */
  registry: Map<string, string>;
  positions: Array<{ title: string; institution_id: number | null; institution: string | null }>;
}

export interface IncomingPerson {
  name: string; key: string;
  /** Keys of the other written forms in this article. */
  formKeys: string[];
  positions: Array<{ title: string; institution_id: number | null; institution: string | null }>;
  /** Institutions this article names. */
  articleInsts: Set<number>;
  /** Full-name key a curated nickname points to, when the name is one. */
  curated: string | null;
}

export interface Decision {
  id: number | null;
  /** How the link was made (EXACT links need no record); null when no link. */
  method: NameMatch | 'ALIAS' | 'CURATED' | null;
  score: number;
  reason: string;
  /**
   * Candidates an editor should look at: when the best ones tie (no link, or a link to the one of the same name), or
   * when a short form has candidates below the threshold.
   */
  ambiguous: number[];
}

/** Titles that many people hold at once: sharing one alone says little. */
const GENERIC_TITLES = new Set(['menteri', 'ketua', 'wakil ketua', 'anggota', 'kepala', 'wakil', 'direktur', 'direktur utama', 'sekretaris', 'gubernur',
  'bupati', 'wali kota', 'wakil gubernur', 'wakil bupati', 'hakim', 'jaksa', 'ketua umum', 'komisaris', 'dirut', 'staf', 'juru bicara', 'kapolres', 'kapolda',
  'camat', 'lurah', 'kepala desa', 'wakil menteri', 'duta besar', 'pengacara', 'kuasa hukum', 'terdakwa', 'saksi']);

/** Offices of a region or village: two namesakes holding such offices in different places are two people. */
const LOCAL = /^(?:dprd|dinas|pemerintah (?:kabupaten|kota|desa)|desa|kecamatan|kelurahan|polres|polsek|kodim|koramil|puskesmas|rsud|sekolah|sdn?|smpn?|sman?|smkn?)\b|^(?:kepala desa|camat|lurah|kepala dinas|kadis|kapolsek|danramil)\b/;

const titleKey = (t: string) => personKey(t);

function titleMatch(a: string, b: string): 'SAME' | 'PREFIX' | null {
  const x = titleKey(a), y = titleKey(b);
  if (!x || !y) return null;
  if (x === y) return 'SAME';
  if (x.startsWith(y + ' ') || y.startsWith(x + ' ')) return 'PREFIX';
  return null;
}

const isLocal = (ps: IncomingPerson['positions']) => ps.some((p) => LOCAL.test(personKey(p.institution ?? '')) || LOCAL.test(titleKey(p.title)));

/** Evidence from positions: shared institution, shared title; and whether the two clearly hold different local offices. */
function positionEvidence(inc: IncomingPerson, c: StoredPerson): { score: number; why: string[]; conflict: boolean } {
  const why: string[] = [];
  let score = 0;
  const sharedInst = inc.positions.find((p) => p.institution_id != null && c.positions.some((h) => h.institution_id === p.institution_id));
  if (sharedInst) { score += 0.4; why.push(`same institution "${sharedInst.institution}"`); }
  else if (c.positions.some((h) => h.institution_id != null && inc.articleInsts.has(h.institution_id))) {
    score += 0.1; why.push('an institution of theirs is named in the article');
  }
  let best: { kind: 'SAME' | 'PREFIX'; title: string } | null = null;
  for (const p of inc.positions) for (const h of c.positions) {
    const m = titleMatch(p.title, h.title);
    if (m && (!best || (m === 'SAME' && best.kind === 'PREFIX'))) best = { kind: m, title: m === 'SAME' ? p.title : (p.title.length > h.title.length ? h.title : p.title) };
  }
  if (best) {
    const generic = GENERIC_TITLES.has(titleKey(best.title));
    const w = generic ? 0.15 : best.kind === 'SAME' ? 0.35 : 0.3;
    score += w;
    why.push(`${generic ? 'shared generic' : 'shared'} title "${best.title}"`);
  }
  const conflict = !sharedInst && !best && inc.positions.length > 0 && c.positions.length > 0 && (isLocal(inc.positions) || isLocal(c.positions));
  return { score, why, conflict };
}

/** The decision for one person of an article, among stored candidates (already deduplicated, unmerged). */
export function decidePerson(inc: IncomingPerson, cands: StoredPerson[]): Decision {
  const scored: Array<{ c: StoredPerson; score: number; method: Decision['method']; why: string[]; exact: boolean }> = [];
  const wordCount = inc.key.split(' ').length;
  for (const c of cands) {
    let method: Decision['method'] = null;
    let base = 0;
    const why: string[] = [];
    const m = matchNames(inc.key, c.key);
    const reg = c.registry.get(inc.key);
    if (m === 'EXACT') { method = 'EXACT'; base = NAME_EVIDENCE.EXACT; why.push('same name'); }
    else if (reg) { method = 'ALIAS'; base = 0.9; why.push(`"${inc.name}" is a registered alias (${reg.toLowerCase()})`); }
    else if (inc.curated && inc.curated === c.key) { method = 'CURATED'; base = 0.9; why.push(`"${inc.name}" is a well-known nickname of ${c.name}`); }
    else if (m) { method = m; base = NAME_EVIDENCE[m]; why.push(`${m.toLowerCase().replace('_', ' ')} name match "${inc.name}" ~ "${c.name}"`); }
    else {
      // Another written form of this article's person may match (the extractor's short form of a longer name).
      const viaForm = inc.formKeys.find((f) => matchNames(f, c.key) === 'EXACT' || c.registry.has(f));
      if (viaForm) { method = 'ALIAS'; base = 0.85; why.push(`form "${viaForm}" matches`); }
    }
    if (!method) continue;
    const ev = positionEvidence(inc, c);
    // A shared name with different local offices is two people (namesakes are common in regional news); a
    // different title at a national office never splits one person.
    if (ev.conflict && method !== 'ALIAS' && method !== 'CURATED') continue;
    scored.push({ c, score: Math.min(1.5, base + ev.score), method, why: [...why, ...ev.why], exact: method === 'EXACT' });
  }
  if (!scored.length) return { id: null, method: null, score: 0, reason: 'no candidate', ambiguous: [] };
  scored.sort((a, b) => b.score - a.score || a.c.id - b.c.id);
  const top = scored[0];
  const eligible = scored.filter((s) => s.score >= LINK_THRESHOLD);
  if (!eligible.length) {
    // A short form with candidates that fall short: an editor decides (one-word names only: longer names are new people).
    const amb = wordCount === 1 || top.method === 'CONTAINED' ? scored.slice(0, 5).map((s) => s.c.id) : [];
    return { id: null, method: null, score: top.score, reason: `best candidate ${top.c.name} scored ${top.score.toFixed(2)} < ${LINK_THRESHOLD}`, ambiguous: amb };
  }
  // Namesakes stored apart already (by an editor or by a conflict): the same name picks the best-supported one.
  const rival = eligible.find((s) => s !== top && s.c.id !== top.c.id && top.score - s.score < AMBIGUITY_MARGIN);
  if (rival && !(top.exact && rival.exact)) {
    // The same name stored already: linked to it (a new record for every such mention would multiply it), with the
    // other candidates left for an editor.
    const exact = eligible.find((s) => s.exact);
    if (exact) {
      return { id: exact.c.id, method: 'EXACT', score: exact.score, reason: `${exact.why.join('; ')}; also fits ${eligible.filter((s) => s !== exact).map((s) => s.c.name).join(', ')}`,
        ambiguous: eligible.filter((s) => s !== exact).slice(0, 4).map((s) => s.c.id) };
    }
    return { id: null, method: null, score: top.score, reason: `ambiguous: ${top.c.name} (${top.score.toFixed(2)}) and ${rival.c.name} (${rival.score.toFixed(2)})`,
      ambiguous: eligible.slice(0, 5).map((s) => s.c.id) };
  }
  return { id: top.c.id, method: top.method, score: top.score, reason: `${top.why.join('; ')} (score ${top.score.toFixed(2)} ≥ ${LINK_THRESHOLD})`, ambiguous: [] };
}
