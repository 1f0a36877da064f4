import { InitialSchema1732752000000 } from './1732752000000-initial-schema';

/** Every migration, in order. */
export const MIGRATIONS = [InitialSchema1732752000000];
