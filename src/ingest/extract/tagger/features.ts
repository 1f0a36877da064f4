/**
 * Features of one token for the tagger: word, neighbours, shape, affixes, previous tags and a few word-list
 * memberships. Each feature is an integer (a template number mixed with hashes of its values), not a string:
 * extraction tags every article, and building and hashing some thirty strings per token cost more than the rest of the
 * extractor together.
 */
import { TITLES } from '../gazetteer';

/** Lower-case words that make up title forms ("kepala", "dinas", "bupati"), and honorifics written before names. */
const TITLE_WORDS = new Set(TITLES.flatMap((t) => t.forms.flatMap((f) => f.toLowerCase().split(/\s+/))));
const HONORIFICS = new Set(['bapak', 'pak', 'ibu', 'bu', 'h', 'h.', 'hj', 'dr', 'drs', 'ir', 'prof', 'kh', 'saudara', 'sdr', 'tuan', 'nyonya']);
const FIRST_AFTER = new Set(['.', '"', '“', '”', '!', '?', ':']);

/** FNV-1a over the UTF-16 units of s[from, to). */
function hashOf(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = Math.max(0, from); i < to; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}
/** Mixes a template number or a first hash with a value; kept to 30 bits so that Map keys stay small integers. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/** A sentence ready for featurising; `common[i]` says whether the word is seen in lower case in running text (a common word, not a name). */
export interface Sent {
  words: string[]; lower: string[]; cap: boolean[]; common: boolean[];
  /** Hashes per token: word, shape, first three and two letters, last three and two letters. */
  hw: number[]; hsh: number[]; hp3: number[]; hp2: number[]; hs3: number[]; hs2: number[];
}

/** Collapsed shape: "Budi" → "Xx", "DPRD" → "X", "2024" → "d", "S.H." → "X.X.". */
export function shapeOf(w: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = w[i];
    else { const ch = w[i]; c = ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch; }
    if (c !== last) { out += c; last = c; }
  }
  return out;
}

/** Whether the tagger reads a word as capitalised (and so decides it, and describes the words around it). */
export function isCapitalised(w: string): boolean {
  const c = w.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && w[0] !== w[0].toLowerCase());
}

/** The hash of shapeOf(w), computed without building the string. */
function shapeHash(w: string): number {
  let h = 0x811c9dc5;
  let last = -1;
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let c: number;
    if (code >= 65 && code <= 90) c = 88;
    else if (code >= 97 && code <= 122) c = 120;
    else if (code >= 48 && code <= 57) c = 100;
    else if (code < 128) c = code;
    else { const ch = w[i]; c = ch !== ch.toLowerCase() ? 88 : ch !== ch.toUpperCase() ? 120 : code; }
    if (c !== last) { h ^= c; h = Math.imul(h, 0x01000193); last = c; }
  }
  return h >>> 0;
}

/** `decide`, when given, marks the words to be tagged: only they and two words either side are described. */
export function sentOf(words: string[], lexicon: ReadonlySet<string> = new Set(), decide?: boolean[]): Sent {
  const n = words.length;
  const s: Sent = { words, lower: new Array(n), cap: new Array(n), common: new Array(n), hw: new Array(n), hsh: new Array(n), hp3: new Array(n), hp2: new Array(n), hs3: new Array(n), hs2: new Array(n) };
  for (let i = 0; i < n; i++) s.cap[i] = isCapitalised(words[i]);
  const cap = decide ? decide.map((d, i) => d && s.cap[i]) : s.cap;
  for (let i = 0; i < n; i++) {
    // Only capitalised words are decided (see isGated), and their features reach two words either side: the rest of a
    // long sentence is left undescribed.
    if (!(cap[i] || cap[i - 1] || cap[i - 2] || cap[i + 1] || cap[i + 2])) {
      s.lower[i] = ''; s.common[i] = false; s.hw[i] = s.hsh[i] = s.hp3[i] = s.hp2[i] = s.hs3[i] = s.hs2[i] = 0;
      continue;
    }
    const w = words[i].toLowerCase();
    s.lower[i] = w; s.common[i] = lexicon.has(w); s.hsh[i] = shapeHash(words[i]);
    // One FNV pass gives the word's hash and, on the way, those of its first two and three letters.
    let h = 0x811c9dc5, p2 = 0, p3 = 0;
    for (let k = 0; k < w.length; k++) {
      h ^= w.charCodeAt(k); h = Math.imul(h, 0x01000193);
      if (k === 1) p2 = h >>> 0;
      if (k === 2) p3 = h >>> 0;
    }
    s.hw[i] = h >>> 0;
    s.hp2[i] = w.length >= 2 ? p2 : s.hw[i];
    s.hp3[i] = w.length >= 3 ? p3 : s.hw[i];
    s.hs3[i] = hashOf(w, w.length - 3); s.hs2[i] = hashOf(w, w.length - 2);
  }
  return s;
}

/** Whether the tagger decides this token: capitalised words, and the lower-case links inside names after one. */
export function isGated(s: Sent, i: number, prevTag: number): boolean {
  if (s.cap[i]) return true;
  if (prevTag === 0) return false;
  const w = s.lower[i];
  return w === 'bin' || w === 'binti' || w === 'van' || w === 'de' || w === 'dan' || w === '&';
}

const START = hashOf('<s>'), END = hashOf('</s>');

/** Writes the features of token i, the previous two tags being p1 and p2 (indexes into TAGS), into `out`. */
export function featuresOf(s: Sent, i: number, p1: number, p2: number, out: number[]): number[] {
  const n = s.words.length;
  const w = s.hw[i];
  const w1 = i > 0 ? s.hw[i - 1] : START, w2 = i > 1 ? s.hw[i - 2] : START;
  const n1 = i + 1 < n ? s.hw[i + 1] : END, n2 = i + 2 < n ? s.hw[i + 2] : END;
  const sh = s.hsh[i];
  out.length = 0;
  out.push(
    1, mix(2, w), mix(3, w1), mix(4, w2), mix(5, n1), mix(6, n2),
    mix(7, sh), mix(8, i > 0 ? s.hsh[i - 1] : START), mix(9, i + 1 < n ? s.hsh[i + 1] : END),
    mix(10, s.hp3[i]), mix(11, s.hs3[i]), mix(12, s.hs2[i]),
    mix(13, p1), mix(14, p2 * 8 + p1), mix(mix(15, p1), w), mix(mix(16, p1), sh), mix(mix(17, w1), w),
    mix(18, s.common[i] ? 1 : 0), mix(19, (i > 0 ? +s.common[i - 1] : 2) * 3 + (i + 1 < n ? +s.common[i + 1] : 2)),
    mix(20, i + 1 < n ? s.hp2[i + 1] : END), mix(21, i > 0 ? s.hs2[i - 1] : START),
  );
  const lw1 = i > 0 ? s.lower[i - 1] : '';
  if (i === 0 || FIRST_AFTER.has(lw1)) out.push(22);
  if (TITLE_WORDS.has(s.lower[i])) out.push(23);
  if (TITLE_WORDS.has(lw1)) out.push(24);
  if (HONORIFICS.has(lw1)) out.push(25);
  if (HONORIFICS.has(s.lower[i])) out.push(26);
  return out;
}
