import { parse, FieldNode, OperationDefinitionNode } from 'graphql';
import * as rows from '../../src/services/rows';
import { createLoaders } from '../../src/loaders';
import { selectionOf } from '../../src/graphql/selection';
import type { Db } from '../../src/db/database';

test('a selection\'s column projection is worked out once per process, not once per request (nothing piles up per request)', () => {
  const doc = parse('{ articles { edges { node { persons { name currentPosition { title } } } } } }');
  const persons = ((((doc.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode)
    .selectionSet!.selections[0] as FieldNode).selectionSet!.selections[0] as FieldNode;
  const sel = selectionOf({ fieldNodes: [persons], fragments: {} });
  expect([...sel!.keys()]).toEqual(['name', 'currentPosition']);
  const spy = jest.spyOn(rows, 'personColumns');
  const db = { indexHint: () => '', query: async () => [] } as unknown as Db;
  for (let i = 0; i < 3; i++) createLoaders(db).personsByArticle(sel);
  expect(spy).toHaveBeenCalledTimes(1);
  expect(spy.mock.results[0].value.joins).toMatch(/LEFT JOIN position cp/);
  spy.mockRestore();
});
