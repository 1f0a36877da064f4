/**
 * Resolve and persist: an extraction becomes rows, in one transaction per article.
 * Resolution links what the graph already knows (institutions by canonical name or alias, places by region
 * code or name and parent, persons by normalised name plus positions, events by kind, date and name).
 * The rooms: columns.ts and keys.ts (row shapes, lookup keys, slugs), batch.ts (what a batch prefetches and keeps),
 * deferred.ts (the PostgreSQL strategy: rows deferred to the batch's end), persister.ts and one room per entity
 * family (places, institutions, persons, events, mentions and quotes, articles).
 */
export type { IngestCounts, IngestResult, StoredEvent } from './columns';
export { blockingKeys, contentHash, eventSlug, placeSlug } from './keys';
export { BatchCache } from './batch';
export { ArticlePersister } from './articles';
