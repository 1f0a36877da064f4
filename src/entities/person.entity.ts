import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';

/**
 * A person. Not unique by name: two officials can share one, so ingest resolves
 * a new mention against name_key plus positions and context.
 */
@Entity('person')
@Index('idx_person_name_key', ['nameKey'])
@Index('idx_person_merged', ['mergedIntoId'])
export class Person {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** Normalised name (NFKC, no honorifics or degrees, lower case) used for resolution and search. */
  @Column({ name: 'name_key', type: 'varchar', length: 200 }) nameKey: string;
  @Column({ type: 'simple-json' }) aliases: string[];
  /** Set when merged: the id keeps resolving to the survivor. */
  @Column({ name: 'merged_into_id', type: 'integer', nullable: true }) mergedIntoId: number | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @References(() => Person, 'merged_into_id', 'SET NULL') mergedInto?: unknown;
}
