import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Institution } from './institution.entity';

/** One normalised name form (acronym, short form, long form) pointing at an institution. */
@Entity('institution_alias')
@Index('uq_institution_alias', ['aliasKey', 'institutionId'], { unique: true })
@Index('idx_institution_alias_inst', ['institutionId'])
/** PostgreSQL's trigram index for alias search (migration 1764470000000; left out of drift checks). */
@Index('idx_institution_alias_key_trgm', { synchronize: false })
export class InstitutionAlias {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'alias_key', type: 'varchar', length: 300 }) aliasKey: string;
  @Column({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
}
