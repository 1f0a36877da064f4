/** Tokenizer for the tagger: words, numbers and punctuation with their character offsets in the source text. */
import { codesOf } from '../text';

export interface Token { text: string; start: number; end: number }

// A word keeps inner dots, hyphens, apostrophes and slashes ("S.H.", "Al-Ashar", "29/10"), and one trailing dot
// only when it is a single capital ("H."), as the corpus writes initials; any other character is its own token.
// Latin letters are spelled out as ranges (Latin-1 and Extended-A/B): Unicode property classes made this regex the
// slowest step of tagging; other scripts fall to single characters, which news in Indonesian hardly has.
const L = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const TOKEN_RE = new RegExp(`[A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE]\\.(?![${L}])|[${L}0-9]+(?:[.'’\\-/][${L}0-9]+)*|\\S`, 'g');

/**
 * Character classes by table: LETTER (Latin, Latin-1 and Extended-A/B, without × and ÷), DIGIT, SPACE (JavaScript's \s
 * below U+3001) and CAPITAL (a capital an initial may be). A table read has type feedback from the first character on;
 * the comparisons it replaces had none for the ranges an article reached first in optimised code, which deoptimised
 * the tokenizer each time.
 */
const LETTER = 1, DIGIT = 2, SPACE = 4, CAPITAL = 8;
const CLASS = new Uint8Array(0x3001);
for (let c = 0; c < CLASS.length; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) CLASS[c] |= LETTER;
  if (c >= 48 && c <= 57) CLASS[c] |= DIGIT;
  if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
    || c === 0x205f || c === 0x3000) CLASS[c] |= SPACE;
  if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) CLASS[c] |= CAPITAL;
}
/** Letters of the word class above and digits. */
function isWordChar(c: number): boolean {
  return c < 0x3001 && (CLASS[c] & (LETTER | DIGIT)) !== 0;
}
/** The white space of JavaScript's \s. */
function isSpace(c: number): boolean {
  return c < 0x3001 ? (CLASS[c] & SPACE) !== 0 : c === 0xfeff;
}
/** Whether c is in class `k` (false at and above U+3001). */
function inClass(c: number, k: number): boolean {
  return c < 0x3001 && (CLASS[c] & k) !== 0;
}

/** What a global TOKEN_RE would find, read by one walk over the characters (the regex cost a match object per token). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // The characters read from an array (codesOf), past the end as 0.
  const cs = codesOf(text), n = cs.length;
  const at = (k: number) => (k < n ? cs[k] : 0);
  let i = 0;
  while (i < n) {
    const c = cs[i];
    if (isSpace(c)) { i++; continue; }
    const start = i;
    // An initial: one capital and a dot that no letter follows.
    if (inClass(c, CAPITAL) && at(i + 1) === 46) {
      // No letter after the dot (a digit may follow).
      if (!inClass(at(i + 2), LETTER)) { out.push({ text: text.slice(start, i + 2), start, end: i + 2 }); i += 2; continue; }
    }
    if (isWordChar(c)) {
      i++;
      while (i < n && isWordChar(cs[i])) i++;
      // Inner dots, apostrophes, hyphens and slashes join word runs.
      for (;;) {
        const j = at(i);
        if ((j === 46 || j === 39 || j === 0x2019 || j === 45 || j === 47) && i + 1 < n && isWordChar(cs[i + 1])) {
          i += 2;
          while (i < n && isWordChar(cs[i])) i++;
        } else break;
      }
      out.push({ text: text.slice(start, i), start, end: i });
      continue;
    }
    out.push({ text: text[i], start, end: i + 1 });
    i++;
  }
  return out;
}

/** The regular-expression form of `tokenize`, kept as its specification (tests compare the two). */
export function tokenizeByPattern(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
