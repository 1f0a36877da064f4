/**
 * Date scalars, so that typed clients (codegen, Relay) get a date type rather than `string`. The wire format is the
 * ISO 8601 string Warta always sent. Input values are taken as strings here and checked where they are used
 * (class-validator on inputs, checkDate on arguments), so a wrong date stays a BAD_USER_INPUT naming its field.
 */
import { GraphQLScalarType, Kind } from 'graphql';

function scalar(name: string, description: string, fromDate: (d: Date) => string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize(v) {
      if (typeof v === 'string') return v;
      if (v instanceof Date) return fromDate(v);
      throw new TypeError(`${name} cannot represent ${typeof v}`);
    },
    parseValue(v) {
      if (typeof v !== 'string') throw new TypeError(`${name} must be a string`);
      return v;
    },
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) throw new TypeError(`${name} must be a string`);
      return ast.value;
    },
  });
}

export const DateScalar = scalar('Date', 'A calendar date, ISO 8601 `YYYY-MM-DD` (sent as a string)', (d) => d.toISOString().slice(0, 10));
export const DateTimeScalar = scalar('DateTime', 'A point in time, ISO 8601 (`2019-11-13T09:30:00+07:00`, `2025-01-02T03:04:05.678Z`), sent as a string as its source gave it',
  (d) => d.toISOString());

/**
 * Runs `fn` (graphql-jit's compileQuery, which is synchronous) with the date scalars named as `String`. graphql-jit's
 * generated JSON serializer knows only the built-in scalars by name and refuses any other; both date scalars are
 * strings on the wire, so they are written as strings. Values still go through the scalars' own serialize (graphql-jit
 * binds each leaf to its type object, not its name).
 */
export function withDatesAsStrings<T>(fn: () => T): T {
  const scalars = [DateScalar, DateTimeScalar];
  const names = scalars.map((s) => s.name);
  for (const s of scalars) (s as { name: string }).name = 'String';
  try { return fn(); } finally { scalars.forEach((s, i) => { (s as { name: string }).name = names[i]; }); }
}
