import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EventKind } from './enums';
import { References } from './references';
import { Article } from './article.entity';
import { Place } from './place.entity';

/** Something that happened: a Rakor, a Pelantikan… with dates, venue, city and a reported head count. */
@Entity('event')
@Index('idx_event_start', ['startDate', 'id'])
// Expression index (COALESCE(start_date, '0001-01-01'), id) for the latest-first keyset: made by a migration, left alone by sync.
@Index('idx_event_recent', { synchronize: false })
// Expression index (kind, COALESCE(start_date, '0001-01-01'), id): the latest events of one kind. Migration 1764460000000.
@Index('idx_event_kind_recent', { synchronize: false })
// Expression index (COALESCE(start_date, '9999-12-31'), id): the exports' oldest-first walk, undated last. Migration 1764600000000.
@Index('idx_event_dated_last', { synchronize: false })
@Index('idx_event_kind', ['kind', 'startDate'])
@Index('idx_event_city', ['cityId'])
@Index('idx_event_city_kind', ['cityId', 'kind', 'startDate'])
@Index('idx_event_venue', ['venueId'])
export class Event {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 500 }) name: string;
  @Column({ name: 'short_name', type: 'varchar', length: 300, nullable: true }) shortName: string | null;
  @Column({ type: 'simple-json' }) aliases: string[];
  @Column({ type: 'varchar', length: 40 }) kind: EventKind;
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate: string | null;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  @Column({ name: 'venue_id', type: 'integer', nullable: true }) venueId: number | null;
  @Column({ name: 'city_id', type: 'integer', nullable: true }) cityId: number | null;
  @Column({ name: 'participant_count', type: 'integer', nullable: true }) participantCount: number | null;
  @Column({ name: 'participant_count_article_id', type: 'integer', nullable: true }) participantCountArticleId: number | null;
  @Column({ name: 'merged_into_id', type: 'integer', nullable: true }) mergedIntoId: number | null;
  /** Counted up by every editor's change to the event (iCalendar SEQUENCE). */
  @Column({ type: 'integer', default: 0 }) revision: number;
  /** When an editor last changed the event, ISO 8601 UTC (iCalendar DTSTAMP and LAST-MODIFIED). */
  @Column({ name: 'modified_at', type: 'varchar', length: 30, nullable: true }) modifiedAt: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @References(() => Place, 'venue_id', 'SET NULL') venue?: unknown;
  @References(() => Place, 'city_id', 'SET NULL') city?: unknown;
  @References(() => Article, 'participant_count_article_id', 'SET NULL') participantCountArticle?: unknown;
  @References(() => Event, 'merged_into_id', 'SET NULL') mergedInto?: unknown;
}
