import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Institution } from './institution.entity';

/**
 * Live events each institution organised, per (start year, end year) of the event ('' for no date), kept by triggers
 * (migration 1764540000000): the organisers' ranking over whole calendar years.
 */
@Entity('organizer_year_tally')
@Index('idx_organizer_year_tally_rank', ['startYear', 'endYear', 'n', 'institutionId'])
@Index('idx_organizer_year_tally_spans', ['endYear', 'startYear'], { where: '"start_year" <> "end_year"' })
export class OrganizerYearTally {
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @PrimaryColumn({ name: 'start_year', type: 'varchar', length: 4 }) startYear: string;
  @PrimaryColumn({ name: 'end_year', type: 'varchar', length: 4 }) endYear: string;
  @Column({ type: 'integer' }) n: number;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
}
