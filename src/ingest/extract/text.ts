/** Text helpers of the extractor. Pure functions, no I/O. */
import { stripDegrees } from '../../text/normalize';

/**
 * Every match of a global regex, as matchAll gives them, without the copy of the regex that matchAll makes on every
 * call (a regex object set up per scan). Leaves lastIndex at 0.
 */
export function execAll(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m);
  return out;
}

/**
 * The `w` fields of a list joined by single spaces: what `list.map((x) => x.w).join(' ')` gives, without the mapped
 * copy, whose elements kind (empty or filled) deoptimised the optimised callers.
 */
export function joinWords(list: ReadonlyArray<{ w: string }>): string {
  let out = '';
  for (let i = 0; i < list.length; i++) out = i === 0 ? list[i].w : out + ' ' + list[i].w;
  return out;
}

/** The UTF-16 unit at `i`, or a space before the start and past the end (`text[i] ?? ' '` without an out-of-bounds read). */
export function unitOrSpace(text: string, i: number): string {
  return i >= 0 && i < text.length ? text[i] : ' ';
}

/** Removes honorific prefixes and degree suffixes from a display name ("Dr. H. Ali, M.Si." → "Ali"). */
export function cleanPersonName(name: string): string {
  let s = stripDegrees(name.trim());
  // Honorifics written before the name: H., Hj., Dr., Drs., Ir., Prof., KH, Bapak…
  const re = /^(?:(?:Bapak|Pak|Ibu|Bu|H|Hj|Dr|Drs|Dra|Ir|Prof|KH|Sdr|dr|drg|Ustaz|Ustadz|Kiai|Buya|Syekh|Ayatollah)\.?\s+)+/;
  s = s.replace(re, '');
  return s.replace(/\s+/g, ' ').trim();
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the words of `shortKey` (two or more) stand in order inside `longKey`. */
export function containsTokens(longKey: string, shortKey: string): boolean {
  if (longKey === shortKey) return true;
  const l = longKey.split(' '), s = shortKey.split(' ');
  if (s.length >= l.length || s.length < 2) return false;
  for (let i = 0; i + s.length <= l.length; i++) if (s.every((t, j) => l[i + j] === t)) return true;
  return false;
}

const WORD_CHAR = /[\p{L}\d]/u;

/** Whether a UTF-16 unit is white space as JavaScript's \s reads it (NaN, past the end, is not). */
export function spaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Whether the UTF-16 units of Buffer's 'utf16le' encoding read as they are on this machine. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let lastCodesText: string | null = null;
let lastCodes: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
/**
 * The UTF-16 units of a text as an array, remembered for the last text. The character scans of an article read them
 * from here: charCodeAt on texts of varied string representations (flat, sliced, concatenated) was left to a generic
 * call in the optimised code.
 */
export function codesOf(text: string): Uint16Array<ArrayBufferLike> {
  if (text === lastCodesText) return lastCodes;
  let codes: Uint16Array<ArrayBufferLike>;
  if (LITTLE_ENDIAN) {
    const b = Buffer.from(text, 'utf16le');
    codes = b.byteOffset % 2 === 0 ? new Uint16Array(b.buffer, b.byteOffset, b.length >> 1) : new Uint16Array(new Uint8Array(b).buffer);
  } else {
    codes = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  }
  lastCodesText = text; lastCodes = codes;
  return codes;
}

/** Whether a UTF-16 unit that is no surrogate is a letter or digit ([\p{L}\d]), remembered per unit (1: yes, 2: no). */
const WORD_UNIT = new Uint8Array(0x10000);
function wordUnit(c: number): boolean {
  let v = WORD_UNIT[c];
  if (v === 0) WORD_UNIT[c] = v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/** Whether the UTF-16 unit at `i` is a letter or digit (false at the end). */
export function wordCharAt(text: string, i: number): boolean {
  return i < text.length && WORD_CHAR.test(text[i]);
}

/** The word runs of a text as offsets: run k is text.slice(starts[k], ends[k]). */
export interface WordRuns {
  count: number; starts: Int32Array; ends: Int32Array;
  /** wordKey of run k, computed once for the several matchers that filter the same runs by it. */
  keys: Uint16Array;
  /** Run k as a string, sliced on first use and shared by the matchers (its hash is computed once). */
  words: Array<string | undefined>;
}

/** A 16-bit key of the word text[start, end) by its first and last characters and its length, for filters that need no string. */
export function wordKey(text: string, start: number, end: number): number {
  return ((text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) * 31 + (end - start)) & 0xffff;
}

/**
 * A set of 16-bit keys (wordKey) as 64K bits: 8 KB stay in the first-level cache, where a byte per key (64 KB) did not.
 */
export function keyBits(): Int32Array { return new Int32Array(0x800); }
export function addKey(bits: Int32Array, key: number): void { bits[key >>> 5] |= 1 << (key & 31); }
export function hasKey(bits: Int32Array, key: number): boolean { return ((bits[key >>> 5] >>> (key & 31)) & 1) === 1; }

/** Run k of `runs` (of `text`) as a string. */
export function runWord(text: string, runs: WordRuns, k: number): string {
  return runs.words[k] ??= text.slice(runs.starts[k], runs.ends[k]);
}
let lastRunsText: string | null = null;
let lastRuns: WordRuns = { count: 0, starts: new Int32Array(0), ends: new Int32Array(0), keys: new Uint16Array(0), words: [] };
/**
 * The word runs of a text (maximal runs of letters and digits), remembered for the last text: several stages walk the
 * same article one after the other. Offsets only: most runs are never looked at as strings.
 */
export function wordRunsOf(text: string): WordRuns {
  if (text === lastRunsText) return lastRuns;
  const cs = codesOf(text), n = cs.length;
  // A run takes two characters at least (one and its separator) but for the last.
  const starts = new Int32Array((n >> 1) + 1), ends = new Int32Array((n >> 1) + 1);
  let count = 0, start = -1;
  for (let i = 0; i < n;) {
    const c = cs[i];
    // ASCII letters and digits decided by code, the rest (accented letters, other scripts) by the Unicode class, a
    // surrogate pair as one code point.
    let size = 1, word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    else if (c < 0xd800 || c > 0xdfff) word = wordUnit(c);
    else {
      const cp = text.codePointAt(i)!;
      size = cp > 0xffff ? 2 : 1;
      word = WORD_CHAR.test(String.fromCodePoint(cp));
    }
    if (word) { if (start < 0) start = i; } else if (start >= 0) { starts[count] = start; ends[count++] = i; start = -1; }
    i += size;
  }
  if (start >= 0) { starts[count] = start; ends[count++] = n; }
  const keys = new Uint16Array(count);
  // wordKey, read from the codes.
  for (let k = 0; k < count; k++) keys[k] = ((cs[starts[k]] * 31 + cs[ends[k] - 1]) * 31 + (ends[k] - starts[k])) & 0xffff;
  lastRunsText = text; lastRuns = { count, starts, ends, keys, words: new Array(count) };
  return lastRuns;
}

/**
 * Finds fixed phrases in a text as `(?<![\p{L}\d])(p1|p2|…)(?![\p{L}\d])` with the phrases longest first would, but by
 * one walk over the text's word runs and a look-up by first word: a regular expression of a thousand alternatives
 * with look-behind retries them at every position. Matches do not overlap; at one position the longest phrase wins.
 */
export class PhraseMatcher {
  private byFirst = new Map<string, string[]>();
  /** The wordKeys of the phrases' first words: most words of a text have none of them and need no look-up. */
  private firstKeys = keyBits();

  /**
   * `suffixEnd`, when given, reads an optional suffix after a phrase ending at `at` and returns where it ends (-1: none);
   * a phrase is then taken with its suffix when the suffix ends at a word boundary, else alone, as an optional group would.
   */
  constructor(phrases: Iterable<string>, private readonly suffixEnd?: (text: string, at: number) => number) {
    for (const p of [...new Set(phrases)].sort((a, b) => b.length - a.length)) {
      const first = /^[\p{L}\d]+/u.exec(p)?.[0];
      if (!first) throw new Error(`a phrase must start with a letter or digit: ${p}`);
      const list = this.byFirst.get(first);
      if (list) list.push(p); else this.byFirst.set(first, [p]);
      addKey(this.firstKeys, wordKey(first, 0, first.length));
    }
  }

  matches(text: string): Array<{ start: number; end: number; phrase: string }> {
    const out: Array<{ start: number; end: number; phrase: string }> = [];
    const runs = wordRunsOf(text);
    let from = 0;
    for (let k = 0; k < runs.count; k++) {
      const s = runs.starts[k];
      if (s < from || !hasKey(this.firstKeys, runs.keys[k])) continue;
      const list = this.byFirst.get(runWord(text, runs, k));
      if (!list) continue;
      for (const p of list) {
        if (!text.startsWith(p, s)) continue;
        const bare = s + p.length, withSuffix = this.suffixEnd ? this.suffixEnd(text, bare) : -1;
        const e = withSuffix >= 0 && !wordCharAt(text, withSuffix) ? withSuffix : !wordCharAt(text, bare) ? bare : -1;
        if (e >= 0) { out.push({ start: s, end: e, phrase: p }); from = e; break; }
      }
    }
    return out;
  }
}

/** The code point that ends right before `i` (a surrogate pair read whole), or '' at the start. */
function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

/** The code point that starts at `i` (a surrogate pair read whole), or '' at the end. */
function codePointAt(text: string, i: number): string {
  if (i >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(i)!);
}

/**
 * Offsets where `word` occurs in `text` with no `edge` character right before or right after it, without overlaps:
 * what a global `(?<!edgeBefore)word(?!edgeAfter)` finds, but by indexOf (compiling a pattern per word cost more than
 * the search). The edges test one code point (never matching '').
 */
export function standaloneOffsets(text: string, word: string, edgeBefore: RegExp, edgeAfter: RegExp): number[] {
  const out: number[] = [];
  if (!word) return out;
  for (let i = text.indexOf(word); i !== -1;) {
    const e = i + word.length;
    if (!edgeBefore.test(codePointBefore(text, i)) && !edgeAfter.test(codePointAt(text, e))) { out.push(i); i = text.indexOf(word, e); } else i = text.indexOf(word, i + 1);
  }
  return out;
}

/**
 * The lead words of every LeadPattern: word → bit mask of the patterns it leads, and those masks by a 12-bit key of
 * the word, so that one walk over a text's ASCII words finds the candidates of all patterns with one small table.
 */
const leadMasks = new Map<string, number>();
const leadFilter = new Uint32Array(0x1000);
let leadPatterns = 0;
let lastLeadText: string | null = null;
let lastLeadStarts: number[][] = [];

/** For each LeadPattern, the offsets of its lead words in `text` (ascending), remembered for the last text. */
function leadStartsOf(text: string): number[][] {
  if (text === lastLeadText) return lastLeadStarts;
  const out: number[][] = [];
  for (let k = 0; k < leadPatterns; k++) out.push([]);
  const cs = codesOf(text), n = cs.length;
  for (let i = 0; i < n; i++) {
    let c = cs[i];
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) continue;
    // A run of ASCII letters that no ASCII letter precedes.
    const s = i;
    do c = ++i < n ? cs[i] : 0; while ((c >= 97 && c <= 122) || (c >= 65 && c <= 90));
    if (!leadFilter[((cs[s] * 31 + cs[i - 1]) * 31 + (i - s)) & 0xfff]) continue;
    const mask = leadMasks.get(text.slice(s, i));
    if (mask) for (let b = mask; b; b &= b - 1) out[31 - Math.clz32(b & -b)].push(s);
  }
  lastLeadText = text; lastLeadStarts = out;
  return out;
}

/**
 * A global pattern whose every match begins with one of `leads` (a whole run of ASCII letters: the pattern opens with
 * a look-behind or \b that no ASCII letter passes, then a word from a list followed by a non-letter), tried sticky at
 * those words only instead of at every position of the text. `exec(text, from)` gives what the global pattern's `exec`
 * gives from lastIndex `from`, `all(text)` what `matchAll` gives.
 */
export class LeadPattern {
  private readonly sticky: RegExp;
  private readonly id: number;

  constructor(readonly pattern: RegExp, leads: Iterable<string>) {
    if (!pattern.global || pattern.ignoreCase) throw new Error('a lead pattern is global and case-sensitive');
    if (leadPatterns === 32) throw new Error('at most 32 lead patterns');
    const words = [...leads];
    for (const w of words) if (!/^[A-Za-z]+$/.test(w)) throw new Error(`a lead is a run of ASCII letters: ${w}`);
    this.sticky = new RegExp(pattern.source, pattern.flags.replace('g', 'y'));
    this.id = leadPatterns++;
    for (const w of words) {
      leadMasks.set(w, (leadMasks.get(w) ?? 0) | (1 << this.id));
      leadFilter[wordKey(w, 0, w.length) & 0xfff] = 1;
    }
    lastLeadText = null;
  }

  exec(text: string, from = 0): RegExpExecArray | null {
    const starts = leadStartsOf(text)[this.id];
    let lo = 0, hi = starts.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (starts[mid] < from) lo = mid + 1; else hi = mid; }
    for (let k = lo; k < starts.length; k++) {
      this.sticky.lastIndex = starts[k];
      const m = this.sticky.exec(text);
      if (m) return m;
    }
    return null;
  }

  all(text: string): RegExpExecArray[] {
    const out: RegExpExecArray[] = [];
    for (let m = this.exec(text); m; m = this.exec(text, m.index + Math.max(1, m[0].length))) out.push(m);
    return out;
  }
}

/** The leading ASCII letters of each alternative ("Alun" of "Alun-alun", "Satpol" of "Satpol PP"). */
export function leadsOf(alternatives: Iterable<string>): string[] {
  return [...alternatives].map((a) => /^[A-Za-z]+/.exec(a)?.[0] ?? a);
}
