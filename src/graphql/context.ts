import type { Db } from '../db/database';
import type { ApiRole } from '../entities/enums';
import type { IngestService } from '../ingest';
import type { Loaders } from './read/loaders';
import type { AnalyticsService } from '../services/analytics.service';
import type { CatalogService } from '../services/catalog.service';
import type { SearchService } from '../search/search.service';
import type { EmbedStatsService } from '../services/embed-stats.service';
import type { ApiKeyService } from '../services/api-key.service';
import type { EditorService } from '../services/editor.service';
import type { ExecutionBudget } from './budget';

export interface Services { db: Db; catalog: CatalogService; editor: EditorService; ingest: IngestService; analytics: AnalyticsService; search: SearchService; embedStats: EmbedStatsService; keys: ApiKeyService }

/** Per-request context: the shared services, a fresh set of loaders, and who is asking. */
export interface Context extends Services {
  loaders: Loaders;
  auth: { role: ApiRole | null; keyId: number | null };
  /** Whose quota the request spends (none in direct schema calls); http/quota.ts's QuotaSubject. */
  subject?: { key: string; anonymous: boolean };
  requestId: string;
  /** The request's rows and deadline (budget.ts; none in direct schema calls): loaders and resolvers check it. */
  budget?: ExecutionBudget;
}

