import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Institution } from './institution.entity';

/** One normalised name form (acronym, short form, long form) pointing at an institution. */
@Entity('institution_alias')
@Index('uq_institution_alias', ['aliasKey', 'institutionId'], { unique: true })
@Index('idx_institution_alias_inst', ['institutionId'])
export class InstitutionAlias {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'alias_key', type: 'varchar', length: 300 }) aliasKey: string;
  @Column({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
}
