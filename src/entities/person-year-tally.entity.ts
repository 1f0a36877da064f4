import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Person } from './person.entity';

/**
 * Distinct live events each person took part in, per (start year, end year) of the event ('' for no date), kept by
 * triggers (migration 1764540000000): the officials' ranking over whole calendar years.
 */
@Entity('person_year_tally')
@Index('idx_person_year_tally_rank', ['startYear', 'endYear', 'n', 'personId'])
@Index('idx_person_year_tally_spans', ['endYear', 'startYear'], { where: '"start_year" <> "end_year"' })
export class PersonYearTally {
  @PrimaryColumn({ name: 'person_id', type: 'integer' }) personId: number;
  @PrimaryColumn({ name: 'start_year', type: 'varchar', length: 4 }) startYear: string;
  @PrimaryColumn({ name: 'end_year', type: 'varchar', length: 4 }) endYear: string;
  @Column({ type: 'integer' }) n: number;
  @References(() => Person, 'person_id', 'CASCADE') person?: unknown;
}
