import crypto from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * api_key.partner_id: the opaque id partners put in embed URLs (`?partner=`), random rather than the key's row id,
 * so nobody can walk the ids to read every key's registered origins (a card's frame-ancestors lists them).
 */
export class PartnerPublicId1764440000000 implements MigrationInterface {
  name = 'PartnerPublicId1764440000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`ALTER TABLE "api_key" ADD COLUMN "partner_id" ${pg ? 'character varying(32)' : 'varchar(32)'}`);
    const rows = await q.query('SELECT "id" FROM "api_key"') as Array<{ id: number }>;
    for (const r of rows) await q.query(`UPDATE "api_key" SET "partner_id" = ${pg ? '$1' : '?'} WHERE "id" = ${pg ? '$2' : '?'}`, [newPartnerId(), r.id]);
    await q.query('CREATE UNIQUE INDEX "uq_api_key_partner_id" ON "api_key" ("partner_id")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "uq_api_key_partner_id"');
    await q.query('ALTER TABLE "api_key" DROP COLUMN "partner_id"');
  }
}

/** 24 hex characters (96 random bits). */
export const newPartnerId = () => crypto.randomBytes(12).toString('hex');
