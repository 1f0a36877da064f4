import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A title a person held at an institution over a period, with the article that evidences it. */
@Entity('position')
@Index('idx_position_person', ['personId', 'validFrom'])
@Index('idx_position_institution', ['institutionId'])
@Index('idx_position_current', ['personId', 'validTo', 'validFrom', 'id'])
export class Position {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'person_id', type: 'integer' }) personId: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'institution_id', type: 'integer', nullable: true }) institutionId: number | null;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @Column({ name: 'evidence_article_id', type: 'integer', nullable: true }) evidenceArticleId: number | null;
}
