/** Tokenizer for the tagger: words, numbers and punctuation with their character offsets in the source text. */

export interface Token { text: string; start: number; end: number }

// A word keeps inner dots, hyphens, apostrophes and slashes ("S.H.", "Al-Ashar", "29/10"), and one trailing dot
// only when it is a single capital ("H."), as the corpus writes initials; any other character is its own token.
// Latin letters are spelled out as ranges (Latin-1 and Extended-A/B): Unicode property classes made this regex the
// slowest step of tagging; other scripts fall to single characters, which news in Indonesian hardly has.
const L = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F';
const TOKEN_RE = new RegExp(`[A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE]\\.(?![${L}])|[${L}0-9]+(?:[.'’\\-/][${L}0-9]+)*|\\S`, 'g');

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
