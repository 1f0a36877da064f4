/**
 * Averaged perceptron for BIO tagging, decoded greedily left to right with the previous two tags as features
 * (Collins 2002; the averaging follows the lazy "timestamp" update so training stays linear in updates).
 */
import { featuresOf, isGated, Sent, sentOf } from './features';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
export type Tag = (typeof TAGS)[number];
const NT = TAGS.length;

/** Serialised weights: feature → per-tag integer weights (divided by `scale` at load). */
export interface ModelJson { tags: string[]; scale: number; lexicon: string[]; weights: Record<string, number[]> }

/** A tag may open with I- only right after the same type (B-PER I-PER, never O I-PER). */
function allowed(prev: string, t: number): boolean {
  const tag = TAGS[t];
  if (tag[0] !== 'I') return true;
  return prev !== 'O' && prev.slice(2) === tag.slice(2);
}

/** Small deterministic PRNG (mulberry32) for shuffling the training order. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Perceptron {
  /** Words seen in lower case in the training text: capitalised, they are more likely sentence starts or parts of titles than names. */
  lexicon = new Set<string>();
  weights = new Map<string, Float64Array>();
  private totals = new Map<string, Float64Array>();
  private stamps = new Map<string, Float64Array>();
  private clock = 0;
  private scores = new Float64Array(NT);

  private best(feats: string[], prev: string): number {
    const sc = this.scores;
    sc.fill(0);
    for (const f of feats) {
      const w = this.weights.get(f);
      if (w) for (let t = 0; t < NT; t++) sc[t] += w[t];
    }
    let bi = 0, bv = -Infinity;
    for (let t = 0; t < NT; t++) if (sc[t] > bv && allowed(prev, t)) { bv = sc[t]; bi = t; }
    return bi;
  }

  /** Tags a sentence given as words. */
  tagWords(words: string[]): Tag[] { return this.tag(sentOf(words, this.lexicon)); }

  /** Tags one sentence; tokens outside the gate are O without scoring. */
  tag(s: Sent): Tag[] {
    const out: Tag[] = [];
    let p1 = 'O', p2 = 'O';
    for (let i = 0; i < s.words.length; i++) {
      const t = isGated(s, i, p1) ? TAGS[this.best(featuresOf(s, i, p1, p2), p1)] : 'O';
      out.push(t);
      p2 = p1; p1 = t;
    }
    return out;
  }

  /** One training pass over a sentence: predicts with the gold history's guesses and updates on mistakes. */
  learn(s: Sent, gold: string[]): number {
    let p1 = 'O', p2 = 'O', errors = 0;
    for (let i = 0; i < s.words.length; i++) {
      if (!isGated(s, i, p1)) { p2 = p1; p1 = 'O'; continue; }
      const feats = featuresOf(s, i, p1, p2);
      const guess = this.best(feats, p1);
      const truth = TAGS.indexOf(gold[i] as Tag);
      this.clock++;
      if (guess !== truth && truth >= 0) {
        errors++;
        for (const f of feats) { this.bump(f, truth, 1); this.bump(f, guess, -1); }
      }
      p2 = p1; p1 = TAGS[guess];
    }
    return errors;
  }

  private bump(f: string, t: number, v: number): void {
    let w = this.weights.get(f);
    if (!w) { w = new Float64Array(NT); this.weights.set(f, w); this.totals.set(f, new Float64Array(NT)); this.stamps.set(f, new Float64Array(NT)); }
    const tot = this.totals.get(f)!, st = this.stamps.get(f)!;
    tot[t] += (this.clock - st[t]) * w[t];
    st[t] = this.clock;
    w[t] += v;
  }

  /** Replaces the weights by their averages over all steps (call once, after training). */
  average(): void {
    for (const [f, w] of this.weights) {
      const tot = this.totals.get(f)!, st = this.stamps.get(f)!;
      for (let t = 0; t < NT; t++) w[t] = (tot[t] + (this.clock - st[t]) * w[t]) / Math.max(1, this.clock);
    }
    this.totals.clear(); this.stamps.clear();
  }

  /** Quantised, pruned weights: features whose largest weight rounds to zero are left out. */
  toJSON(scale = 1000, minAbs = 1): ModelJson {
    const weights: Record<string, number[]> = {};
    for (const f of [...this.weights.keys()].sort()) {
      const q = Array.from(this.weights.get(f)!, (v) => Math.round(v * scale));
      if (q.some((v) => Math.abs(v) >= minAbs)) weights[f] = q;
    }
    return { tags: [...TAGS], scale, lexicon: [...this.lexicon].sort(), weights };
  }

  static fromJSON(m: ModelJson): Perceptron {
    if (m.tags.join() !== TAGS.join()) throw new Error('tagger model: unexpected tag set');
    const p = new Perceptron();
    p.lexicon = new Set(m.lexicon);
    for (const f in m.weights) p.weights.set(f, Float64Array.from(m.weights[f], (v) => v / m.scale));
    return p;
  }
}
