import { Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Event } from './event.entity';
import { Institution } from './institution.entity';

@Entity('event_organizer')
@Index('idx_event_organizer_inst', ['institutionId'])
export class EventOrganizer {
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @References(() => Event, 'event_id', 'CASCADE') event?: unknown;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
}
