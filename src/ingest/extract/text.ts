/** Text helpers of the extractor. Pure functions, no I/O. */
import { stripDegrees } from '../../text/normalize';

/** Removes honorific prefixes and degree suffixes from a display name ("Dr. H. Ali, M.Si." → "Ali"). */
export function cleanPersonName(name: string): string {
  let s = stripDegrees(name.trim());
  // Honorifics written before the name: H., Hj., Dr., Drs., Ir., Prof., KH, Bapak…
  const re = /^(?:(?:Bapak|Pak|Ibu|Bu|H|Hj|Dr|Drs|Dra|Ir|Prof|KH|Sdr|dr|drg|Ustaz|Ustadz|Kiai|Buya|Syekh)\.?\s+)+/;
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

/** Whether the UTF-16 unit at `i` is a letter or digit (false at the end). */
export function wordCharAt(text: string, i: number): boolean {
  return i < text.length && WORD_CHAR.test(text[i]);
}

/** The word runs of a text as offsets: run k is text.slice(starts[k], ends[k]). */
export interface WordRuns {
  count: number; starts: Int32Array; ends: Int32Array;
  /** Run k as a string, sliced on first use and shared by the matchers (its hash is computed once). */
  words: Array<string | undefined>;
}

/** A 16-bit key of the word text[start, end) by its first and last characters and its length, for filters that need no string. */
export function wordKey(text: string, start: number, end: number): number {
  return ((text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) * 31 + (end - start)) & 0xffff;
}

/** Run k of `runs` (of `text`) as a string. */
export function runWord(text: string, runs: WordRuns, k: number): string {
  return runs.words[k] ??= text.slice(runs.starts[k], runs.ends[k]);
}
let lastRunsText: string | null = null;
let lastRuns: WordRuns = { count: 0, starts: new Int32Array(0), ends: new Int32Array(0), words: [] };
/**
 * The word runs of a text (maximal runs of letters and digits), remembered for the last text: several stages walk the
 * same article one after the other. Offsets only: most runs are never looked at as strings.
 */
export function wordRunsOf(text: string): WordRuns {
  if (text === lastRunsText) return lastRuns;
  // A run takes two characters at least (one and its separator) but for the last.
  const starts = new Int32Array((text.length >> 1) + 1), ends = new Int32Array((text.length >> 1) + 1);
  let count = 0, start = -1;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    // ASCII letters and digits decided by code, the rest (accented letters, other scripts) by the Unicode class.
    let size = 1, word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    else {
      const cp = text.codePointAt(i)!;
      size = cp > 0xffff ? 2 : 1;
      word = WORD_CHAR.test(String.fromCodePoint(cp));
    }
    if (word) { if (start < 0) start = i; } else if (start >= 0) { starts[count] = start; ends[count++] = i; start = -1; }
    i += size;
  }
  if (start >= 0) { starts[count] = start; ends[count++] = text.length; }
  lastRunsText = text; lastRuns = { count, starts, ends, words: new Array(count) };
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
  private firstKeys = new Uint8Array(0x10000);

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
      this.firstKeys[wordKey(first, 0, first.length)] = 1;
    }
  }

  matches(text: string): Array<{ start: number; end: number; phrase: string }> {
    const out: Array<{ start: number; end: number; phrase: string }> = [];
    const runs = wordRunsOf(text);
    let from = 0;
    for (let k = 0; k < runs.count; k++) {
      const s = runs.starts[k];
      if (s < from || !this.firstKeys[wordKey(text, s, runs.ends[k])]) continue;
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
