import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface RelatedTeaser { section: string | null; title: string }

/** A news story. Body paragraphs and the related-story teasers are stored apart. */
@Entity('article')
@Index('idx_article_published', ['publishedOn', 'id'])
// Expression index (COALESCE(published_on, '0001-01-01'), id) for the newest-first keyset: made by a migration, left alone by sync.
@Index('idx_article_recent', { synchronize: false })
@Index('uq_article_source_id', ['sourceId'], { unique: true })
@Index('idx_article_outlet', ['outlet', 'publishedOn'])
@Index('idx_article_section', ['section', 'publishedOn'])
export class Article {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 200, unique: true }) slug: string;
  @Column({ type: 'varchar', length: 500 }) title: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) section: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) outlet: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) dateline: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) byline: string | null;
  @Column({ name: 'published_on', type: 'date', nullable: true }) publishedOn: string | null;
  @Column({ name: 'published_at', type: 'varchar', length: 40, nullable: true }) publishedAt: string | null;
  @Column({ type: 'varchar', length: 8, default: 'id' }) language: string;
  /** Paragraphs joined by "\n"; mention offsets refer to this text. */
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'simple-json' }) related: RelatedTeaser[];
  @Column({ name: 'source_url', type: 'varchar', length: 1000, nullable: true, unique: true }) sourceUrl: string | null;
  /** The source's own id for the article (a JSON Lines record's `id`): its identity across ingests. */
  @Column({ name: 'source_id', type: 'varchar', length: 200, nullable: true }) sourceId: string | null;
  @Column({ name: 'content_hash', type: 'varchar', length: 64, unique: true }) contentHash: string;
  @Column({ name: 'extractor_version', type: 'varchar', length: 40 }) extractorVersion: string;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}
