/**
 * GraphQL object types. Resolvers fill them from plain rows (no ORM hydration on the read path);
 * fields that need more data are resolved through the per-request loaders.
 * One class per file (`<name>.type.ts`); this file only re-exports them.
 */
export { Node } from './node.type';
export { RelatedTeaser } from './related-teaser.type';
export { Article } from './article.type';
export { Person } from './person.type';
export { PersonAlias } from './person-alias.type';
export { PersonMerge } from './person-merge.type';
export { SplitPersonPayload } from './split-person-payload.type';
export { Institution } from './institution.type';
export { Place } from './place.type';
export { Position } from './position.type';
export { Event } from './event.type';
export { Participation } from './participation.type';
export { Mention } from './mention.type';
export { Quote } from './quote.type';
export { UnresolvedMention } from './unresolved-mention.type';
export { CoAttendee } from './co-attendee.type';
export { InstitutionPartner } from './institution-partner.type';
export { TimelineItem } from './timeline-item.type';
export { EventReport } from './event-report.type';
export { PeriodCount } from './period-count.type';
export { KindCount } from './kind-count.type';
export { PlaceCount } from './place-count.type';
export { InstitutionCount } from './institution-count.type';
export { PersonCount } from './person-count.type';
export { Stats } from './stats.type';
export { SearchHit } from './search-hit.type';
export { IngestCounts } from './ingest-counts.type';
export { IngestPayload } from './ingest-payload.type';
export { ApiKeyInfo } from './api-key-info.type';
export { CreatedApiKey } from './created-api-key.type';
export { EmbedViewCount } from './embed-view-count.type';
export { ArticleConnection, SearchHitConnection, CoAttendeeConnection, InstitutionPartnerConnection, TimelineItemConnection, PersonConnection, InstitutionConnection, PlaceConnection, EventConnection, ParticipationConnection } from './connections';
