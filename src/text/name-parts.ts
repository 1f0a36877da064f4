/**
 * The words of a person's name as resolution compares and blocks on them: spelling variants folded, and the name
 * parts stored in `person_name_part` (ingest, editors' splits and the migration that backfilled them all use these).
 * Pure functions.
 */

/**
 * One name word with old and new Indonesian spellings folded together (Soeharto/Suharto, Djoko/Joko, Tjahjo/Cahyo,
 * Sjahrir/Syahrir, Chairul/Khairul), apostrophes dropped (Ma'ruf/Maruf) and doubled letters single (Yusuff/Yusuf).
 */
const variants = new Map<string, string>();
export function variantToken(t: string): string {
  let v = variants.get(t);
  if (v === undefined) {
    // Bounded memo: ingest meets the same few thousand name words over and over.
    if (variants.size >= 20_000) variants.clear();
    variants.set(t, (v = fold(t)));
  }
  return v;
}
function fold(t: string): string {
  return t.toLowerCase().replace(/['’`‘]/g, '')
    .replace(/oe/g, 'u').replace(/dj/g, 'j').replace(/tj/g, 'c').replace(/sj/g, 'sy').replace(/nj/g, 'ny').replace(/ch/g, 'kh')
    .replace(/(.)\1+/g, '$1');
}

/** The words of a person key that carry the name: single letters ("Rina W. Kusuma") left out, variants folded. */
export function coreTokens(key: string): string[] {
  return key.split(' ').filter((t) => t.length >= 2).map(variantToken);
}

/**
 * Name parts stored for blocking: the first and last core words (the ones a short form keeps: "Rina Wulandari",
 * "Kusuma"), and the initials of a name of 3+ words prefixed "~" ("~rwk").
 */
export function nameParts(key: string): string[] {
  const core = coreTokens(key);
  const out = new Set(core.length ? [core[0], core[core.length - 1]] : []);
  const words = key.split(' ').filter(Boolean);
  if (words.length >= 3) out.add(`~${words.map((w) => w[0]).join('')}`);
  return [...out].map((t) => t.slice(0, 100));
}
