/** CoNLL reading (token, PoS, BIO tag per line; blank line between sentences) and entity-level scoring. */

export interface Labelled { words: string[]; tags: string[] }

export function readConll(text: string): Labelled[] {
  const out: Labelled[] = [];
  let cur: Labelled = { words: [], tags: [] };
  for (const line of text.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (!line.trim()) { if (cur.words.length) out.push(cur); cur = { words: [], tags: [] }; continue; }
    cur.words.push(cols[0]);
    cur.tags.push(cols[cols.length - 1]);
  }
  if (cur.words.length) out.push(cur);
  return out;
}

export interface TagSpan { type: string; from: number; to: number }

/** Entity spans of a BIO sequence (token indexes, `to` exclusive); a stray I- opens an entity. */
export function spansOf(tags: readonly string[]): TagSpan[] {
  const out: TagSpan[] = [];
  let cur: TagSpan | null = null;
  tags.forEach((t, i) => {
    const type = t === 'O' ? '' : t.slice(2);
    if (cur && (t === 'O' || t[0] === 'B' || type !== cur.type)) { out.push(cur); cur = null; }
    if (t !== 'O' && !cur) cur = { type, from: i, to: i + 1 };
    else if (cur) cur.to = i + 1;
  });
  if (cur) out.push(cur);
  return out;
}

export interface Prf { tp: number; fp: number; fn: number; p: number; r: number; f1: number }

/** Entity-level precision, recall and F1 per type and overall ("ALL"): exact span and type. */
export function scoreEntities(gold: string[][], pred: string[][]): Record<string, Prf> {
  const c: Record<string, { tp: number; fp: number; fn: number }> = {};
  const add = (type: string, k: 'tp' | 'fp' | 'fn') => { for (const t of [type, 'ALL']) (c[t] ??= { tp: 0, fp: 0, fn: 0 })[k]++; };
  gold.forEach((g, i) => {
    const gs = spansOf(g), ps = spansOf(pred[i]);
    const key = (s: TagSpan) => `${s.type}:${s.from}:${s.to}`;
    const gk = new Set(gs.map(key)), pk = new Set(ps.map(key));
    for (const s of ps) add(s.type, gk.has(key(s)) ? 'tp' : 'fp');
    for (const s of gs) if (!pk.has(key(s))) add(s.type, 'fn');
  });
  const out: Record<string, Prf> = {};
  for (const [t, v] of Object.entries(c)) {
    const p = v.tp / Math.max(1, v.tp + v.fp), r = v.tp / Math.max(1, v.tp + v.fn);
    out[t] = { ...v, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  }
  return out;
}

export function formatScores(s: Record<string, Prf>): string {
  const rows = ['type       P      R     F1   tp/fp/fn'];
  for (const t of ['PER', 'ORG', 'LOC', 'ALL']) {
    const v = s[t];
    if (v) rows.push(`${t.padEnd(6)} ${v.p.toFixed(3)}  ${v.r.toFixed(3)}  ${v.f1.toFixed(3)}   ${v.tp}/${v.fp}/${v.fn}`);
  }
  return rows.join('\n');
}
