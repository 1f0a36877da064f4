import { EXTRACTOR_VERSION } from '../../config';
import { EntityType, ReviewStatus } from '../../entities/enums';
import { nameKey } from '../../text/normalize';
import type { DocRef } from '../../search/search.service';
import { zero, articleFields, INSTITUTION_COLS } from './columns';
import type { IngestResult } from './columns';
import { contentHash, lookupKeys, articleSlug } from './keys';
import { MentionPersister } from './mentions';
import type { Mention } from './mentions';

/** Persists one article's extraction. Runs inside `db.transaction`. */
export class ArticlePersister extends MentionPersister {
  async run(): Promise<IngestResult> {
    const { db, tx, a } = this;
    const hash = contentHash(a);
    const keys = lookupKeys(a, hash);
    const known = this.batch.storedArticle(keys);
    // The article its source's id names, whatever its text now (a correction); else the same text or URL.
    const sid = a.sourceId ?? null;
    const existing = known !== undefined ? known : await db.one<{ id: number; content_hash: string; extractor_version: string }>(
      `SELECT id, content_hash, extractor_version FROM article WHERE content_hash = ? OR (source_url IS NOT NULL AND source_url = ?)
        OR (source_id IS NOT NULL AND source_id = ?) ORDER BY CASE WHEN source_id = ? THEN 0 ELSE 1 END, id LIMIT 1`, [hash, a.sourceUrl ?? null, sid, sid], tx);
    if (existing && existing.content_hash === hash && existing.extractor_version === EXTRACTOR_VERSION) {
      return { status: 'unchanged', articleId: Number(existing.id), created: zero(), linked: zero() };
    }
    const fields = articleFields(a, hash);
    let articleId: number;
    if (existing) {
      // Replay: a newer extractor, or the same URL with new content. What this article's last extraction wrote goes;
      // mentions an editor confirmed or rejected stay (their spans are skipped below), and so do the entities,
      // which other articles may share.
      articleId = Number(existing.id);
      this.replayed = true;
      await this.batch.flushDeferred(db, tx); // the replay reads and clears this article's rows
      await this.clearExtraction(articleId);
      const cols = Object.keys(fields) as Array<keyof typeof fields>;
      await db.exec(`UPDATE article SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`, [...cols.map((c) => fields[c]), articleId], tx);
      // Reviewed mentions stay through a replay; they take the article's date as it is now.
      await db.exec('UPDATE mention SET article_date = ? WHERE article_id = ?', [a.publishedOn ?? '0001-01-01', articleId], tx);
    } else {
      const pre = this.batch.preInserted.get(a);
      this.batch.preInserted.delete(a);
      articleId = pre ?? await this.insertWithSlug('article', articleSlug(a), fields);
    }
    this.batch.storedNow(articleId, hash, keys);

    this.articleId = articleId;
    const mentions: Mention[] = [];

    // Institutions named in the text, then their parents.
    for (const i of this.x.institutions) {
      const id = await this.institution(i.name, i.kind, [i.acronym, ...i.aliases], i.regionCode);
      for (const m of i.mentions) mentions.push({ type: EntityType.INSTITUTION, id, ...m, confidence: 0.9 });
    }
    for (const i of this.x.institutions) {
      if (!i.parent) continue;
      const parentId = await this.institution(i.parent, null, [], null);
      const childId = this.instIds.get(nameKey(i.name))!;
      const pending = this.batch.pendingRows.get('institution')!.get(childId);
      const at = INSTITUTION_COLS.indexOf('parent_id');
      if (pending) { if (pending[at] == null) pending[at] = parentId; }
      else await db.exec('UPDATE institution SET parent_id = ? WHERE id = ? AND parent_id IS NULL', [parentId, childId], tx);
    }

    // Places.
    for (const p of this.x.places) {
      const id = await this.place(p.name, p.kind, p.code, p.parent);
      for (const m of p.mentions) mentions.push({ type: EntityType.PLACE, id, ...m, confidence: p.code ? 0.95 : 0.8 });
    }

    // Persons with their positions.
    for (const p of this.x.persons) {
      const id = await this.person(p, articleId);
      for (const m of p.mentions) mentions.push({ type: EntityType.PERSON, id, ...m, confidence: m.text.includes(' ') ? 0.9 : 0.7 });
    }

    // Known aliases no stage took (initials, curated one-word nicknames).
    await this.aliasMentions(mentions);

    // Events with organisers and participations (candidates from the batch's store; an article outside the batch's
    // prefetch, such as one ingested alone or after a rollback, reads its own).
    if (this.x.events.length && !this.batch.eventsCover(this.x)) await this.batch.prefetchEvents(db, tx, [this.x]);
    for (const e of this.x.events) {
      const id = await this.event(e, articleId);
      this.eventIds.add(id);
      for (const m of e.mentions) mentions.push({ type: EntityType.EVENT, id, ...m, confidence: 0.85 });
    }

    await this.writeMentions(articleId, mentions, !!existing);
    return { status: existing ? 'reextracted' : 'new', articleId, created: this.created, linked: this.linked };
  }

  /**
   * The records whose search documents this ingest changed: the article, its events, and the people, institutions and
   * places it created or gave new names, aliases or positions (linking alone changes no document). They are rebuilt
   * in the same transaction.
   */
  touched(): DocRef[] {
    if (this.articleId == null) return [];
    const created = this.batch.created;
    const refs: DocRef[] = [
      { kind: 'ARTICLE', id: this.articleId, fresh: !this.replayed },
      ...[...this.eventIds].map((id) => ({ kind: 'EVENT' as const, id })),
      ...this.changed,
    ];
    return refs.map((r) => (r.fresh || !created.has(`${r.kind}:${r.id}`) ? r : { ...r, fresh: true }));
  }

  /** Removes what an earlier extraction of this article wrote and an editor has not reviewed. */
  private async clearExtraction(articleId: number): Promise<void> {
    const { db, tx } = this;
    await db.exec('DELETE FROM mention WHERE article_id = ? AND status = ?', [articleId, ReviewStatus.SUGGESTED], tx);
    await db.exec('DELETE FROM quote WHERE article_id = ?', [articleId], tx);
    await db.exec('DELETE FROM unresolved_mention WHERE article_id = ?', [articleId], tx);
    // Automatic merges this article made are made again by the replay (with today's reasons); undone ones stay as history.
    await db.exec('DELETE FROM person_merge WHERE article_id = ? AND merged_person_id IS NULL AND undone_at IS NULL', [articleId], tx);
    await db.exec('DELETE FROM participation WHERE evidence_article_id = ?', [articleId], tx);
    await db.exec('DELETE FROM article_event WHERE article_id = ?', [articleId], tx);
  }
}
