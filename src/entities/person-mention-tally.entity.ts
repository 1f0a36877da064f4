import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Mentions of each person that are not rejected, kept by triggers on `mention`. Like mention.entity_id, which it
 * counts by, the person id has no foreign key.
 */
@Entity('person_mention_tally')
@Index('idx_person_mention_tally_n', ['n'])
export class PersonMentionTally {
  @PrimaryColumn({ name: 'person_id', type: 'integer' }) personId: number;
  @Column({ type: 'integer' }) n: number;
}
