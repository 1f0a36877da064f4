/**
 * Which GraphQL field each column of a read row feeds. By name: a column read as `x` feeds the field `x`, `xId` feeds
 * `x` (its resolver loads the record), `xJson` feeds `x` (parsed on demand); FED_BY lists the columns whose field is
 * named otherwise. Projections (projection.ts) read a field's column through this, and
 * tests/integration/columns.test.ts holds every read column against its type's fields.
 */

/** Per GraphQL type: row property → the fields it feeds, where the name does not say. */
export const FED_BY: Record<string, Record<string, string[]>> = {
  Event: { participantCountArticleId: ['participantCountSource'] },
  Position: { evidenceArticleId: ['evidence'], nodeKey: ['id'] },
  Participation: { evidenceArticleId: ['evidence'] },
  Quote: { personId: ['speaker'] },
  Mention: { entityId: ['person', 'institution', 'place', 'event'] },
};

/** The fields of `type` that the row property `property` feeds. */
export function fieldsFed(type: string, property: string): string[] {
  const declared = FED_BY[type]?.[property];
  if (declared) return declared;
  const m = /^(.+)(Id|Json)$/.exec(property);
  return [m ? m[1] : property];
}
