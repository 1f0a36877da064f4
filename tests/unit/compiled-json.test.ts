/**
 * Compiled queries write their answers with a serializer generated for the query's shape (graphql-jit's
 * customJSONSerializer). It must give JSON.stringify's bytes for any text a story can hold: quotes, backslashes,
 * control characters, emoji, lone surrogates, long strings.
 */
import fc from 'fast-check';
import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { buildWartaSchema } from '../../src/graphql/schema';
import { withDatesAsStrings } from '../../src/graphql/scalars';

test('the generated serializer writes exactly what JSON.stringify writes', async () => {
  const schema = await buildWartaSchema();
  // As CompiledQueries compiles (the date scalars written as strings).
  const c = withDatesAsStrings(() => compileQuery(schema, parse('{ articles(first: 2) { edges { node { title publishedOn persons { name } events { name participantCount } } } } }'),
    undefined, { customJSONSerializer: true }));
  if (!isCompiledQuery(c)) throw new Error('did not compile');
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ minLength: 40, maxLength: 6000 }),
    fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u2028', '\ud800', 'a\udc00b', '😀', '</script>'));
  const data = fc.record({
    articles: fc.record({
      edges: fc.array(fc.record({
        node: fc.record({
          title: text, publishedOn: fc.option(text, { nil: null }),
          persons: fc.array(fc.record({ name: text }), { maxLength: 3 }),
          events: fc.array(fc.record({ name: text, participantCount: fc.option(fc.integer(), { nil: null }) }), { maxLength: 2 }),
        }),
      }), { maxLength: 3 }),
    }),
  });
  fc.assert(fc.property(data, (d) => { expect(c.stringify({ data: d })).toBe(JSON.stringify({ data: d })); }), { numRuns: 500 });
});
