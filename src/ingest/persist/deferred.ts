import type { Tx } from '../../db/tx';
import { Db } from '../../db/database';
import { slugify } from '../../text/normalize';
import type { Created, StoredEvent } from './columns';
import { positionKey, slugForm } from './keys';

/**
 * The PostgreSQL strategy of a batch: new rows wait in memory and go in many to a statement at its end, under ids
 * taken from the sequences ahead and slugs known to be free. SQLite batches leave `deferred` null and write each row
 * at once through prepared statements (a statement costs no round trip there), except the rows `appended` holds.
 */
export abstract class DeferredWrites {
  /** The batch state flushDeferred writes back (BatchCache holds it). */
  abstract readonly events: Map<number, StoredEvent>;
  abstract readonly personAliases: Map<number, string[]>;

  /**
   * Mention, quote, institution-alias, new position, person and institution rows of the whole batch, written at its
   * end, up to 1,000 to a statement (PostgreSQL batches without savepoints; null: written at once). Nothing in the batch reads
   * them before, except a replay and an alias lookup outside the prefetch, which flush first; positions, people and
   * institutions are read from this cache meanwhile.
   */
  deferred: Map<string, { cols: string[]; rows: unknown[][]; conflict?: string[] }> | null = null;

  /**
   * SQLite batches without savepoints: the batch's mention, quote and unresolved-mention rows, written at its end many
   * to a statement (null: written at once). Nothing in the batch reads them before, except a replay, which flushes first.
   */
  appended: Map<string, { cols: string[]; rows: unknown[][]; conflict?: string[] }> | null = null;

  /** Stored events a deferring batch linked to, written once at its end (their rows in `events` are the truth meanwhile). */
  readonly eventsChanged = new Set<number>();

  /**
   * New people, institutions and places of a PostgreSQL batch go in with the deferred rows, under ids taken from their
   * table's sequence ahead and slugs known to be free: the slugs the batch's names would take, as stored when it began.
   */
  protected slugs = new Map<Created, { asked: Set<string>; taken: Set<string> }>();
  protected idPools = new Map<Created, number[]>();
  /** Deferred person, institution and place rows by table and id (a change before they are written changes the row). */
  readonly pendingRows = new Map<Created, Map<number, unknown[]>>([['person', new Map()], ['institution', new Map()], ['place', new Map()], ['event', new Map()]]);

  /** The base slugs of `names` (or of slugs: slugify keeps a slug as it is) already taken in `table`, one statement per 500. */
  async prefetchSlugs(db: Db, tx: Tx, table: Created, names: string[]): Promise<void> {
    const bases = [...new Set(names.map((n) => slugify(n)))];
    const known = { asked: new Set(bases), taken: new Set<string>() };
    this.slugs.set(table, known);
    for (let at = 0; at < bases.length; at += 500) {
      const chunk = bases.slice(at, at + 500);
      for (const r of await db.query<{ slug: string }>(`SELECT slug FROM "${table}" WHERE slug IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) known.taken.add(r.slug);
    }
  }

  /**
   * As prefetchSlugs, for tables whose names repeat within a batch (events: "2024 rapat paripurna"): each base with as
   * many of its numbered forms (`-2`, `-3`, … as insertWithSlug tries them) as the batch has rows of that base, and a few more.
   */
  async prefetchSlugSeries(db: Db, tx: Tx, table: Created, bases: string[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const b of bases) counts.set(b, (counts.get(b) ?? 0) + 1);
    const known = { asked: new Set<string>(), taken: new Set<string>() };
    this.slugs.set(table, known);
    // Common bases ("2025 konferensi pers") have dozens of numbered forms already: while every form asked is taken, a
    // few rounds ask four times as many.
    let round = [...counts].map(([b, n]) => ({ b, from: 1, to: n + 4 }));
    for (let r = 0; round.length && r < 5; r++) {
      const ask = round.flatMap(({ b, from, to }) => Array.from({ length: to - from + 1 }, (_, i) => slugForm(b, from + i)));
      for (const slug of ask) known.asked.add(slug);
      for (let at = 0; at < ask.length; at += 500) {
        const chunk = ask.slice(at, at + 500);
        for (const row of await db.query<{ slug: string }>(`SELECT slug FROM "${table}" WHERE slug IN (${chunk.map(() => '?').join(', ')})`, chunk, tx)) known.taken.add(row.slug);
      }
      round = round.filter(({ b, from, to }) => {
        let free = 0;
        for (let n = from; n <= to; n++) if (!known.taken.has(slugForm(b, n))) free++;
        return free < counts.get(b)!;
      }).map(({ b, to }) => ({ b, from: to + 1, to: to * 4 }));
    }
  }

  /** The first free form of `base` in insertWithSlug's order (claimed now), or null when the prefetch cannot tell it. */
  claimSlugSeries(table: Created, base: string): string | null {
    const known = this.slugs.get(table);
    for (let n = 1; known; n++) {
      const slug = slugForm(base, n);
      if (!known.asked.has(slug)) return null;
      if (!known.taken.has(slug)) { known.taken.add(slug); return slug; }
    }
    return null;
  }

  /** A slug free for a deferred row (claimed now), or null: then the row is inserted at once, slug by slug. */
  claimSlug(table: Created, base: string): string | null {
    const known = this.slugs.get(table);
    if (!known?.asked.has(base) || known.taken.has(base)) return null;
    known.taken.add(base);
    return base;
  }

  /** The next id of the table's sequence, taken 64 at a time. */
  async nextId(db: Db, tx: Tx, table: Created): Promise<number> {
    let pool = this.idPools.get(table);
    if (!pool?.length) {
      pool = (await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id FROM generate_series(1, 64)`, [], tx)).map((r) => Number(r.id));
      this.idPools.set(table, pool);
    }
    return pool.shift()!;
  }

