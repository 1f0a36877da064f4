import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Participations at each organiser's live events per (start month, end month) of the event ('' for no date), kept by
 * triggers (migration 1764510000000).
 */
@Entity('organizer_attendance_tally')
export class OrganizerAttendanceTally {
  @PrimaryColumn({ name: 'institution_id', type: 'integer' }) institutionId: number;
  @PrimaryColumn({ name: 'start_month', type: 'varchar', length: 7 }) startMonth: string;
  @PrimaryColumn({ name: 'end_month', type: 'varchar', length: 7 }) endMonth: string;
  @Column({ type: 'integer' }) n: number;
}
