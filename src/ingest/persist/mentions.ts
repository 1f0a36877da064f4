import { EXTRACTOR_VERSION } from '../../config';
import { EntityType, ReviewStatus } from '../../entities/enums';
import { CURATED_NICKNAMES } from '../resolve/nicknames';
import { personKey } from '../../text/normalize';
import { UNRESOLVED_COLS, UNRESOLVED_KEY } from './columns';
import { EventPersister } from './events';

/** A span of the article naming a resolved record, before it is written. */
export type Mention = { type: EntityType; id: number; start: number; end: number; text: string; confidence: number };

/** Mentions, quotes and unresolved mentions of an article. */
export abstract class MentionPersister extends EventPersister {
  /**
   * Known aliases no stage took (initials, curated one-word nicknames): mentions of the one stored person the registry or the curated
   * list gives them to; never a new person.
   */
  protected async aliasMentions(mentions: Mention[]): Promise<void> {
    const { db, tx } = this;
    const probeKeys = [...new Set(this.x.aliasProbes.map((q) => personKey(q.text)))];
    if (probeKeys.length) {
      const byAlias = new Map<string, number[]>();
      await this.batch.peopleByAlias(db, tx, probeKeys);
      for (const k of probeKeys) byAlias.set(k, this.batch.personByAlias.get(k) ?? []);
      const curatedKeys = probeKeys.map((k) => CURATED_NICKNAMES.get(k)).filter((k): k is string => !!k);
      if (curatedKeys.length) await this.batch.peopleByName(db, tx, curatedKeys);
      for (const q of this.x.aliasProbes) {
        const k = personKey(q.text);
        const curated = CURATED_NICKNAMES.get(k);
        const ids = [...new Set([...byAlias.get(k)!, ...(curated ? this.batch.personCandidates.get(curated) ?? [] : [])])];
        if (ids.length !== 1) continue;
        mentions.push({ type: EntityType.PERSON, id: ids[0], ...q, confidence: 0.6 });
      }
    }
  }

  /** Writes the article's mentions (not over the spans a replay kept), its quotes and its unresolved mentions. */
  protected async writeMentions(articleId: number, mentions: Mention[], replayed: boolean): Promise<void> {
    const { db, tx, a } = this;
    const seen = new Set<string>();
    if (replayed) {
      for (const r of await db.query<{ entity_type: string; start: number; end: number }>('SELECT entity_type, start, "end" FROM mention WHERE article_id = ?', [articleId], tx)) {
        seen.add(`${r.entity_type}:${r.start}:${r.end}`);
      }
    }
    const mentionRows: unknown[][] = [];
    const articleDate = a.publishedOn ?? '0001-01-01';
    for (const m of mentions) {
      const k = `${m.type}:${m.start}:${m.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      mentionRows.push([articleId, m.type, m.id, m.start, m.end, m.text.slice(0, 500), m.confidence, EXTRACTOR_VERSION, ReviewStatus.SUGGESTED, articleDate]);
    }
    await this.insertRows('mention', ['article_id', 'entity_type', 'entity_id', 'start', 'end', 'text', 'confidence', 'extractor_version', 'status', 'article_date'], mentionRows);

    const quoteStarts = new Set<number>();
    const quoteRows: unknown[][] = [];
    for (const q of this.x.quotes) {
      if (quoteStarts.has(q.start)) continue;
      quoteStarts.add(q.start);
      const pid = q.speaker ? this.personIds.get(personKey(q.speaker)) ?? null : null;
      quoteRows.push([articleId, pid, q.speaker, q.text, q.start, q.end]);
    }
    await this.insertRows('quote', ['article_id', 'person_id', 'speaker_name', 'text', 'start', 'end'], quoteRows);
    for (const u of this.x.unresolved) {
      const ids = u.candidates.map((c) => this.personIds.get(personKey(c))).filter((id): id is number => id != null);
      if (ids.length < 2) continue;
      await this.insertRows('unresolved_mention', UNRESOLVED_COLS, [[articleId, u.start, u.end, u.text.slice(0, 200), JSON.stringify(ids), EXTRACTOR_VERSION]], UNRESOLVED_KEY);
    }
  }
}
