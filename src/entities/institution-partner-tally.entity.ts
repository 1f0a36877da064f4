import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many institutions shared a live event with each institution: its rows of institution_pair_tally, kept by triggers. */
@Entity('institution_partner_tally')
export class InstitutionPartnerTally {
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @Column({ type: 'integer' }) n: number;
}
