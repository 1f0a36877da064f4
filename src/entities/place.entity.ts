import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PlaceKind } from './enums';
import { References } from './references';

/** A place: unique by official region code where one exists, else by name within its parent. */
@Entity('place')
@Index('uq_place_scope', ['nameKey', 'kind', 'scopeKey'], { unique: true })
@Index('idx_place_parent', ['parentId'])
export class Place {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 300 }) name: string;
  @Column({ name: 'name_key', type: 'varchar', length: 300 }) nameKey: string;
  @Column({ type: 'varchar', length: 20 }) kind: PlaceKind;
  @Column({ name: 'parent_id', type: 'integer', nullable: true }) parentId: number | null;
  /** parent id or 0: NULLs never collide in a unique index, so the key needs a value. */
  @Column({ name: 'scope_key', type: 'integer', default: 0 }) scopeKey: number;
  @Column({ name: 'region_code', type: 'varchar', length: 20, nullable: true, unique: true }) regionCode: string | null;
  @References(() => Place, 'parent_id', 'SET NULL') parent?: unknown;
}
