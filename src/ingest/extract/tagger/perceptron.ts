/**
 * Averaged perceptron for BIO tagging, decoded greedily left to right with the previous two tags as features
 * (Collins 2002; the averaging follows the lazy "timestamp" update so training stays linear in updates).
 */
import { featuresOf, isGated, Sent, sentOf } from './features';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
export type Tag = (typeof TAGS)[number];
const NT = TAGS.length;
/** 32-bit words per slot of the compiled table: the key and the NT weights, padded to a power of two. */
const SLOT = 8;

/** Serialised weights: feature number → per-tag integer weights (divided by `scale` at load), and the lexicon. */
export interface ModelJson { tags: string[]; scale: number; lexicon: string[]; weights: Record<string, number[]> }

/** ALLOWED[prev][t]: a tag may open with I- only right after the same type (B-PER I-PER, never O I-PER). */
const ALLOWED = TAGS.map((prev) => TAGS.map((tag) => tag[0] !== 'I' || (prev !== 'O' && prev.slice(2) === tag.slice(2))));

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
  weights = new Map<number, Float64Array>();
  private totals = new Map<number, Float64Array>();
  private stamps = new Map<number, Float64Array>();
  private clock = 0;
  private scores = new Float64Array(NT);
  private feats: number[] = [];
  /**
   * A frozen model's weights in one open-addressing table: tagging looks up some twenty-five features per capitalised
   * word, and a Map of small arrays spends most of its time on cache misses. Slot h takes SLOT 32-bit words: feature + 1
   * at `keys[h * SLOT]`, its row of weights at `flat[h * SLOT + 1 …]` (one buffer seen as integers and as floats), so
   * that a look-up that finds its key finds its weights in the same cache line.
   */
  private table: { keys: Int32Array; flat: Float32Array; mask: number } | null = null;

  /** Freezes the weights into the lookup table (after loading or averaging; learning drops it again). */
  compile(): this {
    let size = 1024;
    while (size < this.weights.size * 2) size *= 2;
    const keys = new Int32Array(size * SLOT), flat = new Float32Array(keys.buffer), mask = size - 1;
    for (const [f, w] of this.weights) {
      let h = Math.imul(f, 0x9e3779b1) & mask;
      while (keys[h * SLOT] !== 0) h = (h + 1) & mask;
      keys[h * SLOT] = f + 1;
      flat.set(w, h * SLOT + 1);
    }
    this.table = { keys, flat, mask };
    return this;
  }

  private best(feats: number[], prev: number): number {
    const sc = this.scores;
    sc.fill(0);
    const tb = this.table;
    if (tb) {
      const { keys, flat, mask } = tb;
      for (let k = 0; k < feats.length; k++) {
        const key = feats[k] + 1;
        let h = Math.imul(feats[k], 0x9e3779b1) & mask, at = h * SLOT, kh = keys[at];
        while (kh !== 0 && kh !== key) { h = (h + 1) & mask; at = h * SLOT; kh = keys[at]; }
        if (kh === 0) continue;
        const o = at + 1;
        for (let t = 0; t < NT; t++) sc[t] += flat[o + t];
      }
    } else {
      for (let k = 0; k < feats.length; k++) {
        const w = this.weights.get(feats[k]);
        if (w) for (let t = 0; t < NT; t++) sc[t] += w[t];
      }
    }
    const ok = ALLOWED[prev];
    let bi = 0, bv = -Infinity;
    for (let t = 0; t < NT; t++) if (sc[t] > bv && ok[t]) { bv = sc[t]; bi = t; }
    return bi;
  }

  /** Tags a sentence given as words; `decide[i]` false makes word i O unscored (a caller that wants only some entities). */
  tagWords(words: string[], decide?: boolean[]): Tag[] { return this.tag(sentOf(words, this.lexicon, decide), decide); }

  /** Tags one sentence; tokens outside the gate (or not to `decide`) are O without scoring. */
  tag(s: Sent, decide?: boolean[]): Tag[] {
    const out: Tag[] = [];
    let p1 = 0, p2 = 0;
    for (let i = 0; i < s.words.length; i++) {
      const t = (!decide || decide[i]) && isGated(s, i, p1) ? this.best(featuresOf(s, i, p1, p2, this.feats), p1) : 0;
      out.push(TAGS[t]);
      p2 = p1; p1 = t;
    }
    return out;
  }

  /** One training pass over a sentence: predicts with its own previous guesses and updates on mistakes. */
  learn(s: Sent, gold: string[]): number {
    this.table = null;
    let p1 = 0, p2 = 0, errors = 0;
    for (let i = 0; i < s.words.length; i++) {
      if (!isGated(s, i, p1)) { p2 = p1; p1 = 0; continue; }
      const feats = featuresOf(s, i, p1, p2, this.feats);
      const guess = this.best(feats, p1);
      const truth = TAGS.indexOf(gold[i] as Tag);
      this.clock++;
      if (guess !== truth && truth >= 0) {
        errors++;
        for (const f of feats) { this.bump(f, truth, 1); this.bump(f, guess, -1); }
      }
      p2 = p1; p1 = guess;
    }
    return errors;
  }

  private bump(f: number, t: number, v: number): void {
    let w = this.weights.get(f);
    if (!w) { w = new Float64Array(NT); this.weights.set(f, w); this.totals.set(f, new Float64Array(NT)); this.stamps.set(f, new Float64Array(NT)); }
    const tot = this.totals.get(f)!, st = this.stamps.get(f)!;
    tot[t] += (this.clock - st[t]) * w[t];
    st[t] = this.clock;
    w[t] += v;
  }

  /** A copy with the weights averaged over all steps so far (training can go on in this one). */
  averaged(): Perceptron {
    const p = new Perceptron();
    p.lexicon = this.lexicon;
    for (const [f, w] of this.weights) {
      const tot = this.totals.get(f)!, st = this.stamps.get(f)!;
      p.weights.set(f, w.map((v, t) => (tot[t] + (this.clock - st[t]) * v) / Math.max(1, this.clock)));
    }
    return p.compile();
  }

  /** Quantised, pruned weights: features whose largest weight rounds below `minAbs` are left out. */
  toJSON(scale = 1000, minAbs = 1): ModelJson {
    const weights: Record<string, number[]> = {};
    for (const f of [...this.weights.keys()].sort((a, b) => a - b)) {
      const q = Array.from(this.weights.get(f)!, (v) => Math.round(v * scale));
      if (q.some((v) => Math.abs(v) >= minAbs)) weights[f] = q;
    }
    return { tags: [...TAGS], scale, lexicon: [...this.lexicon].sort(), weights };
  }

  static fromJSON(m: ModelJson): Perceptron {
    if (m.tags.join() !== TAGS.join()) throw new Error('tagger model: unexpected tag set');
    const p = new Perceptron();
    p.lexicon = new Set(m.lexicon);
    for (const f in m.weights) p.weights.set(Number(f), Float64Array.from(m.weights[f], (v) => v / m.scale));
    return p.compile();
  }
}
