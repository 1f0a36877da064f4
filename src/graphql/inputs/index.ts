/**
 * GraphQL input types, one class per file (`<name>.input.ts`); this file only re-exports them. Validated by
 * class-validator on every call (`src/graphql/schema.ts`).
 */
export { ArticleFilter } from './article-filter.input';
export { EventFilter } from './event-filter.input';
export { AttendanceFilter } from './attendance-filter.input';
export { StatsFilter } from './stats-filter.input';
export { PersonFilter } from './person-filter.input';
export { InstitutionFilter } from './institution-filter.input';
export { PlaceFilter } from './place-filter.input';
export { IngestArticleInput } from './ingest-article.input';
export { UpdateEventInput } from './update-event.input';
export { AddPositionInput } from './add-position.input';
export { AddParticipationInput } from './add-participation.input';
