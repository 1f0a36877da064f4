/**
 * Features of one token for the tagger: cheap string keys (word, neighbours, shape, affixes, previous tags and a
 * few word-list memberships), built from a sentence whose tokens are lower-cased and shaped once.
 */
import { TITLES } from '../gazetteer';

/** Lower-case words that make up title forms ("kepala", "dinas", "bupati"), and honorifics written before names. */
const TITLE_WORDS = new Set(TITLES.flatMap((t) => t.forms.flatMap((f) => f.toLowerCase().split(/\s+/))));
const HONORIFICS = new Set(['bapak', 'pak', 'ibu', 'bu', 'h', 'h.', 'hj', 'dr', 'drs', 'ir', 'prof', 'kh', 'saudara', 'sdr', 'tuan', 'nyonya']);

/** A sentence ready for featurising; `common[i]` says whether the word is seen in lower case in running text (a common word, not a name). */
export interface Sent { words: string[]; lower: string[]; shape: string[]; common: boolean[] }

/** Collapsed shape: "Budi" → "Xx", "DPRD" → "X", "2024" → "d", "S.H." → "X.X.". */
export function shapeOf(w: string): string {
  let s = '';
  let last = '';
  for (const ch of w) {
    const c = ch >= '0' && ch <= '9' ? 'd' : ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    if (c !== last) { s += c; last = c; }
  }
  return s;
}

export function sentOf(words: string[], lexicon: ReadonlySet<string> = new Set()): Sent {
  const lower = words.map((w) => w.toLowerCase());
  return { words, lower, shape: words.map(shapeOf), common: lower.map((w) => lexicon.has(w)) };
}

/** Whether the tagger decides this token: capitalised words, and the lower-case links inside names after one. */
export function isGated(s: Sent, i: number, prevTag: string): boolean {
  const sh = s.shape[i];
  if (sh.charCodeAt(0) === 88 /* X */) return true;
  return prevTag !== 'O' && (s.lower[i] === 'bin' || s.lower[i] === 'binti' || s.lower[i] === 'van' || s.lower[i] === 'de' || s.lower[i] === 'dan' || s.lower[i] === '&');
}

export function featuresOf(s: Sent, i: number, p1: string, p2: string): string[] {
  const w = s.lower[i];
  const n = s.words.length;
  const w1 = i > 0 ? s.lower[i - 1] : '<s>';
  const w2 = i > 1 ? s.lower[i - 2] : '<s>';
  const n1 = i + 1 < n ? s.lower[i + 1] : '</s>';
  const n2 = i + 2 < n ? s.lower[i + 2] : '</s>';
  const sh = s.shape[i];
  const f = [
    'b', 'w=' + w, 'p1=' + w1, 'p2=' + w2, 'n1=' + n1, 'n2=' + n2,
    'sh=' + sh, 'psh=' + (i > 0 ? s.shape[i - 1] : '<s>'), 'nsh=' + (i + 1 < n ? s.shape[i + 1] : '</s>'),
    'pre3=' + w.slice(0, 3), 'suf3=' + w.slice(-3), 'suf2=' + w.slice(-2),
    't1=' + p1, 't2=' + p2 + p1, 't1w=' + p1 + w, 't1sh=' + p1 + sh, 'p1w=' + w1 + '|' + w,
  ];
  f.push(s.common[i] ? 'c' : 'nc', 'cp=' + (i > 0 ? +s.common[i - 1] : 2) + (i + 1 < n ? +s.common[i + 1] : 2), 'n1pre=' + n1.slice(0, 2), 'p1suf=' + w1.slice(-2));
  if (i === 0 || w1 === '.' || w1 === '"' || w1 === '“' || w1 === '\n') f.push('first');
  if (TITLE_WORDS.has(w)) f.push('tw');
  if (TITLE_WORDS.has(w1)) f.push('ptw');
  if (HONORIFICS.has(w1)) f.push('phon');
  if (HONORIFICS.has(w)) f.push('hon');
  return f;
}
