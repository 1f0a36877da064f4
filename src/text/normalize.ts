/** Normalised forms of text: cleaned text, folded accents, resolution keys of names, slugs. Pure functions, no I/O. */

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** NFC, zero-width characters and soft hyphens removed, NBSP as space, CRLF as LF. */
export function cleanText(s: string): string {
  // A no-break space right after a Latin-1 continuation character is a byte of mis-read UTF-8 ("â\u0081\u00A0"), left
  // for the extractor's cleanup to decode whole.
  return s.normalize('NFC').replace(ZERO_WIDTH, '').replace(/(?<![\u0080-\u00BF])\u00A0/g, ' ').replace(/\r\n?/g, '\n');
}

const HONORIFICS = new Set(['bapak', 'pak', 'ibu', 'bu', 'h', 'hj', 'dr', 'drs', 'dra', 'ir', 'prof', 'kh', 'sdr', 'saudara', 'hc', 'tgh', 'habib', 'ustaz', 'ustadz']);
const DEGREE_RE = /,?\s+\b(S\.?\s?H|S\.?\s?E|S\.?\s?Sos|S\.?\s?IP|S\.?\s?Pd|S\.?\s?Kom|S\.?\s?T|S\.?\s?Ag|S\.?\s?STP|M\.?\s?Si|M\.?\s?M|M\.?\s?H|M\.?\s?Pd|M\.?\s?Ag|M\.?\s?AP|M\.?\s?Kes|M\.?\s?T|MBA|MH|MSi|MM|MAP|Ph\.?\s?D|Sp\.?\s?[A-Z]{1,3})\.?(?=[\s,]|$)/g;

/** Removes academic degrees ("M.Si.", "S.H.") from a written name. */
export function stripDegrees(name: string): string {
  let prev: string;
  let s = name;
  do { prev = s; s = s.replace(DEGREE_RE, ''); } while (s !== prev);
  return s.trim().replace(/[,\s]+$/, '');
}

/** Cyrillic and Greek letters that look like Latin ones (a name pasted with them must not become a second person). */
const CONFUSABLES: Record<string, string> = {
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l',
  'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v',
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');

/** Folds confusable letters and accents so that visually equal names compare equal. */
export function foldAccents(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(CONFUSABLE_RE, (c) => CONFUSABLES[c]);
}

/**
 * A key function remembered for short inputs: ingest asks for the keys of the same few thousand names over and over
 * (every article names its regency, its offices, its officials). Bounded: the map starts afresh when full.
 */
function remembered(fn: (s: string) => string, max = 20_000): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    if (s.length > 200) return fn(s);
    let v = memo.get(s);
    if (v === undefined) {
      if (memo.size >= max) memo.clear();
      memo.set(s, (v = fn(s)));
    }
    return v;
  };
}

/** Resolution key of a person's name: NFKC, no degrees or honorifics, lower case, single spaces. */
export const personKey = remembered((name: string): string => {
  let s = foldAccents(cleanText(name).normalize('NFKC'));
  s = stripDegrees(s).toLowerCase().replace(/[‘’'`".,()\-–—/]/g, ' ');
  const toks = s.split(/\s+/).filter(Boolean);
  while (toks.length > 1 && HONORIFICS.has(toks[0])) toks.shift();
  return toks.join(' ');
});

/** Resolution key of an institution or place name. */
export const nameKey = remembered((name: string): string =>
  foldAccents(cleanText(name).normalize('NFKC')).toLowerCase().replace(/[‘’'`".,()\-–—]/g, ' ').replace(/\s+/g, ' ').trim());

/** URL-safe slug (ASCII, hyphens), at most `max` characters. */
export function slugify(s: string, max = 80): string {
  const slug = foldAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (slug.slice(0, max).replace(/-+$/, '') || 'x');
}
