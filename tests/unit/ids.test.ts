import fc from 'fast-check';
import { fromGlobalId, keyParts, NODE_TYPES, toGlobalId, toKeyedId, toStableId } from '../../src/graphql/ids';
import { freeKey, mergeKeyBase, NODE_KEY_MAX, positionKeyBase } from '../../src/text/node-keys';

test('global ids are the base64url of "Type:id", and read back', () => {
  fc.assert(fc.property(fc.constantFrom(...NODE_TYPES), fc.integer({ min: 0, max: 999_999_999_999 }), (type, id) => {
    const gid = toGlobalId(type, id);
    expect(gid).toBe(Buffer.from(`${type}:${id}`).toString('base64url'));
    expect(fromGlobalId(gid)).toEqual({ type, id });
  }), { numRuns: 2000 });
});

test('ids stay right when the same ones are asked for again, also past the memo\'s bound', () => {
  for (let round = 0; round < 2; round++) {
    for (let id = 0; id < 25_000; id += 1) {
      const gid = toGlobalId('Person', id);
      if (id % 997 === 0) expect(gid).toBe(Buffer.from(`Person:${id}`).toString('base64url'));
    }
  }
  expect(toGlobalId('Event', 7)).not.toBe(toGlobalId('Person', 7));
  expect(fromGlobalId(toGlobalId('Event', 7))).toEqual({ type: 'Event', id: 7 });
});

test('slugged records have ids built from their slug, read back as the slug; other types keep row ids', () => {
  const gid = toStableId('Person', 41, 'saiful-ilah');
  expect(gid).toBe(Buffer.from('Person:saiful-ilah').toString('base64url'));
  expect(fromGlobalId(gid)).toEqual({ type: 'Person', slug: 'saiful-ilah' });
  expect(toStableId('Event', 7, '2019-rakor-pengembangan-sop')).toBe(Buffer.from('Event:2019-rakor-pengembangan-sop').toString('base64url'));
  // No slug in the row, or a slug of digits only (it would read as a row id): the row-id form.
  expect(toStableId('Place', 9, undefined)).toBe(toGlobalId('Place', 9));
  expect(toStableId('Place', 9, '2020')).toBe(toGlobalId('Place', 9));
  // Slug ids only for slugged types.
  expect(fromGlobalId(Buffer.from('Mention:abc').toString('base64url'))).toBeNull();
});

test('quotes, mentions and participations have ids built from their natural key, read back as its parts', () => {
  fc.assert(fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,199}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,199}$/), fc.nat(99_999),
    fc.constantFrom('ATTENDEE', 'SPEAKER'), fc.constantFrom('person', 'institution'), (a, b, n, role, party) => {
      const q = toKeyedId('Quote', 1, [a, n]);
      expect(q).toBe(Buffer.from(`Quote:${a}/${n}`).toString('base64url'));
      expect(fromGlobalId(q)).toEqual({ type: 'Quote', key: `${a}/${n}` });
      const m = fromGlobalId(toKeyedId('Mention', 1, [a, 'PERSON', `${n}-${n + 5}`]))!;
      expect(keyParts('Mention', m.key!)).toEqual([a, 'PERSON', String(n), String(n + 5)]);
      // The longest: two slugs of 200 characters still read back.
      const p = fromGlobalId(toKeyedId('Participation', 1, [a, role, party, b]))!;
      expect(keyParts('Participation', p.key!)).toEqual([a, role, party, b]);
    }), { numRuns: 300 });
  const long = ['e'.repeat(200), 'ATTENDEE', 'institution', 'i'.repeat(200)];
  expect(keyParts('Participation', fromGlobalId(toKeyedId('Participation', 1, long))!.key!)).toEqual(long);
  // A part missing (a record not loaded) or a slug of digits alone: the row-id form.
  expect(toKeyedId('Quote', 12, [undefined, 4])).toBe(toGlobalId('Quote', 12));
  expect(toKeyedId('Quote', 12, ['2020', 4])).toBe(toGlobalId('Quote', 12));
  // Keys only for keyed types, and only of their shape.
  expect(fromGlobalId(Buffer.from('Position:abc/1').toString('base64url'))).toBeNull();
  expect(fromGlobalId(Buffer.from('Quote:abc/01').toString('base64url'))).toBeNull();
});

