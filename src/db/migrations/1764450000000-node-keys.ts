import { MigrationInterface, QueryRunner } from 'typeorm';
import { freeKey, mergeKeyBase, positionKeyBase } from '../../text/node-keys';

/**
 * position.node_key and person_merge.node_key: the keys their global ids are built from (text/node-keys.ts), so that
 * the same data has the same ids on SQLite and PostgreSQL, whose row ids differ. Rows already stored get theirs in row
 * order, from what they point at now; ids issued before in the row-id form keep resolving.
 */
export class NodeKeys1764450000000 implements MigrationInterface {
  name = 'NodeKeys1764450000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const str = pg ? 'character varying(400)' : 'varchar(400)';
    await q.query(`ALTER TABLE "position" ADD COLUMN "node_key" ${str}`);
    await q.query(`ALTER TABLE "person_merge" ADD COLUMN "node_key" ${str}`);
    const positions: Array<{ id: number; person: string; title: string; inst: string | null; article: string | null }> = await q.query(
      `SELECT po.id, p.slug AS person, po.title, i.slug AS inst, a.slug AS article FROM "position" po JOIN "person" p ON p.id = po.person_id
         LEFT JOIN "institution" i ON i.id = po.institution_id LEFT JOIN "article" a ON a.id = po.evidence_article_id ORDER BY po.id`);
    await backfill(q, pg, 'position', positions.map((r) => [Number(r.id), positionKeyBase(r.person, r.title, r.inst, r.article)]));
    const merges: Array<{ id: number; survivor: string; absorbed: string | null; form: string; article: string | null }> = await q.query(
      `SELECT pm.id, p.slug AS survivor, mp.slug AS absorbed, pm.form, a.slug AS article FROM "person_merge" pm JOIN "person" p ON p.id = pm.person_id
         LEFT JOIN "person" mp ON mp.id = pm.merged_person_id LEFT JOIN "article" a ON a.id = pm.article_id ORDER BY pm.id`);
    await backfill(q, pg, 'person_merge', merges.map((r) => [Number(r.id), mergeKeyBase(r.survivor, r.absorbed, r.form, r.article)]));
    await q.query('CREATE UNIQUE INDEX "uq_position_node_key" ON "position" ("node_key")');
    await q.query('CREATE UNIQUE INDEX "uq_person_merge_node_key" ON "person_merge" ("node_key")');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "uq_person_merge_node_key"');
    await q.query('DROP INDEX "uq_position_node_key"');
    await q.query('ALTER TABLE "person_merge" DROP COLUMN "node_key"');
    await q.query('ALTER TABLE "position" DROP COLUMN "node_key"');
  }
}

/** Keys in row order (a taken one gets the next free suffix), written 200 to a statement on PostgreSQL. */
async function backfill(q: QueryRunner, pg: boolean, table: string, rows: Array<[number, string]>): Promise<void> {
  const given = new Set<string>();
  const keyed: Array<[number, string]> = [];
  for (const [id, base] of rows) {
    const key = await freeKey(base, (k) => given.has(k));
    given.add(key);
    keyed.push([id, key]);
  }
  if (!pg) {
    for (const [id, key] of keyed) await q.query(`UPDATE "${table}" SET "node_key" = ? WHERE "id" = ?`, [key, id]);
    return;
  }
  for (let at = 0; at < keyed.length; at += 200) {
    const chunk = keyed.slice(at, at + 200);
    await q.query(`UPDATE "${table}" AS t SET "node_key" = v.k FROM (VALUES ${chunk.map((_, i) => `($${2 * i + 1}::integer, $${2 * i + 2}::text)`).join(', ')}) AS v (id, k)
      WHERE t.id = v.id`, chunk.flat());
  }
}
