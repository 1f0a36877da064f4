import { parse, FieldNode, OperationDefinitionNode } from 'graphql';
import * as projection from '../../src/graphql/read/projection';
import { createLoaders } from '../../src/graphql/read/loaders';
import { selectionOf } from '../../src/graphql/selection';
import type { Db } from '../../src/db/database';

test('a selection\'s column projection is worked out once per process, not once per request (nothing piles up per request)', () => {
  const doc = parse('{ articles { edges { node { persons { name currentPosition { title } } } } } }');
  const persons = ((((doc.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode)
    .selectionSet!.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode;
  const sel = selectionOf({ fieldNodes: [persons], fragments: {} });
  expect([...sel!.keys()]).toEqual(['name', 'currentPosition']);
  const spy = jest.spyOn(projection, 'personColumns');
  const db = { indexHint: () => '', query: async () => [] } as unknown as Db;
  for (let i = 0; i < 3; i++) createLoaders(db).personsByArticle(sel);
  expect(spy).toHaveBeenCalledTimes(1);
  expect(spy.mock.results[0].value.joins).toMatch(/LEFT JOIN position cp/);
  spy.mockRestore();
});

test('each request gets its own loaders, made once on first use: one batch per request, nothing cached across requests', async () => {
  const seen: unknown[][] = [];
  const db = { indexHint: () => '', query: async (_sql: string, params: unknown[]) => { seen.push(params); return params.map((id) => ({ dbId: id, slug: `a-${id}`, title: 'T' })); } } as unknown as Db;
  const one = createLoaders(db), two = createLoaders(db);
  expect(one.article).toBe(one.article);
  expect(one.article).not.toBe(two.article);
  const [a, b] = await Promise.all([one.article.load(1), one.article.load(2)]);
  expect([a!.dbId, b!.dbId]).toEqual([1, 2]);
  expect(seen).toEqual([[1, 2]]);
  await one.article.load(1); // this request's cache
  expect(seen).toHaveLength(1);
  await two.article.load(1); // another request reads again
  expect(seen).toEqual([[1, 2], [1]]);
  expect(Object.keys(two)).toEqual(['article']); // only the loaders a request used were made
});
