import { badByte } from '../../src/cli/extract-files';

/** The first offset a strict decoder stops at, found the slow way: the longest prefix that decodes. */
function reference(b: Uint8Array): number {
  const nul = b.indexOf(0);
  const strict = new TextDecoder('utf-8', { fatal: true });
  const decodes = (n: number) => { try { strict.decode(b.subarray(0, n)); return true; } catch { return false; } };
  if (decodes(b.length)) return nul;
  // The bad sequence starts after the longest prefix that decodes (a cut inside a good sequence fails too: step back to its start).
  let n = b.length;
  while (n > 0 && !decodes(n)) n--;
  const bad = n;
  return nul !== -1 && nul < bad ? nul : bad;
}

describe('badByte', () => {
  test('finds the first byte that is not UTF-8 text (or a NUL) as a strict decoder would, and -1 on text', () => {
    // xorshift32: the same inputs on every run.
    let seed = 2463534242;
    const rand = (k: number) => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed % k; };
    const pieces = ['Rapat warga', ' — ', 'é', '€', '😀', '\n'].map((s) => Buffer.from(s));
    const odd = [[0xc3], [0xe2, 0x82], [0xff], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0x00], [0x80]];
    let texts = 0, refused = 0;
    for (let round = 0; round < 400; round++) {
      const parts: Buffer[] = [];
      for (let k = rand(12); k >= 0; k--) parts.push(pieces[rand(pieces.length)]);
      if (rand(2)) parts.splice(rand(parts.length + 1), 0, Buffer.from(odd[rand(odd.length)]));
      const b = Buffer.concat(parts);
      const want = reference(b);
      expect([round, badByte(b)]).toEqual([round, want]);
      if (want === -1) texts++; else refused++;
    }
    // Both outcomes were exercised.
    expect(texts).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  });
});
