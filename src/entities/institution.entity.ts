import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InstitutionKind } from './enums';
import { References } from './references';

/** An institution, unique by canonical name. Aliases and acronyms live in institution_alias too. */
@Entity('institution')
@Index('idx_institution_parent', ['parentId'])
@Index('idx_institution_kind', ['kind'])
/** The merged institutions alone (migration 1764570000000), which partner counts leave out. */
@Index('idx_institution_merged_only', ['id'], { where: '"merged_into_id" IS NOT NULL' })
/** PostgreSQL's trigram index for name search (migration 1764470000000; not expressible here, so left out of drift checks). */
@Index('idx_institution_name_key_trgm', { synchronize: false })
export class Institution {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 300 }) name: string;
  @Column({ name: 'name_key', type: 'varchar', length: 300, unique: true }) nameKey: string;
  @Column({ type: 'varchar', length: 60, nullable: true }) acronym: string | null;
  @Column({ type: 'simple-json' }) aliases: string[];
  @Column({ type: 'varchar', length: 40 }) kind: InstitutionKind;
  @Column({ name: 'parent_id', type: 'integer', nullable: true }) parentId: number | null;
  @Column({ name: 'region_code', type: 'varchar', length: 20, nullable: true }) regionCode: string | null;
  @Column({ name: 'merged_into_id', type: 'integer', nullable: true }) mergedIntoId: number | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @References(() => Institution, 'parent_id', 'SET NULL') parent?: unknown;
  @References(() => Institution, 'merged_into_id', 'SET NULL') mergedInto?: unknown;
}
