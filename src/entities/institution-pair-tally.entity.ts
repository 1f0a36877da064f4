import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * For each ordered pair of distinct institutions, the live events both take part in (event_institution), kept by
 * triggers (migration 1764570000000): `partners` without dates. Its rows go with the rows they count: no foreign keys.
 */
@Entity({ name: 'institution_pair_tally', withoutRowid: true })
@Index('idx_institution_pair_tally_n', ['institutionId', 'n'])
export class InstitutionPairTally {
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @PrimaryColumn({ name: 'other_id', type: 'integer' }) otherId: number;
  @Column({ type: 'integer' }) n: number;
}
