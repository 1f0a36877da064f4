import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Live events per kind: what an unfiltered count by kind, or of all events, reads (the event tallies' triggers keep it). */
@Entity('event_tally_kind')
export class EventTallyKind {
  @PrimaryColumn({ type: 'varchar', length: 40 }) kind: string;
  @Column({ type: 'integer' }) n: number;
}
