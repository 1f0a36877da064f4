import fs from 'node:fs';
import path from 'node:path';
import { Max, MaxLength, Min } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { buildWartaSchema, printWartaSchema, validateArgument } from '../../src/graphql/schema';

test('schema.graphql is the schema the code emits (run `npm run schema` after changing it)', async () => {
  const emitted = printWartaSchema(await buildWartaSchema());
  const committed = fs.readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');
  expect(emitted).toBe(committed);
});

describe('argument validation', () => {
  class Window { @Min(1) @Max(10) size?: number; @MaxLength(5) label?: string }
  const of = (v: Partial<Window>) => Object.assign(new Window(), v);
  const call = (v: unknown) => validateArgument(v, Window as never, {} as never);

  test('a value that broke a constraint is refused every time, also after valid values were remembered', () => {
    expect(() => call(of({ size: 5 }))).not.toThrow();
    expect(() => call(of({ size: 5 }))).not.toThrow();
    for (let i = 0; i < 3; i++) expect(() => call(of({ size: 11 }))).toThrow(ArgumentValidationError);
    expect(() => call(of({ size: 5, label: 'too long' }))).toThrow(ArgumentValidationError);
  });

  test('lists are checked item by item; plain values pass through', () => {
    expect(() => call([of({ size: 2 }), of({ size: 0 })])).toThrow(ArgumentValidationError);
    expect(() => call([of({ size: 2 }), of({ size: 3 })])).not.toThrow();
    expect(() => call(42)).not.toThrow();
    expect(() => call(null)).not.toThrow();
  });

  test('many distinct remembered values later, a bad value is still refused', () => {
    for (let i = 0; i < 2500; i++) expect(() => call(of({ size: 1 + (i % 10), label: String(i % 1000) }))).not.toThrow();
    expect(() => call(of({ size: 12, label: '1' }))).toThrow(ArgumentValidationError);
  });
});
