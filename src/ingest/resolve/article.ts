/**
 * Within one article: short forms and declared nicknames bind to the full name they refer to, before anything is
 * compared across articles. The extractor's people are read, never changed; a new extraction is returned in which
 * each person of the article appears once, with the nicknames the article declares for them.
 */
import type { Extraction, Span, XPerson, XPosition } from '../extract';
import { personKey } from '../../text/normalize';
import { coreTokens, matchNames } from './names';
import { CURATED_NICKNAMES } from './nicknames';

export interface RPerson extends XPerson {
  /** Nicknames and initialisms this article declares for the person ("X atau Y", "X (Y)", "X alias Y"): learnt as aliases. */
  declared: string[];
}
export interface ResolvedExtraction extends Extraction {
  persons: RPerson[];
  /**
   * Words no stage took that may be a known alias (initials such as "RWK", the one-word nicknames of the curated list): the
   * persister looks them up in the alias registry and the curated list, and links them only to a person already stored.
   */
  aliasProbes: Array<{ text: string; start: number; end: number }>;
}

/** Words that introduce a nickname after a name. */
const DECLARE_AFTER = /^\s*,?\s*(?:(?:atau\s+)?(?:yang\s+)?(?:akrab|biasa|kerap|karib)\s+(?:disapa|dipanggil|disebut)|atau|alias)\s+((?:(?:Gus|Cak|Bang|Kang|Bro|Mas|Mbak|Ning|Uda|Daeng|Abah|Buya|Kak|Pak|Bu)\s+)?\p{Lu}[\p{L}'’-]+|\p{Lu}{2,5})(?![\p{L}])/u;
/** A nickname in brackets right after a name: an initialism, or a word after a familiar prefix ("(Bang Rahmat)"). */
const DECLARE_BRACKET = /^\s*\(\s*((?:Gus|Cak|Bang|Kang|Bro|Mas|Mbak|Ning|Uda|Daeng|Abah|Buya)\s+\p{Lu}[\p{L}'’-]+|\p{Lu}{2,5})\s*\)/u;
/** Prefixes of familiar address, kept in a nickname ("Cak Mat"), set aside when comparing names. */
const FAMILIAR = /^(?:gus|cak|bang|kang|bro|mas|mbak|ning|uda|daeng|abah|buya|kak)\s+/;

/** Whether an all-capitals form is made of the initials of a name's words, in order (some words may be skipped). */
function initialsFit(acr: string, name: string): boolean {
  const initials = name.split(/\s+/).map((w) => w[0]?.toLowerCase() ?? '');
  let i = 0;
  for (const c of acr.toLowerCase()) { while (i < initials.length && initials[i] !== c) i++; if (i === initials.length) return false; i++; }
  return initials[0] === acr[0].toLowerCase();
}

/**
 * Repairs a scraped name in which "atau" lost its spaces ("Budi Setiawanatau Wawan"): the words before are the name,
 * those after a nickname.
 */
function unglue(name: string): { name: string; nick: string | null } {
  const words = name.split(/\s+/);
  const i = words.findIndex((w, k) => k < words.length - 1 && /^\p{Lu}\p{Ll}{2,}atau$/u.test(w));
  if (i < 0) return { name, nick: null };
  const head = [...words.slice(0, i), words[i].slice(0, -4)].join(' ');
  return { name: head, nick: words.slice(i + 1).join(' ') };
}

/**
 * A title the extractor read across a name and a nickname ("Menteri Sosial Rahmat Hidayat atau" for "Cak Mat"), or
 * glued to the next word ("Menteri KoperasiBudi"): the title proper, and the name it held.
 */
function cleanTitle(title: string, notName: () => Set<string>): { title: string; heldName: string | null } {
  const declared = /\s(?:atau|alias)$/.test(title) ? /^(.*?\S)\s+((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*)\s+(?:atau|alias)$/u.exec(title) : null;
  if (declared) {
    // The name is the tail of those capitalised words once title words, places and institutions are set aside.
    const words = declared[2].split(/\s+/);
    let k = 0;
    while (k < words.length - 1 && notName().has(words[k].toLowerCase())) k++;
    return { title: [declared[1], ...words.slice(0, k)].join(' '), heldName: words.slice(k).join(' ') };
  }
  const glued = /^(.*\p{Ll})(\p{Lu}\p{Ll}+)$/u.exec(title);
  if (glued && glued[1].includes(' ')) return { title: glued[1], heldName: null };
  return { title, heldName: null };
}

const ONE_WORD_NICKNAMES = new Set([...CURATED_NICKNAMES.keys()].filter((k) => !k.includes(' ')));
// ASCII and a word boundary: far cheaper than a Unicode look-behind tried at every position of the body.
const PROBE_RE = new RegExp(`\\b(?:(?:Gus|Cak|Bang|Kang|Bro) [A-Z][a-z]+|[A-Z]{2,5}|${[...ONE_WORD_NICKNAMES].map((k) => k[0].toUpperCase() + k.slice(1)).join('|')})\\b`, 'g');

/** Words of Indonesian official titles (never the first word of a name). */
const TITLE_WORDS = `menteri menko wakil ketua kepala gubernur bupati wali kota walikota wawali wabup wagub camat lurah sekretaris direktur jenderal
  presiden komisaris hakim jaksa anggota koordinator bidang sosial dalam luar negeri keuangan agama pertahanan provinsi kabupaten desa umum utama
  dprd dpr mpr dpd kapolri kapolda kapolres panglima kepolisian daerah negara republik indonesia ri`.split(/\s+/).filter(Boolean);

function samePosition(p: XPosition, q: XPosition): boolean {
  return personKey(p.title) === personKey(q.title) && p.institution === q.institution;
}

/** The state resolveArticle's merges share: the keys of names, the people absorbed and the names that changed. */
interface Merging { key: (n: string) => string; absorbed: Set<RPerson>; renamed: Map<string, string> }

/** A well-known nickname (nicknames.ts) of a person the article also names in full ("Gus Ipul" beside "Saifullah Yusuf") is that person. */
function mergeCurated(st: Merging, persons: RPerson[], byKey: Map<string, RPerson>): void {
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i];
    const full = CURATED_NICKNAMES.get(st.key(p.name));
    const q = full === undefined ? undefined : byKey.get(full);
    if (q) mergeInto(st, q, p);
  }
}

/** Folds `q` into `into`: names, nicknames, positions and mentions. */
function mergeInto(st: Merging, into: RPerson, q: RPerson): void {
  if (into === q || st.absorbed.has(into) || st.absorbed.has(q)) return;
  st.absorbed.add(q);
  st.renamed.set(st.key(q.name), into.name);
  if (q.name !== into.name && !into.aliases.includes(q.name)) into.aliases.push(q.name);
  for (let k = 0; k < q.aliases.length; k++) { const f = q.aliases[k]; if (f !== into.name && !into.aliases.includes(f)) into.aliases.push(f); }
  for (let k = 0; k < q.declared.length; k++) if (!into.declared.includes(q.declared[k])) into.declared.push(q.declared[k]);
  for (let k = 0; k < q.positions.length; k++) if (!hasPosition(into.positions, q.positions[k])) into.positions.push(q.positions[k]);
  for (let k = 0; k < q.mentions.length; k++) {
    const m = q.mentions[k];
    let seen = false;
    for (let j = 0; j < into.mentions.length && !seen; j++) seen = into.mentions[j].start === m.start;
    if (!seen) into.mentions.push(m);
  }
  into.mentions.sort((a, b) => a.start - b.start);
}

function hasPosition(list: XPosition[], pos: XPosition): boolean {
  for (let k = 0; k < list.length; k++) if (samePosition(list[k], pos)) return true;
  return false;
}

/**
 * Probes, outside every span the extractor found: initialisms ("RWK"), familiar forms ("Cak Mat") and the one-word
 * curated nicknames. Other one-word aliases are only found where the extractor found the word.
 */
function aliasProbesOf(x: Extraction, text: string): ResolvedExtraction['aliasProbes'] {
  const out: ResolvedExtraction['aliasProbes'] = [];
  let taken: Uint8Array | null = null;
  PROBE_RE.lastIndex = 0;
  for (let m = PROBE_RE.exec(text); m; m = PROBE_RE.exec(text)) {
    const w = m[0];
    taken ??= takenMarks(x, text.length + 1);
    const s = m.index, e = s + w.length;
    if (!taken[s] && !taken[e - 1] && out.length < 100) out.push({ text: w, start: s, end: e });
  }
  return out;
}

/** One mark per offset that a mention of an institution, place, person or event covers. */
function takenMarks(x: Extraction, n: number): Uint8Array {
  const taken = new Uint8Array(n);
  const mark = (ms: Span[]) => { for (let k = 0; k < ms.length; k++) taken.fill(1, ms[k].start, ms[k].end); };
  for (let i = 0; i < x.institutions.length; i++) mark(x.institutions[i].mentions);
  for (let i = 0; i < x.places.length; i++) mark(x.places[i].mentions);
  for (let i = 0; i < x.persons.length; i++) mark(x.persons[i].mentions);
  for (let i = 0; i < x.events.length; i++) mark(x.events[i].mentions);
  return taken;
}

/** The kinds of name match by which a short form binds to the one fuller name of the article. */
const SHORT_FORM_MATCHES = new Set(['CONTAINED', 'ONE_WORD', 'FUZZY', 'VARIANT']);

/** Nicknames declared after a mention of the person's full name ("X atau Y", "X (Y)", "X alias Y"). */
function declareNicknames(p: RPerson, text: string, key: (n: string) => string): void {
  if (p.name.split(/\s+/).length < 2) return;
  for (let k = 0; k < p.mentions.length; k++) {
    const m = p.mentions[k];
    const after = text.slice(m.end, m.end + 60);
    const d = DECLARE_AFTER.exec(after) ?? DECLARE_BRACKET.exec(after);
    if (!d) continue;
    const nick = d[1].trim();
    if (/^\p{Lu}+$/u.test(nick) && !initialsFit(nick, p.name)) continue;
    if (key(nick) === key(p.name) || coreTokens(key(p.name)).includes(key(nick))) continue;
    if (!p.declared.includes(nick)) p.declared.push(nick);
  }
}

/** A person whose title held another's full name merges into that person, or takes the full name when no one has it. */
function bindHeldNames(st: Merging, persons: RPerson[], byKey: Map<string, RPerson>): void {
  const { key, absorbed, renamed } = st;
  for (let i = 0; i < persons.length; i++) {
    const q = persons[i];
    const held = (q as RPerson & { heldBy?: string }).heldBy;
    if (!held || absorbed.has(q)) continue;
    const p = byKey.get(key(held)) ?? persons.find((r) => r !== q && matchNames(key(held), key(r.name)) === 'EXACT');
    if (p && !absorbed.has(p)) { if (!p.declared.includes(q.name)) p.declared.push(q.name); mergeInto(st, p, q); }
    else if (!p && held.split(/\s+/).length >= 2) {
      // The full name was only written inside the title: it is the person's name, and the name used was a nickname.
      renamed.set(key(q.name), held);
      if (!q.declared.includes(q.name)) q.declared.push(q.name);
      if (!q.aliases.includes(q.name)) q.aliases.push(q.name);
      q.name = held;
      byKey.set(key(held), q);
    }
  }
}

/** A name with the next word glued on ("…Kusumamenegaskan") is the same person as the clean one of the article. */
function mergeGlued(st: Merging, persons: RPerson[], wordsIn: (k: string) => number): void {
  const { key, absorbed } = st;
  for (let i = 0; i < persons.length; i++) {
    const q = persons[i];
    if (absorbed.has(q)) continue;
    const k = key(q.name);
    // A glued name has as many words as the clean one (matchNames compares them word by word).
    const clean = persons.find((p) => p !== q && !absorbed.has(p) && key(p.name).length < k.length && wordsIn(key(p.name)) === wordsIn(k) && matchNames(k, key(p.name)) === 'GLUED');
    if (clean) mergeInto(st, clean, q);
  }
}

/** A short form binds to the one fuller name of the article it follows; with two candidates it stays as it was. */
function mergeShortForms(st: Merging, persons: RPerson[], wordsIn: (k: string) => number): void {
  const { key, absorbed } = st;
  for (let i = 0; i < persons.length; i++) {
    const q = persons[i];
    if (absorbed.has(q)) continue;
    const k = key(q.name);
    const fuller = persons.filter((p) => p !== q && !absorbed.has(p) && wordsIn(key(p.name)) > wordsIn(k) && SHORT_FORM_MATCHES.has(matchNames(k, key(p.name)) ?? ''));
    if (fuller.length === 1 && fuller[0].mentions[0].start <= q.mentions[0].start) mergeInto(st, fuller[0], q);
  }
}

/** The extraction with the persons' new names in its events, quotes and unresolved mentions. */
function renamedExtraction(st: Merging, x: Extraction, kept: RPerson[], aliasProbes: ResolvedExtraction['aliasProbes']): ResolvedExtraction {
  const { key, renamed } = st;
  const rename = (n: string | null | undefined) => (n ? renamed.get(key(n)) ?? n : n);
  return {
    ...x,
    persons: kept,
    aliasProbes,
    events: x.events.map((e) => ({ ...e, participants: e.participants.map((pa) => (pa.person ? { ...pa, person: rename(pa.person)! } : pa)) })),
    quotes: x.quotes.map((q) => ({ ...q, speaker: rename(q.speaker) ?? null })),
    unresolved: x.unresolved.map((u) => ({ ...u, candidates: [...new Set(u.candidates.map((c) => rename(c)!))] })).filter((u) => u.candidates.length >= 2),
  };
}

/** A name repaired by unglue: the words before "atau" are the name, those after a declared nickname. */
function takeUngluedName(p: RPerson, name: string, nick: string, renamed: Map<string, string>, key: (n: string) => string): void {
  renamed.set(key(p.name), name);
  p.aliases = p.aliases.filter((a) => a !== p.name && a !== name);
  p.name = name;
  if (!p.declared.includes(nick)) p.declared.push(nick);
}

/** Binds the article's short forms and declared nicknames to one person each. `text` is the body the spans refer to. */
export function resolveArticle(x: Extraction, text: string): ResolvedExtraction {
  // Names are compared pairwise below: each one's key is computed once.
  const keys = new Map<string, string>();
  const key = (n: string): string => { let k = keys.get(n); if (k === undefined) keys.set(n, (k = personKey(n))); return k; };
  const wordCounts = new Map<string, number>();
  const wordsIn = (k: string): number => { let c = wordCounts.get(k); if (c === undefined) wordCounts.set(k, (c = k.split(' ').length)); return c; };
  // Built only for the rare title that ends in "atau"/"alias".
  let words: Set<string> | null = null;
  const notName = () => (words ??= new Set([...TITLE_WORDS, ...[...x.places.map((p) => p.name), ...x.institutions.flatMap((i) => [i.name, ...i.aliases])].flatMap((n) => n.toLowerCase().split(/\s+/))]));
  // Filled by push from one literal: a mapped copy's elements kind (empty or filled) deoptimised the loops below.
  const persons: RPerson[] = [];
  for (let i = 0; i < x.persons.length; i++) { const p = x.persons[i]; persons.push({ ...p, aliases: [...p.aliases], positions: [], mentions: [...p.mentions], declared: [] }); }
  const renamed = new Map<string, string>(); // old name key → the name the person now goes by
  // Indexed loops throughout: for-of loops wrap their bodies in iterator-closing exception handlers, which made this
  // function one of the costliest to optimise.
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i];
    const u = unglue(p.name);
    if (u.nick) takeUngluedName(p, u.name, u.nick, renamed, key);
    const ps = x.persons[i].positions;
    for (let k = 0; k < ps.length; k++) {
      const c = cleanTitle(ps[k].title, notName);
      const fixed = { ...ps[k], title: c.title };
      if (!hasPosition(p.positions, fixed)) p.positions.push(fixed);
      // The title held the full name of which this person's name is the declared nickname.
      if (c.heldName && key(c.heldName) !== key(p.name)) (p as RPerson & { heldBy?: string }).heldBy = c.heldName;
    }
  }
  // Nicknames declared after a mention of a full name.
  for (let i = 0; i < persons.length; i++) declareNicknames(persons[i], text, key);
  // Merge: a person whose name is a nickname declared for another, or whose title held another's full name, or a
  // short form that fits exactly one fuller name of the article.
  const byKey = new Map(persons.map((p) => [key(p.name), p]));
  const st: Merging = { key, absorbed: new Set<RPerson>(), renamed };
  const absorbed = st.absorbed;
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i];
    // The list may grow as others merge into p: its length is read on every step.
    for (let k = 0; k < p.declared.length; k++) {
      const nick = p.declared[k];
      const q = byKey.get(key(nick)) ?? persons.find((r) => r !== p && key(r.name).replace(FAMILIAR, '') === key(nick).replace(FAMILIAR, ''));
      if (q && q !== p) mergeInto(st, p, q);
    }
  }
  // The rarer merges in functions of their own: optimised apart, and not at all while no article needs them.
  mergeCurated(st, persons, byKey);
  bindHeldNames(st, persons, byKey);
  mergeGlued(st, persons, wordsIn);
  mergeShortForms(st, persons, wordsIn);
  const aliasProbes = aliasProbesOf(x, text);
  const kept: RPerson[] = [];
  for (let i = 0; i < persons.length; i++) if (!absorbed.has(persons[i])) kept.push(persons[i]);
  // Nothing renamed (most articles): the extractor's events, quotes and unresolved mentions stand as they are.
  if (!renamed.size) return { ...x, persons: kept, aliasProbes };
  return renamedExtraction(st, x, kept, aliasProbes);
}
