import { Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Article } from './article.entity';
import { Event } from './event.entity';

/** Coverage: an article reports an event. */
@Entity('article_event')
@Index('idx_article_event_event', ['eventId'])
export class ArticleEvent {
  @PrimaryColumn({ name: 'article_id', type: 'integer' }) articleId: number;
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
  @References(() => Article, 'article_id', 'CASCADE') article?: unknown;
  @References(() => Event, 'event_id', 'CASCADE') event?: unknown;
}
