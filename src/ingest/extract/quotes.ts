/**
 * Quotes stage: every quoted passage attributed to a person, with its speaker found by discourse.
 *
 * The speaker comes, in order of preference, from the attribution after the quote ("…," kata X / ujar Pak X /
 * "…," X menambahkan), from the sentence that introduces it (X mengatakan, "…"), and otherwise from the running
 * subject: the most recent quote speaker or sentence subject before it ("…," ujarnya / a quote that opens a
 * paragraph and continues the previous speaker). Short names, nicknames declared in the text ("X (Y)", "X atau Y")
 * and "Pak/Bu X" all resolve to the person's canonical name.
 */
import type { ArticleRun, XQuote } from './entities';
import { INSTITUTION_WORDS, NON_NAME_WORDS, QUOTE_TAGS, SPEECH_VERBS } from './lexicon';
import { execAll, unitOrSpace } from './text';

type Acc = ArticleRun['personSpans'][number]['acc'];
interface Ref { start: number; end: number; acc: Acc }
/** A sentence subject or quote speaker; `unknown` is the single word naming a subject the person stage did not find. */
interface Subject { pos: number; acc: Acc | null; unknown?: string }
interface Found { open: number; close: number; start: number; end: number; inner: string }

/**
 * Opening and closing marks: straight, curly, and low-9 openers („) as some sites type them. A short curly pair inside
 * ("… punya “helicopter view” dalam …") is a term the speaker marks, not the quotation's end.
 */
const QUOTE_RE = /(["“„])((?:[^“”„"\n]|“[^“”„"\n]{1,60}”){8,3000}?)(["”])/g;
/** An attribution right after the closing mark: a tag verb, bare or with -nya, optionally after "demikian"/"begitu". */
const TAG_RE = new RegExp(`^[ \\t]*[,.]?[ \\t]*(?:(?:demikian|begitu)[ \\t]+)?(${QUOTE_TAGS.join('|')})(nya)?(?![\\p{L}])`, 'iu');
/** "kata dia", "ujar beliau": a pronoun after the tag means the running subject. */
const PRONOUN_AFTER_RE = /^\s*(?:dia|ia|beliau|mereka)\b/i;
/** Sentences opening with a pronoun continue the current subject instead of naming a new one. */
const PRONOUN_START_RE = /^(?:[\p{Lu}\p{Ll}]+\s+itu,?\s+)?(?:Ia|Dia|Beliau|Pihaknya|Menurutnya|Dirinya|Mereka|Ia pun|Dia pun)\b/u;
/** Words before a name that make it an object, not the subject of its sentence. */
const OBJECT_BEFORE_RE = /(?:^|\s)(?:kepada|terhadap|untuk|bagi|dengan|bersama|dan|serta|atas|dari|ke|mendampingi|didampingi|menemui|bertemu)\s*$/i;
/** Introducing a quote in the same sentence: a speech verb, "menurut", or a colon. */
const LEAD_CUE_RE = new RegExp(`\\b(?:${[...SPEECH_VERBS, 'berkata', 'berpesan', 'berujar', 'bertanya', 'menjawab', 'menanggapi', 'mengingatkan', 'mengajak',
  'menyebut', 'mengutip', 'menurut', 'menurutnya', 'mengungkap', 'menuturkan', 'menutup', 'mengakui', 'berjanji', 'menyoroti', 'mengklaim', 'bahwa',
  'begini', 'berikut', 'antara lain'].join('|')})\\b`, 'u');
