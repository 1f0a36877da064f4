/** Tokenizer for the tagger: words, numbers and punctuation with their character offsets in the source text. */

export interface Token { text: string; start: number; end: number }

// A word keeps inner dots, hyphens, apostrophes and slashes ("S.H.", "Al-Ashar", "29/10"), and one trailing dot
// only when it is a single capital ("H."), as the corpus writes initials; any other character is its own token.
const TOKEN_RE = /\p{Lu}\.(?!\p{L})|[\p{L}\p{N}]+(?:[.'’\-/][\p{L}\p{N}]+)*|\S/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
