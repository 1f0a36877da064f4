import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { References } from './references';
import { Article } from './article.entity';
import { Institution } from './institution.entity';
import { Person } from './person.entity';

/** A title a person held at an institution over a period, with the article that evidences it. */
@Entity('position')
@Index('idx_position_person', ['personId', 'validFrom'])
@Index('idx_position_institution', ['institutionId'])
@Index('idx_position_current', ['personId', 'validTo', 'validFrom', 'id'])
@Index('uq_position_node_key', ['nodeKey'], { unique: true })
export class Position {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'person_id', type: 'integer' }) personId: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'institution_id', type: 'integer', nullable: true }) institutionId: number | null;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @Column({ name: 'evidence_article_id', type: 'integer', nullable: true }) evidenceArticleId: number | null;
  /** What its global id is built from, set once when the row is made (text/node-keys.ts). */
  @Column({ name: 'node_key', type: 'varchar', length: 400, nullable: true }) nodeKey: string | null;
  @References(() => Person, 'person_id', 'CASCADE') person?: unknown;
  @References(() => Institution, 'institution_id', 'SET NULL') institution?: unknown;
  @References(() => Article, 'evidence_article_id', 'SET NULL') evidenceArticle?: unknown;
}
