/** What the partner routes read and count with; `views` keeps what they show per data generation (views.ts). */
import type { Db } from '../../db/database';
import type { ApiKeyService } from '../../services/api-key.service';
import type { CatalogService } from '../../services/catalog.service';
import type { EmbedStatsService } from '../../services/embed-stats.service';
import type { PartnerViews } from './views';

export interface PartnerDeps { db: Db; catalog: CatalogService; keys: ApiKeyService; stats: EmbedStatsService; views: PartnerViews }