  /** Stored institutions' names and aliases as the batch leaves them (PostgreSQL); `aliasesChanged` are written at its end. */
  readonly storedInstitutions = new Map<number, { name: string; aliases: string[] }>();
  readonly aliasesChanged = new Set<number>();
  /** Stored people whose aliases the batch extended (PostgreSQL; written at its end from personAliases). */
  readonly personAliasesChanged = new Set<number>();

  /** Stored positions whose dates the batch widened, by id (written at its end with the deferred rows). */
  readonly widened = new Map<number, { valid_from: string | null; valid_to: string | null }>();

  /** Deferred positions by person, title and institution (unique among them: a second would have matched the first). */
  readonly pendingPositions = new Map<string, { id: number | null; pending?: unknown[] }>();

  /** Writes the deferred rows (only `table`'s, if given). */
  async flushDeferred(db: Db, tx: Tx, table?: string): Promise<void> {
    if (this.appended) {
      for (const [t, d] of this.appended) {
        if (table && t !== table) continue;
        await db.insertMany(t, d.cols, d.rows, tx, d.conflict);
        this.appended.delete(t);
      }
    }
    if (!this.deferred) return;
    if (table) {
      const d = this.deferred.get(table);
      if (d && table !== 'position') { await db.insertMany(table, d.cols, d.rows, tx, d.conflict); this.deferred.delete(table); }
      this.pendingRows.get(table as Created)?.clear();
      return;
    }
    for (const [table, { cols, rows, conflict }] of this.deferred) {
      if (table !== 'position') { await db.insertMany(table, cols, rows, tx, conflict); continue; }
      // Positions learn their ids, so that a later widening of their dates in this batch is an UPDATE again.
      const stored = await db.insertManyReturning<{ id: number; person_id: number; title: string; institution_id: number | null }>(table, cols, rows,
        ['id', 'person_id', 'title', 'institution_id'], tx);
      for (const r of stored) {
        const entry = this.pendingPositions.get(positionKey(Number(r.person_id), r.title, r.institution_id == null ? null : Number(r.institution_id)));
        if (entry) { entry.id = Number(r.id); delete entry.pending; }
      }
    }
    this.pendingPositions.clear();
    const widened = [...this.widened];
    for (let at = 0; at < widened.length; at += 100) {
      const chunk = widened.slice(at, at + 100);
      await db.exec(`UPDATE position AS po SET valid_from = v.f, valid_to = v.t
        FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS date), CAST(? AS date))').join(', ')}) AS v (id, f, t) WHERE po.id = v.id`,
      chunk.flatMap(([id, d]) => [id, d.valid_from, d.valid_to]), tx);
    }
    this.widened.clear();
    const changed = [...this.aliasesChanged];
    for (let at = 0; at < changed.length; at += 100) {
      const chunk = changed.slice(at, at + 100);
      await db.exec(`UPDATE institution AS i SET aliases = v.a FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), ?)').join(', ')}) AS v (id, a) WHERE i.id = v.id`,
        chunk.flatMap((id) => [id, JSON.stringify(this.storedInstitutions.get(id)!.aliases)]), tx);
    }
    this.aliasesChanged.clear();
    const people = [...this.personAliasesChanged];
    for (let at = 0; at < people.length; at += 100) {
      const chunk = people.slice(at, at + 100);
      await db.exec(`UPDATE person AS p SET aliases = v.a FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS text))').join(', ')}) AS v (id, a) WHERE p.id = v.id`,
        chunk.flatMap((id) => [id, JSON.stringify(this.personAliases.get(id))]), tx);
    }
    this.personAliasesChanged.clear();
    const events = [...this.eventsChanged].map((id) => this.events.get(id)!);
    for (let at = 0; at < events.length; at += 100) {
      const chunk = events.slice(at, at + 100);
      await db.exec(`UPDATE event AS ev SET aliases = v.a, start_date = v.s, end_date = v.e, venue_id = v.v, city_id = v.c, participant_count = v.n,
          participant_count_article_id = v.na
        FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS text), CAST(? AS date), CAST(? AS date), CAST(? AS integer), CAST(? AS integer), CAST(? AS integer), CAST(? AS integer))').join(', ')})
          AS v (id, a, s, e, v, c, n, na) WHERE ev.id = v.id`,
      chunk.flatMap((ev) => [ev.id, JSON.stringify(ev.aliases), ev.start, ev.end, ev.venue, ev.city, ev.count, ev.countArticle]), tx);
    }
    this.eventsChanged.clear();
    for (const ev of this.events.values()) delete ev.pending;
    for (const m of this.pendingRows.values()) m.clear();
    this.deferred.clear();
  }
}
