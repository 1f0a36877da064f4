import { EntityTarget, JoinColumn, ManyToOne } from 'typeorm';

/**
 * A foreign key on a plain id column (`article_id` beside `articleId`): the relation exists for the schema only, so
 * TypeORM's drift check sees the constraint, while reads and writes keep using the id column through `Db`.
 * Constraints are checked at commit: a PostgreSQL ingest batch writes its rows at its end in table order, not in
 * dependency order.
 */
export function References(target: () => EntityTarget<unknown>, column: string, onDelete: 'CASCADE' | 'SET NULL'): PropertyDecorator {
  return (proto, key) => {
    ManyToOne(target as () => never, { onDelete, deferrable: 'INITIALLY DEFERRED' })(proto, key);
    JoinColumn({ name: column })(proto, key);
  };
}
