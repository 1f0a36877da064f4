/**
 * Name comparison for person resolution: the kinds of name match the resolver weighs. Spelling-variant folding and
 * the name parts it blocks on are the ground floor's (src/text/name-parts.ts, which the migration that backfilled
 * person_name_part reads too), re-exported here. Pure functions.
 */
import { distance } from 'fastest-levenshtein';
import { personKey } from '../../text/normalize';
import { coreTokens, variantToken } from '../../text/name-parts';

export { coreTokens, nameParts, variantToken } from '../../text/name-parts';

/** Similarity of two words in [0, 1] (1 − edit distance / longer length). */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - distance(a, b) / n;
}

export type NameMatch =
  /** The same normalised name. */
  | 'EXACT'
  /** The same name once spelling variants and initials are set aside ("Rina W. Kusuma" / "Rina Kusuma", "Djoko" / "Joko"). */
  | 'VARIANT'
  /** Two or more words standing in order inside the other name ("Rina Wulandari" / "Rina Wulandari Kusuma"). */
  | 'CONTAINED'
  /** Word by word alike, one word misspelt or an initial for a word ("Rina Wulandary" / "Rina Wulandari Kusuma"). */
  | 'FUZZY'
  /** One word that opens or closes the other name ("Kusuma" / "Rina Wulandari Kusuma"). */
  | 'ONE_WORD'
  /** An all-capitals short form made of the other name's initials ("RWK"). */
  | 'INITIALS'
  /** The same name with the next word glued to its end by scraping ("Rina Kusumamenegaskan"). */
  | 'GLUED';

/** Base evidence of each kind of name match, before titles, institutions and the alias registry are weighed. */
export const NAME_EVIDENCE: Record<NameMatch, number> = { EXACT: 1, VARIANT: 0.9, CONTAINED: 0.8, GLUED: 0.8, FUZZY: 0.65, ONE_WORD: 0.4, INITIALS: 0.4 };

/**
 * Lower-case words that scraped text glues to a name ("…Kusumamenegaskan", "…Kusumadivonis"): verbs by their
 * prefixes and a few function words, five letters or more.
 */
const GLUED_WORD = /^(?:me|di|ber|ter|per|ke|se|yang|dan|untuk|dalam|pada|saat|usai|telah|sudah|juga|akan)[a-z]{3,}$/;

/** Whether `long` is `short` with a lower-case word glued to its last word, every other word equal. */
function glued(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  const [la, lb] = [a[a.length - 1], b[b.length - 1]];
  const [long, short] = la.length > lb.length ? [la, lb] : [lb, la];
  return a.slice(0, -1).every((t, i) => t === b[i]) && short.length >= 4 && long.startsWith(short) && GLUED_WORD.test(long.slice(short.length));
}

const contiguous = (long: string[], short: string[]) => {
  for (let i = 0; i + short.length <= long.length; i++) if (short.every((t, j) => long[i + j] === t)) return true;
  return false;
};

/**
 * Word-by-word alignment in order, from the first word: each word of `short` equals, is the initial of, or is within
 * edit distance of (similarity ≥ 0.8, words of 5+ letters) a word of `long`; the first words must agree exactly.
 */
function fuzzyAligned(short: string[], long: string[]): boolean {
  if (short.length < 2 || short[0] !== long[0]) return false;
  let j = 0, loose = 0;
  for (const t of short) {
    let hit = -1;
    for (let k = j; k < long.length; k++) {
      const u = long[k];
      if (t === u || (t.length === 1 && u.startsWith(t)) || (u.length === 1 && t.startsWith(u))) { hit = k; break; }
      if (t.length >= 5 && u.length >= 5 && wordSimilarity(t, u) >= 0.8) { hit = k; loose++; break; }
    }
    if (hit < 0) return false;
    j = hit + 1;
  }
  return loose <= 1;
}

/** How the name with key `a` (incoming) matches the stored name with key `b`, or null when it does not. */
export function matchNames(a: string, b: string): NameMatch | null {
  if (!a || !b) return null;
  if (a === b) return 'EXACT';
  // Bounded memo: a batch weighs the same pairs of names again and again (blocking, then deciding, article after article).
  const k = `${a}\u0000${b}`;
  let m = matches.get(k);
  if (m === undefined) {
    if (matches.size >= 50_000) matches.clear();
    matches.set(k, (m = compare(a, b)));
  }
  return m;
}
const matches = new Map<string, NameMatch | null>();

function compare(a: string, b: string): NameMatch | null {
  if (a === b) return 'EXACT';
  const wa = a.split(' '), wb = b.split(' ');
  const ca = coreTokens(a), cb = coreTokens(b);
  if (ca.length && ca.join(' ') === cb.join(' ') && (ca.length >= 2 || (wa.length === 1 && wb.length === 1))) return 'VARIANT';
  if (ca.length >= 2 && cb.length >= 2) {
    if (ca.length < cb.length ? contiguous(cb, ca) : cb.length < ca.length && contiguous(ca, cb)) return 'CONTAINED';
    const full = (x: string) => x.split(' ').map(variantToken);
    const fa = full(a), fb = full(b);
    if (glued(fa, fb)) return 'GLUED';
    if (fa.length <= fb.length ? fuzzyAligned(fa, fb) : fuzzyAligned(fb, fa)) return 'FUZZY';
    return null;
  }
  // One word against a longer name: it opens or closes it. All-capitals short forms are initials.
  if (wa.length === 1 && cb.length >= 2) {
    if (ca.length === 1 && (ca[0] === cb[0] || ca[0] === cb[cb.length - 1])) return 'ONE_WORD';
    if (/^[a-z]{2,5}$/.test(a) && a === wb.map((w) => w[0]).join('')) return 'INITIALS';
  }
  if (wb.length === 1 && ca.length >= 2) {
    if (cb.length === 1 && (cb[0] === ca[0] || cb[0] === ca[ca.length - 1])) return 'ONE_WORD';
  }
  return null;
}

/** Whether `surface` is written in capitals only (an initialism such as "RWK"), as the article wrote it. */
export const isInitialism = (surface: string) => /^\p{Lu}{2,5}$/u.test(surface.trim());

export { personKey };
