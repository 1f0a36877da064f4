import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EntityType, ReviewStatus } from './enums';
import { References } from './references';
import { Article } from './article.entity';

/** A span of an article's body that names an entity, with its review status. */
@Entity('mention')
@Index('uq_mention_span', ['articleId', 'entityType', 'start', 'end'], { unique: true })
@Index('idx_mention_entity_recent', ['entityType', 'entityId', 'articleDate', 'articleId', 'status'])
@Index('idx_mention_article_entity', ['articleId', 'entityType', 'entityId', 'status', 'articleDate'])
export class Mention {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'article_id', type: 'integer' }) articleId: number;
  @Column({ name: 'entity_type', type: 'varchar', length: 20 }) entityType: EntityType;
  @Column({ name: 'entity_id', type: 'integer' }) entityId: number;
  @Column({ type: 'integer' }) start: number;
  @Column({ type: 'integer' }) end: number;
  @Column({ type: 'varchar', length: 500 }) text: string;
  @Column({ type: 'real' }) confidence: number;
  @Column({ name: 'extractor_version', type: 'varchar', length: 40 }) extractorVersion: string;
  @Column({ type: 'varchar', length: 20, default: 'SUGGESTED' }) status: ReviewStatus;
  /** The article's sort date, COALESCE(published_on, '0001-01-01'), copied here so an entity's articles page by index. */
  @Column({ name: 'article_date', type: 'varchar', length: 10, default: '0001-01-01' }) articleDate: string;
  @References(() => Article, 'article_id', 'CASCADE') article?: unknown;
}