test('positions and person merges have ids built from their stored key, whatever the titles, names and slugs it was built from', async () => {
  const slug = fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,199}$/), fc.constant('2020'));
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom('Bupati', 'Kepala Biro Organisasi dan Tata Laksana', '—', ''));
  await fc.assert(fc.asyncProperty(slug, text, fc.option(slug), fc.option(slug), fc.nat(99), async (person, title, inst, article, taken) => {
    const base = positionKeyBase(person, title, inst, article);
    const key = await freeKey(base, (k) => k === base || Number(k.slice(base.length + 1)) <= taken);
    expect(key.length).toBeLessThanOrEqual(NODE_KEY_MAX);
    expect(key).toBe(taken === 0 ? `${base}/2` : `${base}/${taken + 1}`);
    for (const k of [base, key]) {
      const id = toKeyedId('Position', 7, [k]);
      expect(id).toBe(Buffer.from(`Position:${k}`).toString('base64url'));
      expect(id.length).toBeLessThanOrEqual(800);
      expect(fromGlobalId(id)).toEqual({ type: 'Position', key: k });
      expect(keyParts('Position', k)).toEqual([k]);
    }
    const merge = await freeKey(mergeKeyBase(person, inst ?? null, title, article), () => false);
    expect(merge.split('/')).toHaveLength(3);
    expect(fromGlobalId(toKeyedId('PersonMerge', 7, [merge]))).toEqual({ type: 'PersonMerge', key: merge });
    // A merge's key is no position's (one part fewer).
    expect(fromGlobalId(Buffer.from(`Position:${merge}`).toString('base64url'))).toBeNull();
  }), { numRuns: 500 });
  expect(positionKeyBase('saiful-ilah', 'Bupati', 'pemerintah-kabupaten-sidoarjo', null)).toBe('saiful-ilah/bupati/pemerintah-kabupaten-sidoarjo/-');
  expect(mergeKeyBase('saiful-ilah', null, 'Saiful', '2019-rakor')).toBe('saiful-ilah/saiful/2019-rakor');
  // A row not read with its key (a projection without it): the row-id form, which resolves as before.
  expect(toKeyedId('Position', 12, [null])).toBe(toGlobalId('Position', 12));
  expect(fromGlobalId(toGlobalId('PersonMerge', 12))).toEqual({ type: 'PersonMerge', id: 12 });
  expect(fromGlobalId(Buffer.from('Position:a/b/c/d/01').toString('base64url'))).toBeNull();
});

test('ids are canonicalised: padding and the standard base64 alphabet read as the canonical id, other spellings are not ids', () => {
  fc.assert(fc.property(fc.constantFrom('Person', 'Place', 'Event'), fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/), (type, slug) => {
    const canonical = toStableId(type as 'Person', 1, slug);
    const std = Buffer.from(`${type}:${slug}`).toString('base64');
    expect(fromGlobalId(std)).toEqual(fromGlobalId(canonical));
    expect(fromGlobalId(`${canonical}==`.slice(0, canonical.length + ((4 - (canonical.length % 4)) % 4)))).toEqual({ type, slug });
  }), { numRuns: 500 });
  const one = toGlobalId('Person', 1); // "UGVyc29uOjE"
  expect(fromGlobalId(`${one}=`)).toEqual({ type: 'Person', id: 1 });
  expect(fromGlobalId('UGVyc29uOjF')).toBeNull(); // stray bits in the last character
  expect(fromGlobalId(Buffer.from('Person:01').toString('base64url'))).toBeNull(); // leading zero
  expect(fromGlobalId(` ${one}`)).toBeNull();
});
