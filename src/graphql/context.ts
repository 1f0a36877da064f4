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

/**
 * Makes a request's context for these services. The catalog and analytics services it hands to resolvers read through
 * the request's view of the database (`Db.within`, made when a resolver first asks for one), so the request's deadline
 * is checked before each of their statements, also those a service runs after an await. (A service keeps its handle in
 * `db`.)
 */
export function contextFactory(services: Services): (loaders: Loaders, auth: Context['auth'], subject: Context['subject'], requestId: string, budget?: ExecutionBudget) => Context {
  class RequestContext {
    constructor(readonly loaders: Loaders, readonly auth: Context['auth'], readonly subject: Context['subject'], readonly requestId: string, readonly budget: ExecutionBudget | undefined) {}
  }
  for (const name of Object.keys(services) as Array<keyof Services>) {
    const service = services[name];
    if (name === 'catalog' || name === 'analytics') {
      Object.defineProperty(RequestContext.prototype, name, {
        get(this: RequestContext) {
          let own: object = service;
          if (this.budget) {
            own = Object.create(service) as object;
            (own as { db: Db }).db = (service as unknown as { db: Db }).db.within(this.budget);
          }
          Object.defineProperty(this, name, { value: own });
          return own;
        },
      });
    } else Object.defineProperty(RequestContext.prototype, name, { value: service });
  }
  return (loaders, auth, subject, requestId, budget) => new RequestContext(loaders, auth, subject, requestId, budget) as unknown as Context;
}
