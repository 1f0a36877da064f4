import fs from 'node:fs';
import path from 'node:path';
import { buildWartaSchema, printWartaSchema } from '../../src/graphql/schema';

test('schema.graphql is the schema the code emits (run `npm run schema` after changing it)', async () => {
  const emitted = printWartaSchema(await buildWartaSchema());
  const committed = fs.readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');
  expect(emitted).toBe(committed);
});
