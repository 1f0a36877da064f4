import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The items of each person's timeline with a real date (participations, quotes, articles of their mentions), kept by
 * triggers (migration 1764500000000). Like mention.entity_id, which it counts by, the person id has no foreign key.
 */
@Entity('person_timeline_tally')
export class PersonTimelineTally {
  @PrimaryColumn({ name: 'person_id', type: 'integer' }) personId: number;
  @Column({ type: 'integer' }) n: number;
}
