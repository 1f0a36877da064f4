/** Marks the type only; there is no such value. */
declare const txBrand: unique symbol;

/**
 * A write transaction opened by `Db.transaction`. Statements take it to run on the transaction's connection. Only
 * `db/` looks inside it (a TypeORM EntityManager), so services and ingest name no TypeORM type and cannot bypass `Db`.
 */
export interface Tx { readonly [txBrand]: 'Tx' }
