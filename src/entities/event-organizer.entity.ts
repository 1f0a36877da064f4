import { Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('event_organizer')
@Index('idx_event_organizer_inst', ['institutionId'])
export class EventOrganizer {
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
}
