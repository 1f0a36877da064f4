import { InitialSchema1732752000000 } from './1732752000000-initial-schema';
import { UnresolvedMentions1764300000000 } from './1764300000000-unresolved-mentions';

/** Every migration, in order. */
export const MIGRATIONS = [InitialSchema1732752000000, UnresolvedMentions1764300000000];
