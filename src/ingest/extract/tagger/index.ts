/**
 * The shipped statistical tagger: an averaged perceptron trained on idner-news-2k by eval/train-tagger.ts
 * (weights in model.json beside this file; the corpus notice in NOTICE-idner-news-2k.txt).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ModelJson, Perceptron, Tag } from './perceptron';
import { spansOf } from './conll';
import { Token, tokenize } from './tokens';
import { codesOf } from '../text';

export interface Entity { type: string; text: string; start: number; end: number }

/** The weights file, beside the source or, from dist/, back in the source tree (tsc copies no JSON it is not asked to). */
export function modelPath(): string {
  const here = path.join(__dirname, 'model.json');
  if (fs.existsSync(here)) return here;
  return path.resolve(__dirname, '../../../../../src/ingest/extract/tagger/model.json');
}

let shipped: Perceptron | null = null;
export function shippedTagger(): Perceptron {
  shipped ??= Perceptron.fromJSON(JSON.parse(fs.readFileSync(modelPath(), 'utf8')) as ModelJson);
  return shipped;
}

const SENT_END = new Set(['.', '!', '?', '"', '“', '”']);
/** Abbreviations written before a name ("dr. Rina", "Prof. Budi"): their full stop ends no sentence. */
const TITLE_ABBREVIATIONS = new Set(['dr', 'drg', 'Dr', 'Drs', 'Dra', 'Prof', 'Ir', 'Hj', 'Sdr', 'Bpk']);

/** Lets a caller that needs only some entities skip work: sentences not kept and tokens not decided are left O. */
export interface TagFilter { keep?: (sentence: Token[]) => boolean; decide?: (token: Token) => boolean }

/** Entities in `text` with character offsets: paragraphs are split into sentences at end punctuation. */
export function tagText(text: string, model: Perceptron = shippedTagger(), filter: TagFilter = {}): Entity[] {
  const out: Entity[] = [];
  const toks = tokenize(text);
  // The characters between tokens, read from the codes tokenize read too.
  const cs = codesOf(text);
  let from = 0;
  const flush = (to: number) => {
    if (to <= from) return;
    let part = toks.slice(from, to);
    from = to;
    // Only sentences holding a capitalised word that is not a common word can hold a name: the rest are not tagged
    // (a `keep` filter decides instead when given).
    if (!(filter.keep ? filter.keep(part) : part.some((t) => /^\p{Lu}/u.test(t.text) && !model.lexicon.has(t.text.toLowerCase())))) return;
    let decide: boolean[] | undefined;
    if (filter.decide) { decide = []; for (let i = 0; i < part.length; i++) decide.push(filter.decide(part[i])); }
    if (decide) {
      // Words not decided are O, and features reach two words either side: the words from two before the first decided
      // one to two after the last are tagged alike on their own.
      const first = decide.indexOf(true), last = decide.lastIndexOf(true);
      if (first < 0) return;
      const a = Math.max(0, first - 2), b = Math.min(part.length, last + 3);
      part = part.slice(a, b); decide = decide.slice(a, b);
    }
    const tags: Tag[] = model.tagWords(part.map((t) => t.text), decide);
    for (let i = 0, list = spansOf(tags); i < list.length; i++) { const s = list[i]; out.push({ type: s.type, text: text.slice(part[s.from].start, part[s.to - 1].end), start: part[s.from].start, end: part[s.to - 1].end }); }
  };
  for (let i = 0; i < toks.length; i++) {
    let newline = false;
    if (i + 1 < toks.length) for (let c = toks[i].end; c < toks[i + 1].start; c++) if (cs[c] === 10) { newline = true; break; }
    // A token's length from its offsets: token texts come in varied string representations, whose own length cost a
    // generic property read.
    const t = toks[i].text;
    if ((toks[i].end - toks[i].start === 1 && SENT_END.has(t) && !(t === '.' && i > 0 && (/^\p{Lu}$/u.test(toks[i - 1].text) || TITLE_ABBREVIATIONS.has(toks[i - 1].text)))) || newline) flush(i + 1);
  }
  flush(toks.length);
  return out;
}
