/** Process-wide memory settings of the server. */
import v8 from 'node:v8';
import { config } from '../config';

/**
 * Bounds the heap's growth between full collections (config.heapGrowthPercent): a server's live data is small and
 * stable, and an old generation left to grow to several times it makes the resident size depend on how long the
 * process has served rather than on what it holds. V8 reads the factor at every full collection, so setting it once
 * at start-up is enough.
 */
export function boundHeapGrowth(percent = config.heapGrowthPercent): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
