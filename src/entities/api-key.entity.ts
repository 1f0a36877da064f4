import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApiRole } from './enums';

/** An API key. Only its SHA-256 hash is stored; the key itself is shown once. */
@Entity('api_key')
@Index('uq_api_key_partner_id', ['partnerId'], { unique: true })
export class ApiKey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 20 }) role: ApiRole;
  @Column({ type: 'varchar', length: 12 }) prefix: string;
  @Column({ type: 'varchar', length: 64, unique: true }) hash: string;
  @Column({ type: 'simple-json' }) origins: string[];
  /** The opaque id partners put in embed URLs (not the row id, which can be counted through). */
  @Column({ name: 'partner_id', type: 'varchar', length: 32, nullable: true }) partnerId: string | null;
  @Column({ name: 'revoked', type: 'boolean', default: false }) revoked: boolean;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}
