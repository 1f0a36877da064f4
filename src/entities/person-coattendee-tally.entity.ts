import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many people shared a live event with each person: the rows of person_pair_tally per person, kept by triggers. */
@Entity('person_coattendee_tally')
export class PersonCoattendeeTally {
  @PrimaryColumn({ name: 'person_id', type: 'integer' }) personId: number;
  @Column({ type: 'integer' }) n: number;
}
