/**
 * A client's mistake a service finds (a field that names nothing, a cursor that fits no list): the HTTP layer answers
 * it with its code and the field, like a GraphQL input error, without services knowing GraphQL.
 */
export class InputError extends Error {
  constructor(readonly field: string, message: string, readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' = 'BAD_USER_INPUT') { super(message); }
}
