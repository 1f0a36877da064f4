/** searchVector: the PostgreSQL tsvector literal Warta writes for a search document. */
import { searchVector } from '../../src/search/search.service';

test('words folded and split as queries split them, weighted by part, positions running on through the parts', () => {
  expect(searchVector([['Rakor Pemkab', 'A'], ['', 'B'], ['Rakor di Pendopo Delta Wibawa, 2.500 peserta', 'C']]))
    .toBe("'rakor':1A,3C 'pemkab':2A 'di':4C 'pendopo':5C 'delta':6C 'wibawa':7C '2':8C '500':9C 'peserta':10C");
  expect(searchVector([['Ṣaïful Íláh', 'A'], ['e-KTP', 'B']])).toBe("'saiful':1A 'ilah':2A 'e':3B 'ktp':4B");
});

test('within the type\'s limits: at most 256 positions a word, positions up to 16383, no word over 2,046 bytes', () => {
  const many = searchVector([['kata '.repeat(300), 'C']]);
  expect(many.split(',')).toHaveLength(256);
  const far = searchVector([[`${'x '.repeat(20000)}akhir`, 'C']]);
  expect(far).toMatch(/'akhir':16383C$/);
  expect(searchVector([[`${'a'.repeat(2047)} pendek`, 'C']])).toBe("'pendek':2C");
  // 700 three-byte letters: 2,100 bytes, skipped; 600 of them (1,800 bytes) stay.
  expect(searchVector([[`${'ア'.repeat(700)} ${'ア'.repeat(600)}`, 'C']])).toBe(`'${'ア'.repeat(600)}':2C`);
});

test('nothing to index is the empty vector', () => {
  expect(searchVector([['', 'A'], ['— … —', 'C']])).toBe('');
});
