import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Article } from './article.entity';
import { Person } from './person.entity';

/** A direct quote in an article, attributed to a person where the text allows. */
@Entity('quote')
@Index('uq_quote_span', ['articleId', 'start'], { unique: true })
@Index('idx_quote_person', ['personId'])
@Index('idx_quote_person_date', ['personId', 'articleDate', 'id'])
export class Quote {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'article_id', type: 'integer' }) articleId: number;
  @Column({ name: 'person_id', type: 'integer', nullable: true }) personId: number | null;
  @Column({ name: 'speaker_name', type: 'varchar', length: 200, nullable: true }) speakerName: string | null;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'integer' }) start: number;
  @Column({ type: 'integer' }) end: number;
  /** The article's COALESCE(published_on, '0001-01-01'): kept by triggers (migration 1764480000000). */
  @Column({ name: 'article_date', type: 'varchar', length: 10, default: '0001-01-01' }) articleDate: string;
  @References(() => Article, 'article_id', 'CASCADE') article?: unknown;
  @References(() => Person, 'person_id', 'SET NULL') person?: unknown;
}
