import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Event } from './event.entity';
import { Institution } from './institution.entity';

@Entity('event_organizer')
@Index('idx_event_organizer_inst', ['institutionId'])
@Index('idx_event_organizer_inst_date', ['institutionId', 'eventDate', 'eventId'])
export class EventOrganizer {
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  /** The live event's COALESCE(start_date, '0001-01-01'), null once it is merged: kept by triggers (migration 1764480000000). */
  @Column({ name: 'event_date', type: 'date', nullable: true }) eventDate: string | null;
  @References(() => Event, 'event_id', 'CASCADE') event?: unknown;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
}
