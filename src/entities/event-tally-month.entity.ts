import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Live events per start month ('' for none): what an unfiltered count by month reads (the event tallies' triggers keep it). */
@Entity('event_tally_month')
export class EventTallyMonth {
  @PrimaryColumn({ name: 'start_month', type: 'varchar', length: 7 }) startMonth: string;
  @Column({ type: 'integer' }) n: number;
}
