/** Quotes stage: every quoted passage, with its speaker from the tag after it or the sentence before it. */
import type { ArticleRun, XQuote } from './index';
import { QUOTE_TAGS } from './lexicon';

const QUOTE_TAG_RE = new RegExp(`^\\s*[,.]?\\s*(${QUOTE_TAGS.join('|')})(nya)?\\b`, 'iu');


export function collectQuotes(run: ArticleRun): XQuote[] {
  const out: XQuote[] = [];
  const re = /[“"]([^“”"\n]{15,3000}?)[”"]/g;
  for (const m of run.text.matchAll(re)) {
    let inner = m[1];
    const innerStart = m.index! + 1;
    const trimmed = inner.replace(/[\s,]+$/, '');
    inner = trimmed.replace(/^\s+/, '');
    const start = innerStart + (m[1].length - m[1].replace(/^\s+/, '').length);
    const end = start + inner.length;
    if (inner.split(/\s+/).length < 3) continue;
    const closeAt = m.index! + m[0].length;
    let speaker: string | null = null;
    const tail = run.text.slice(closeAt, closeAt + 120);
    const tag = QUOTE_TAG_RE.exec(tail);
    if (tag) {
      if (tag[2] || /nya$/.test(tag[1])) speaker = subjectBefore(run, m.index!);
      else {
        const after = closeAt + tag.index + tag[0].length;
        const sp = run.spansWithin(after - 60, after + 200).find((p) => p.end > after && p.start <= after + 60);
        speaker = sp ? sp.acc.name : subjectBefore(run, m.index!);
      }
    } else {
      // "Bupati X mengatakan, “…”": a speaker in the same sentence before the quote.
      const para = run.paraOf(m.index!);
      const sp = run.spansWithin(run.paraStarts[para], m.index!).pop();
      if (sp && /\b(mengatakan|menyampaikan|menjelaskan|menegaskan|berkata|mengungkapkan|menuturkan|katanya|ujarnya|menyebut)\b[^.]*$/.test(run.text.slice(sp.end, m.index!))) speaker = sp.acc.name;
    }
    out.push({ speaker, text: inner, start, end });
  }
  return out;
}

/** The person the text is about at `pos`: the first person named in this paragraph before pos, else in the nearest earlier one. */
export function subjectBefore(run: ArticleRun, pos: number): string | null {
  // The nearest few paragraphs only: a name further back is no longer what the text is about.
  const first = run.paraOf(pos);
  for (let p = first; p >= 0 && p > first - 4; p--) {
    const ps = run.paraStarts[p];
    const inPara = run.spansWithin(ps, Math.min(pos, ps + run.paraText(p).length));
    // Outside quotes only: a name inside an earlier quote is not the speaker.
    const outside = inPara.find((s) => !insideQuote(run, s.start, ps));
    if (outside) return outside.acc.name;
  }
  return null;
}

export function insideQuote(run: ArticleRun, pos: number, paraStart: number): boolean {
  const before = run.text.slice(paraStart, pos);
  const opens = (before.match(/“/g) ?? []).length, closes = (before.match(/”/g) ?? []).length;
  const straight = (before.match(/"/g) ?? []).length;
  return opens > closes || straight % 2 === 1;
}
