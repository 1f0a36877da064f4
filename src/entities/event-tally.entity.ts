import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Live (unmerged) events per start month, end month, kind and city: what `stats` counts when a filter or a grouping
 * needs both the date and the place. Months are `YYYY-MM` ('' for no date; the end month is the start month when the
 * event has no end date); city 0 is "no city", so the city has no foreign key. Kept exact by triggers on `event`
 * (migration 1764460000000); never written by the application.
 */
@Entity('event_tally')
@Index('idx_event_tally_city', ['cityId'])
@Index('idx_event_tally_city_month', ['cityId', 'startMonth', 'kind'])
export class EventTally {
  @PrimaryColumn({ name: 'start_month', type: 'varchar', length: 7 }) startMonth: string;
  @PrimaryColumn({ name: 'end_month', type: 'varchar', length: 7 }) endMonth: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) kind: string;
  @PrimaryColumn({ name: 'city_id', type: 'integer' }) cityId: number;
  @Column({ type: 'integer' }) n: number;
}