/** The lead ends with the speech verb itself (or "bahwa"), nothing named between it and the quote. */
const LEAD_END_RE = new RegExp(`\\b(?:${SPEECH_VERBS.join('|')}|berkata|berujar|bertanya|menjawab|menurutnya|begini|berikut|bahwa)\\s*$`, 'u');
/** A name right after the quote followed by a speech verb: "…," Ani menambahkan. */
const POST_VERB_RE = /^\s*(?:juga\s+|pun\s+|kembali\s+|lalu\s+|kemudian\s+)?(?:me\p{Ll}+|ber\p{Ll}+)/u;
/** Capitalised words right before a speech verb, opening the sentence or after its first clause: its subject, known or not. */
const UNKNOWN_SUBJECT_RE = /(?:^|,\s+)((?:\p{Lu}\p{Ll}+\s+){1,3})(?:juga\s+|pun\s+)?$/u;
/** A speech verb anywhere, for finding sentences whose subject is an unknown name. */
const SPEECH_VERB_RE = new RegExp(`\\b(?:${SPEECH_VERBS.join('|')})\\b`, 'g');
/** Quotes introduced as video teasers or related-story links are page furniture, not speech. */
const TEASER_RE = /(?:\b[Vv]ideo|VIDEO|\b(?:Simak|Tonton|Saksikan|Baca|Lihat)(?:\s+[Jj]uga)?)\b[^.!?]{0,40}$/u;
/** A word of a person's name ending an attribution: capitalised, lower case after ("Al-Amin", "Ni"). */
const TAIL_NAME_WORD_RE = /^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?\p{Ll}+)?$/u;
/** Capitalised words of roles and organisations, mostly English, that start or end no person's name ("Head of …", "… Post"). */
const ORG_WORDS = new Set(`Head Chief President Vice Director Manager Founder Co-Founder Executive Officer Senior General Minister Secretary
Spokesperson Spokesman Chairman Chairwoman Coach Team Lead Analyst Editor Post Times News Journal Daily Herald Tribune Media Group Inc Ltd
Corp Corporation Company Institute Center Centre Club FC United City University College Agency Reuters Bloomberg Associated Press`.split(/\s+/));
/** A name and an age in brackets, as news writes ordinary people: "Wartini (45)". */
const AGE_RE = /\((\d{2})(?: ?tahun)?\)/g;
const AGED_NAME_RE = /(?<![\p{L}])(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,3}) ?\($/u;
/** A character that continues a word: an alias found inside a longer word is no reference. */
const WORD_CH = /[\p{L}\d]/u;
/** Words that end a tag's attribution window ("kata X di …", "ujar X saat …"). */
const WINDOW_STOP_RE = /\s(?:di|dalam|saat|ketika|kepada|pada|usai|seusai|setelah|sebelum|melalui|via|seperti|sebagaimana|sembari|sambil)\s|[.!?](?:\s|$)|\n|;/u;
const HONORIFICS = new Set(['Pak', 'Bu', 'Bapak', 'Ibu', 'Mas', 'Mbak', 'Bang', 'Kak', 'Cak', 'Ning', 'Bung', 'Om', 'Tante', 'Abah', 'Umi', 'Kang', 'Teh', 'Uda', 'Uni', 'Daeng', 'Ustaz', 'Gus']);
/** Nickname declarations right after a full name: "(Ucok)", "atau Ucok", "yang akrab disapa Ucok". */
const NICK_RE = /^\s*(?:\(\s*(\p{Lu}[\p{L}'’-]{1,14})\s*\)|,?\s+(?:atau|alias)\s+(\p{Lu}[\p{L}'’-]{1,14})\b|,?\s*(?:yang\s+)?(?:akrab\s+|biasa\s+)?(?:disapa|dipanggil|disebut|sapaan(?:\s+akrab(?:nya)?)?)\s+(?:akrab\s+)?(\p{Lu}[\p{L}'’-]{1,14})\b)/u;

/**
 * The persons' state as far as quotes read and change it: every person added or extended adds a span, and a
 * nickname adds a form.
 */
function personState(run: ArticleRun): string {
  let forms = 0;
  for (const p of run.persons.values()) forms += p.forms.size;
  return `${run.personSpans.length}/${run.persons.size}/${forms}`;
}

/** Quotes found for a run, with the person state they were read in, when reading them changed nothing. */
const settledQuotes = new WeakMap<ArticleRun, { state: string; quotes: XQuote[] }>();

/**
 * The events stage and the extractor both ask for a run's quotes. A second reading gives the same quotes when the
 * first changed no person (no speaker added, no nickname) and nothing changed since: it is answered from the first.
 */
export function collectQuotes(run: ArticleRun): XQuote[] {
  const state = personState(run);
  const settled = settledQuotes.get(run);
  if (settled && settled.state === state) return settled.quotes;
  const quotes = readQuotes(run);
  if (personState(run) === state) settledQuotes.set(run, { state, quotes });
  return quotes;
}
const NON_SPACE_RUN_RE = /\S+/g;

function readQuotes(run: ArticleRun): XQuote[] {
  const text = run.text;
  const found: Found[] = [];
  // Indexed loops: a for-of loop wraps its body in an iterator-closing handler, which made this function one of the
  // costliest to optimise, and one over an empty list (another elements kind) deoptimised it.
  const ms = execAll(QUOTE_RE, text);
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    const raw = m[2];
    const lead = raw.length - raw.trimStart().length;
    const inner = trimEndCommas(raw.trim());
    const start = m.index! + 1 + lead;
    found.push({ open: m.index!, close: m.index! + m[0].length, start, end: start + inner.length, inner });
  }
  if (found.length === 0) return [];
  for (let i = 0; i < found.length; i++) attributedSpeaker(run, found[i]);
  agedSpeakers(run);
  const refs = personRefs(run, found);
  // Sentence subjects are needed only when some quote falls back on the running subject: computed on first use.
  let subjects: Array<{ pos: number; acc: Acc | null }> | null = null;
  const out: XQuote[] = [];
  /** Quote speakers so far; null where the attribution named someone unknown ("kata BMKG"): "-nya" after it is not the earlier person. */
  const spoken: Array<{ pos: number; acc: Acc | null }> = [];
  /** The running subject at `pos`: the latest quote speaker or sentence subject, within a few paragraphs. */
  const subjectAt = (pos: number): Acc | null => {
    let best: Subject | null = null;
    subjects ??= narrativeSubjects(run, refs, found, found[found.length - 1].open);
    for (let i = 0; i < subjects.length; i++) { const s = subjects[i]; if (s.pos >= pos) break; best = s; }
    const last = spoken[spoken.length - 1];
    if (last && (!best || last.pos > best.pos)) best = last;
    if (!best || run.paraOf(pos) - run.paraOf(best.pos) > 5) return null;
    // "Tini mengaku …" then "“…,” ungkapnya": the unknown subject is the person whose full name starts with that word.
    if (!best.acc && best.unknown) { best.acc = fullNameOf(run, best.unknown); best.unknown = undefined; }
    return best.acc;
  };

  for (let i = 0; i < found.length; i++) {
    const q = found[i];
    const words = q.inner.split(/\s+/).length;
    if (words < 3 || q.inner.length < 12) continue;
    const para = run.paraOf(q.open);
    const paraStart = run.paraStarts[para];
    // The same sentence before the opening mark (included in the scan: a sentence end right before it needs the
    // character after it to be seen).
    const sentStart = paraStart + lastSentenceStart(text.slice(paraStart, q.open + 1));
    const lead = text.slice(sentStart, q.open);
    if (TEASER_RE.test(lead.slice(-70)) || /^(?:Simak|Tonton|Saksikan|Baca)\b/.test(run.paraText(para))) continue;
    let speaker: Acc | null = null;
    let speech = false;
    let named = false; // the attribution names the speaker (not "-nya" or a pronoun)
    const tail = text.slice(q.close, q.close + 200);
    const tag = TAG_RE.exec(tail);
    if (tag) {
      speech = true;
      const after = q.close + tag.index + tag[0].length;
      named = !tag[2] && !PRONOUN_AFTER_RE.test(text.slice(after, after + 10));
      speaker = named ? attributed(run, refs, after, () => subjectAt(q.open)) : subjectAt(q.open);
    } else {
      // "…," Ani menambahkan.
      const gap = /^[ \t]*[,.]?[ \t]*/.exec(tail)![0].length;
      const r = refAt(refs, q.close + gap);
      if (r && r.start === q.close + gap && POST_VERB_RE.test(text.slice(r.end, r.end + 30))) { speaker = r.acc; speech = true; }
    }
    if (!speech) {
      const leadRefs = refsWithin(refs, sentStart, q.open);
      // "Ia mengatakan, “…”" introduces speech; "menyebut lomba itu “…”" names something.
      const cue = /:\s*$/.test(lead) || (LEAD_CUE_RE.test(lead) && (/,\s*$/.test(lead) || LEAD_END_RE.test(lead.slice(-40))));
      if (leadRefs.length && (cue || /[,:]\s*$/.test(lead))) { speaker = leadRefs[0].acc; speech = true; }
      else if (cue) { speaker = subjectAt(q.open); speech = true; }
      else if (lead.trim() === '' && sentStart === paraStart) { speaker = subjectAt(q.open); speech = true; } // a quote paragraph continuing the speaker
      else if (words >= 10) { speaker = subjectAt(q.open); speech = true; }
    }
    // A short quoted term inside a sentence (a programme's name, a scare-quoted word) is not speech.
    if (!speech) continue;
    if (speaker || named) spoken.push({ pos: q.open, acc: speaker });
    out.push({ speaker: speaker ? speaker.name : null, text: q.inner, start: q.start, end: q.end });
  }
  return out;
}

/**
 * A name right after a quote's attribution ("…," kata Dimas / "…," Dimas menambahkan) is a speaker even if the person
 * stage, which wants a title or two words, passed it over. A function of its own, as is agedSpeakers: inside readQuotes
 * they made it one of the costliest functions to optimise.
 */
function attributedSpeaker(run: ArticleRun, q: Found): void {
  const text = run.text;
  const tail = text.slice(q.close, q.close + 80);
  const tag = TAG_RE.exec(tail);
  let at = -1;
  if (tag && !tag[2]) at = q.close + tag.index + tag[0].length + (/^[ \t]*/.exec(text.slice(q.close + tag.index + tag[0].length))![0].length);
  else if (!tag) {
    const post = /^[ \t]*[,.]?[ \t]*(?=\p{Lu}\p{Ll}+[ \t]+(?:juga[ \t]+|pun[ \t]+)?(?:me|ber)\p{Ll}+)/u.exec(tail);
    if (post) at = q.close + post[0].length;
  }
  if (at < 0 || spanCovers(run, at)) return;
  // A single word that is a known person's nickname ("Udi" for Budiman Saleh, "Bamsur" for Bambang Surya) is that person.
  const w = /^\p{Lu}\p{Ll}{2,}(?![\p{L}])/u.exec(text.slice(at, at + 20));
  const nick = w && !NON_NAME_WORDS.has(w[0]) ? [...run.persons.values()].filter((p) => isNickname(w[0], p.name)) : [];
  if (nick.length === 1) { nick[0].forms.add(w![0]); return; }
  // "ujar guru yang akrab disapa Tono": the name a description declares.
  const called = /^[\p{Ll}\s]{0,60}?\b(?:disapa|dipanggil|bernama|sapaan)\s+(?:akrab\s+)?(?=\p{Lu}\p{Ll})/u.exec(text.slice(at, at + 90));
  if (called) { run.speakerAt(at + called[0].length); return; }
  const first = /^\S+/.exec(text.slice(at, at + 30))?.[0] ?? '';
  if (ORG_WORDS.has(first.replace(/[,.]$/, '')) || run.speakerAt(at) || !tag) return;
  // "kata ketua tim peneliti Ni Made Sari di …": a description, then the name that ends the attribution.
  const rest = text.slice(at, at + 160);
  const stop = WINDOW_STOP_RE.exec(rest);
  const win = trimEndCommas(rest.slice(0, stop ? stop.index : rest.length));
  if (run.spansWithin(at, at + win.length + 60).some((sp) => sp.start < at + win.length)) return;
  const words = execAll(NON_SPACE_RUN_RE, win);
  let k = words.length;
  while (k > 0 && words.length - k < 4 && TAIL_NAME_WORD_RE.test(words[k - 1][0]) && !NON_NAME_WORDS.has(words[k - 1][0])
    && !INSTITUTION_WORDS.has(words[k - 1][0]) && !run.x.regions.lookup(words[k - 1][0])) k--;
  if (words.length - k >= 2 && !words.slice(k).some((x) => ORG_WORDS.has(x[0]))) run.speakerAt(at + words[k].index!);
}

/** "Sukardi (52)": a name with an age in brackets is a person the speaker may be, however plain the name. */
function agedSpeakers(run: ArticleRun): void {
  const text = run.text;
  const ages = text.includes('(') ? execAll(AGE_RE, text) : [];
  for (let i = 0; i < ages.length; i++) {
    const a = ages[i];
    const m = AGED_NAME_RE.exec(text.slice(Math.max(0, a.index! - 60), a.index! + 1));
    if (!m) continue;
    m.index = Math.max(0, a.index! - 60) + m.index!;
    const words = m[1].split(' ');
    let k = 0;
    while (k < words.length && NON_NAME_WORDS.has(words[k])) k++;
    // "Pengemudi Ali Akbar (40)": a common noun capitalised at a sentence start, written in lower case elsewhere.
    if (k < words.length - 1 && text.includes(` ${words[k].toLowerCase()} `)) k++;
    if (k < words.length && !words.slice(k).some((w) => NON_NAME_WORDS.has(w) || ORG_WORDS.has(w))) {
      const at = m.index! + words.slice(0, k).reduce((n, w) => n + w.length + 1, 0);
      if (!spanCovers(run, at)) run.speakerAt(at);
    }
  }
}

/**
 * `s` without trailing white space and commas: what `.replace(/[\s,]+$/, '')` gives, without that pattern being retried
 * from every space of a long quote.
 */
function trimEndCommas(s: string): string {
  let e = s.length;
  while (e > 0 && (s[e - 1] === ',' || SPACE_CH.test(s[e - 1]))) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Offset in `s` where its last sentence begins. */
function lastSentenceStart(s: string): number {
  // Scanned backwards from the end: only the last sentence end matters.
  for (let i = s.length - 2; i >= 1; i--) {
    const c = s[i];
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    if (s[j] === '"' || s[j] === '”') j++;
    if (!SPACE_CH.test(s[j] ?? '')) continue;
    while (j < s.length && SPACE_CH.test(s[j])) j++;
    if (j >= s.length || !SENT_START_CH.test(s[j])) continue;
    // "M. Rasyid": an initial is no sentence end.
    if (c === '.' && UPPER_CH.test(s[i - 1]) && (i === 1 || SPACE_CH.test(s[i - 2]))) continue;
    return j;
  }
  return 0;
}
const SPACE_CH = /\s/;
const UPPER_CH = /\p{Lu}/u;
const SENT_START_CH = /[\p{Lu}"“]/u;

/** The speaker named after a tag verb at `after`: a person reference before the attribution window ends, or the running subject. */
function attributed(run: ArticleRun, refs: Ref[], after: number, fallback: () => Acc | null): Acc | null {
  const rest = run.text.slice(after, after + 160);
  const stop = WINDOW_STOP_RE.exec(rest);
  const windowEnd = after + (stop ? stop.index : rest.length);
  const r = refsWithin(refs, after, windowEnd)[0] ?? refs.find((x) => x.start < windowEnd && x.end > after);
  if (r) return r.acc;
  const win = run.text.slice(after, windowEnd);
  // An unknown name of two or more words is someone the person stage missed: better no speaker than a wrong one.
  const names = win.split(/\s+/).filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !NON_NAME_WORDS.has(w) && !HONORIFICS.has(w));
  if (names.length >= 2 && !/\b(?:ini|tersebut|itu)\b/.test(win)) return null;
  // "kata BMKG": an unknown acronym is an institution or someone not found; the running subject would be a guess.
  if (/^\s*\p{Lu}{2,}(?![\p{L}])/u.test(win) && !names.length) return null;
  // "ujar hakim", "tulis akun resmi …": an unnamed other; "ujar pria itu", "kata sang bupati": the running subject.
  const desc = /^\s*(\p{Ll}+)/u.exec(win);
  if (desc && !/\b(?:ini|itu|tersebut|sang)\b/.test(win)) {
    const holds = (a: Acc) => a.positions.some((p) => p.title.toLowerCase().split(' ').includes(desc[1]));
    const acc = fallback();
    if (acc && holds(acc)) return acc;
    // Else the one person of the article whose office has every word of the description ("ujar hakim": the presiding
    // judge named earlier; "kata kepala sekolah" is not the head of an office).
    const words = /^\s*(\p{Ll}+(?:\s+\p{Ll}+){0,2})/u.exec(win)![1].split(/\s+/);
    let only: Acc | null = null;
    for (const a of run.persons.values()) {
      if (!a.positions.some((p) => { const t = p.title.toLowerCase().split(' '); return words.every((w) => t.includes(w)); })) continue;
      if (only) return null;
      only = a;
    }
    return only;
  }
  return fallback();
}

function refAt(refs: Ref[], pos: number): Ref | undefined {
  const i = firstAtOrAfter(refs, pos);
  return refs[i] && refs[i].start <= pos + 1 ? refs[i] : undefined;
}

function refsWithin(refs: Ref[], from: number, to: number): Ref[] {
  const out: Ref[] = [];
  for (let i = firstAtOrAfter(refs, from); i < refs.length && refs[i].start < to; i++) out.push(refs[i]);
  return out;
}

function firstAtOrAfter(refs: Ref[], pos: number): number {
  let lo = 0, hi = refs.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (refs[mid].start < pos) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * Every reference to a known person outside quotes: the person stage's spans, plus single names, nicknames and the
 * words of a full name ("Pak Wijaya", "Kusumawardana") that point to exactly one person of the article.
 */
function personRefs(run: ArticleRun, quotes: Found[]): Ref[] {
  const text = run.text;
  const byForm = new Map<string, Set<Acc>>();
  const add = (form: string, acc: Acc) => {
    if (form.length < 3 || NON_NAME_WORDS.has(form) || HONORIFICS.has(form) || !/^\p{Lu}/u.test(form)) return;
    const set = byForm.get(form) ?? new Set();
    set.add(acc);
    byForm.set(form, set);
  };
  for (const acc of run.persons.values()) {
    for (let k = 0, items = [acc.name, ...acc.forms]; k < items.length; k++) {
      const f = items[k];
      add(f, acc);
      for (let i = 0, list = f.split(/\s+/); i < list.length; i++) { const t = list[i]; if (t.length >= 3 && !/\.$/.test(t)) add(t, acc); }
    }
  }
  for (let i = 0, list = run.personSpans; i < list.length; i++) {
    const s = list[i];
    const n = NICK_RE.exec(text.slice(s.end, s.end + 60));
    const nick = n && (n[1] ?? n[2] ?? n[3]);
    // An acronym in brackets after a name is a nickname ("(BKS)") unless it names an institution.
    const def = nick ? run.defs.get(nick) : undefined;
    const defIsName = def !== undefined && def.split(' ').pop() === s.acc.name.split(' ').pop();
    if (nick && (def === undefined || defIsName) && !run.x.institutionEntry(nick) && !run.x.regions.lookup(nick)) add(nick, s.acc);
  }
  const inQuote = (pos: number) => {
    let lo = 0, hi = quotes.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (quotes[mid].close <= pos) lo = mid + 1; else hi = mid; }
    return lo < quotes.length && quotes[lo].open < pos;
  };
  // The arrays are filled by push from one literal each: filter and map give arrays of other element kinds, empty or
  // not, made by the builtin or by optimised code, and every new kind deoptimised the functions that read them.
  const refs: Ref[] = [];
  for (let i = 0, list = run.personSpans; i < list.length; i++) { const s = list[i]; if (!inQuote(s.start)) refs.push({ start: s.start, end: s.end, acc: s.acc }); }
  // Single words of the alias table found by plain search (multi-word forms are the person stage's spans already).
  if (byForm.size) {
    const taken: number[][] = [];
    for (let i = 0; i < refs.length; i++) { const r = refs[i]; taken.push([r.start, r.end]); }
    for (const [form, set] of byForm) {
      if (set.size !== 1 || form.includes(' ')) continue;
      const acc = set.values().next().value!;
      for (let s = text.indexOf(form); s >= 0; s = text.indexOf(form, s + 1)) {
        const e = s + form.length;
        if (WORD_CH.test(unitOrSpace(text, s - 1)) || WORD_CH.test(unitOrSpace(text, e)) || inQuote(s) || covered(taken, s, e)) continue;
        refs.push({ start: s, end: e, acc });
      }
    }
  }
  return refs.sort((p, q) => p.start - q.start);
}

function covered(spans: number[][], s: number, e: number): boolean {
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid][1] <= s) lo = mid + 1; else hi = mid; }
  return lo < spans.length && spans[lo][0] < e;
}

/**
 * The subject of each sentence outside quotes, in text order: its first person reference, unless the sentence opens
 * with a pronoun (it continues the current subject) or the name stands as an object ("kepada Presiden X").
 */
function narrativeSubjects(run: ArticleRun, refs: Ref[], quotes: Found[], upto: number): Subject[] {
  const text = run.text;
  const inQuote = (pos: number) => {
    let lo = 0, hi = quotes.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (quotes[mid].close <= pos) lo = mid + 1; else hi = mid; }
    return lo < quotes.length && quotes[lo].open < pos;
  };
  // Where the sentence holding `pos` begins (within its paragraph).
  const sentenceStart = (pos: number) => {
    const ps = run.paraStarts[run.paraOf(pos)];
    return ps + lastSentenceStart(text.slice(ps, pos + 1));
  };
  const out: Subject[] = [];
  // Known subjects: the first reference of a sentence, walking the references in order.
  let lastSent = -1;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (r.start >= upto) break;
    const s = sentenceStart(r.start);
    if (s === lastSent) continue; // not the first reference of its sentence
    lastSent = s;
    if (PRONOUN_START_RE.test(text.slice(s, s + 30))) continue;
    if (OBJECT_BEFORE_RE.test(text.slice(Math.max(s, r.start - 20), r.start))) continue;
    out.push({ pos: r.start, acc: r.acc });
  }
  // Unknown subjects: "Budi mengatakan, …" with Budi no known person is a new subject nobody can name.
  for (let i = 0, list = execAll(SPEECH_VERB_RE, text.slice(0, upto)); i < list.length; i++) {
    const m = list[i];
    const v = m.index!;
    const s = sentenceStart(v);
    if (inQuote(v)) continue;
    const u = UNKNOWN_SUBJECT_RE.exec(text.slice(s, v));
    if (!u || !u[1].split(/\s+/).every((w) => w === '' || !NON_NAME_WORDS.has(w))) continue;
    if (refs.some((r) => r.start >= s && r.start < v)) continue;
    const words = u[1].trim().split(/\s+/);
    // An institution speaking ("Kemenkes berharap") is no person subject.
    if (words.some((w) => run.x.institutionEntry(w) || run.defs.has(w) || run.x.regions.lookup(w) || /\p{Lu}.*\p{Lu}/u.test(w))) continue;
    // "Feri" for Ferianto Lubis: the start of one known person's name word is that person.
    const pre = words.length === 1 && words[0].length >= 3 ? [...run.persons.values()].filter((p) => p.name.split(' ').some((t) => t.startsWith(words[0]))) : [];
    if (pre.length === 1) { out.push({ pos: s, acc: pre[0] }); continue; }
    out.push({ pos: s, acc: null, unknown: words.length === 1 ? words[0] : undefined });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/**
 * Whether `word` is a nickname of `name` by the usual Indonesian shortenings: a piece inside one of its words
 * ("Udi" in Budiman) or the starts of consecutive words run together ("Bamsur" from Bambang Surya).
 */
export function isNickname(word: string, name: string): boolean {
  const w = word.toLowerCase();
  const toks = name.toLowerCase().split(/\s+/);
  if (toks.length < 2 || toks.includes(w)) return false;
  // Strictly inside a word: a suffix ("Sari" of Purnamasari) is too often a name of its own.
  if (toks.some((t) => { const i = t.indexOf(w); return t.length >= w.length + 3 && i > 0 && i + w.length < t.length; })) return true;
  if (w.length < 5) return false;
  // Starts of two or more consecutive words (each piece non-empty), beginning at any word.
  const fromWord = (i: number, rest: string, pieces: number): boolean => {
    if (rest === '') return pieces >= 2;
    if (i >= toks.length) return false;
    for (let k = Math.min(rest.length, toks[i].length); k >= 1; k--) if (toks[i].startsWith(rest.slice(0, k)) && fromWord(i + 1, rest.slice(k), pieces + 1)) return true;
    return false;
  };
  return toks.some((_, i) => fromWord(i, w, 0));
}

/** Whether a person span of the run covers `pos` (spans sorted by start, not nested). */
function spanCovers(run: ArticleRun, pos: number): boolean {
  const spans = run.personSpans;
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid].start <= pos) lo = mid + 1; else hi = mid; }
  return lo > 0 && spans[lo - 1].end > pos;
}

/**
 * The person an unknown one-word subject stands for: the text's "Word Other" (two or three name words starting with
 * it) read as a person, as a short name stands for the full name written once ("… Partai Maju Rina Sari …").
 */
function fullNameOf(run: ArticleRun, word: string): Acc | null {
  const text = run.text;
  for (let i = text.indexOf(word + ' '); i >= 0; i = text.indexOf(word + ' ', i + 1)) {
    if (WORD_CH.test(text[i - 1] ?? ' ')) continue;
    NAME_TAIL_RE.lastIndex = i + word.length;
    const m = NAME_TAIL_RE.exec(text);
    if (!m) continue;
    const rest = m[0].trim().split(' ');
    if (rest.some((w) => NON_NAME_WORDS.has(w) || INSTITUTION_WORDS.has(w) || ORG_WORDS.has(w) || run.x.regions.lookup(w))) continue;
    const acc = run.speakerAt(i);
    if (acc) return acc;
  }
  return null;
}
/** One or two capitalised words right after a given word, ending at a word end. */
const NAME_TAIL_RE = /(?: \p{Lu}\p{Ll}+){1,2}(?![\p{L}])/uy;
