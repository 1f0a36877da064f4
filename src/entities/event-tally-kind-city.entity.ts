import { Column, Entity, PrimaryColumn } from 'typeorm';

/** event_tally without the months: live events per kind and city (city 0: none), for counts with no date filter. */
@Entity('event_tally_kind_city')
export class EventTallyKindCity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) kind: string;
  @PrimaryColumn({ name: 'city_id', type: 'integer' }) cityId: number;
  @Column({ type: 'integer' }) n: number;
}
