import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How many rows make each institution take part in each event (an organiser row, a participation naming it, a
 * participant's position there), kept by triggers (migration 1764570000000) for the partner tallies. Its rows go with
 * the rows they count, so neither id has a foreign key.
 */
@Entity({ name: 'event_institution', withoutRowid: true })
@Index('idx_event_institution_institution', ['institutionId', 'eventId'])
export class EventInstitution {
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @Column({ type: 'integer' }) k: number;
}
