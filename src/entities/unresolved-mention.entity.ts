import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Article } from './article.entity';

/**
 * A short name the extractor could not pin on one person ("Sugeng" in a story about two Sugengs): kept with its
 * candidates for an editor to decide, instead of a silent guess.
 */
@Entity('unresolved_mention')
@Index('uq_unresolved_span', ['articleId', 'start'], { unique: true })
export class UnresolvedMention {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'article_id', type: 'integer' }) articleId: number;
  @Column({ type: 'integer' }) start: number;
  @Column({ type: 'integer' }) end: number;
  @Column({ type: 'varchar', length: 200 }) text: string;
  /** Person ids, JSON array. */
  @Column({ name: 'candidate_ids', type: 'text' }) candidateIds: string;
  @Column({ name: 'extractor_version', type: 'varchar', length: 40 }) extractorVersion: string;
  @References(() => Article, 'article_id', 'CASCADE') article?: unknown;
}
