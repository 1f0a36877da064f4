import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How often partner surfaces were viewed: per API key (0 when no partner id was given), event (0 for lists and feeds),
 * surface and day. Counts only: no address, agent or cookie is stored.
 */
@Entity('embed_view')
export class EmbedView {
  @PrimaryColumn({ name: 'key_id', type: 'integer' }) keyId: number;
  @PrimaryColumn({ name: 'event_id', type: 'integer' }) eventId: number;
  @PrimaryColumn({ type: 'varchar', length: 20 }) surface: string;
  @PrimaryColumn({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'integer' }) views: number;
}
