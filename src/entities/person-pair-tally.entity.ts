import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * For each ordered pair of distinct people, the live events both took part in, kept by triggers (migration
 * 1764490000000). Its rows go with the participations they count, so neither id has a foreign key.
 */
@Entity('person_pair_tally')
@Index('idx_person_pair_tally_n', ['personId', 'n'])
export class PersonPairTally {
  @PrimaryColumn({ name: 'person_id', type: 'integer' }) personId: number;
  @PrimaryColumn({ name: 'other_id', type: 'integer' }) otherId: number;
  @Column({ type: 'integer' }) n: number;
}
