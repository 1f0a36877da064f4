import { Column, Entity, PrimaryColumn } from 'typeorm';

/** event_tally without the city: live events per start month, end month and kind (the same triggers keep it). */
@Entity('event_tally_month_kind')
export class EventTallyMonthKind {
  @PrimaryColumn({ name: 'start_month', type: 'varchar', length: 7 }) startMonth: string;
  @PrimaryColumn({ name: 'end_month', type: 'varchar', length: 7 }) endMonth: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) kind: string;
  @Column({ type: 'integer' }) n: number;
}
