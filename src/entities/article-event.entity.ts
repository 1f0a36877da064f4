import { Entity, Index, PrimaryColumn } from 'typeorm';

/** Coverage: an article reports an event. */
@Entity('article_event')
@Index('idx_article_event_event', ['eventId'])
export class ArticleEvent {
  @PrimaryColumn({ name: 'article_id', type: 'integer' }) articleId: number;
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
}
