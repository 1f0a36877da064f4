import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Live events per city (0: none): what an unfiltered count by region reads (the event tallies' triggers keep it). */
@Entity('event_tally_city')
export class EventTallyCity {
  @PrimaryColumn({ name: 'city_id', type: 'integer' }) cityId: number;
  @Column({ type: 'integer' }) n: number;
}
