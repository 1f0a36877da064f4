import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Live events per (start year, end year, city) ('' for no date, city 0 for none, so no foreign key), kept by triggers
 * on `event` (migration 1764550000000): `eventsByRegion` over whole calendar years.
 */
@Entity('event_tally_year_city')
@Index('idx_event_tally_year_city_spans', ['endYear', 'startYear'], { where: '"start_year" <> "end_year"' })
export class EventTallyYearCity {
  @PrimaryColumn({ name: 'start_year', type: 'varchar', length: 4 }) startYear: string;
  @PrimaryColumn({ name: 'end_year', type: 'varchar', length: 4 }) endYear: string;
  @PrimaryColumn({ name: 'city_id', type: 'integer' }) cityId: number;
  @Column({ type: 'integer' }) n: number;
}
