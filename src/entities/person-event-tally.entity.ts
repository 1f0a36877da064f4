import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Person } from './person.entity';

/** Distinct live events each person took part in (whatever the number of roles), kept by triggers. */
@Entity('person_event_tally')
@Index('idx_person_event_tally_n', ['n'])
export class PersonEventTally {
  @PrimaryColumn({ name: 'person_id', type: 'integer' }) personId: number;
  @Column({ type: 'integer' }) n: number;
  @References(() => Person, 'person_id', 'CASCADE') person?: unknown;
}
