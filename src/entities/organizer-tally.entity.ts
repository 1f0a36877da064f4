import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { References } from './references';
import { Institution } from './institution.entity';

/** Live events each institution organised (rows of event_organizer whose event is not merged), kept by triggers. */
@Entity('organizer_tally')
@Index('idx_organizer_tally_n', ['n'])
export class OrganizerTally {
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @Column({ type: 'integer' }) n: number;
  @References(() => Institution, 'institution_id', 'CASCADE') institution?: unknown;
}
