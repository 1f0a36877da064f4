import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ParticipationRole } from './enums';
import { References } from './references';
import { Article } from './article.entity';
import { Event } from './event.entity';
import { Institution } from './institution.entity';
import { Person } from './person.entity';

/** A person or an institution taking part in an event in a role, with evidence. */
@Entity('participation')
@Index('uq_participation', ['eventId', 'partyKey', 'role'], { unique: true })
@Index('idx_participation_person', ['personId', 'eventId'])
@Index('idx_participation_institution', ['institutionId'])
@Index('idx_participation_person_date', ['personId', 'eventDate', 'id'])
// On (event, role rank, id): an expression index, made by its migration (1764520000000) and outside the drift check.
@Index('idx_participation_event_order', { synchronize: false })
export class Participation {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'event_id', type: 'integer' }) eventId: number;
  @Column({ name: 'person_id', type: 'integer', nullable: true }) personId: number | null;
  @Column({ name: 'institution_id', type: 'integer', nullable: true }) institutionId: number | null;
  /** "p:<id>" or "i:<id>": one unique key whichever side is set. */
  @Column({ name: 'party_key', type: 'varchar', length: 30 }) partyKey: string;
  @Column({ type: 'varchar', length: 20 }) role: ParticipationRole;
  @Column({ name: 'evidence_article_id', type: 'integer', nullable: true }) evidenceArticleId: number | null;
  /** The live event's COALESCE(start_date, '0001-01-01'), null once it is merged: kept by triggers (migration 1764480000000). */
  @Column({ name: 'event_date', type: 'date', nullable: true }) eventDate: string | null;
  @References(() => Event, 'event_id', 'CASCADE') event?: unknown;
  @References(() => Person, 'person_id', 'CASCADE') person?: unknown;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
  @References(() => Article, 'evidence_article_id', 'SET NULL') evidenceArticle?: unknown;
}
