/**
 * A worker thread that extracts batches of articles and resolves each within itself (both pure and CPU-bound), so that `warta ingest`
 * extracts the next batch while the main thread writes the previous one.
 */
import { parentPort } from 'node:worker_threads';
import { createExtractor } from './extract';
import { resolveArticle } from './resolve/article';
import type { ParsedArticle } from './parse';

if (parentPort) {
  const port = parentPort;
  const ready = createExtractor();
  port.on('message', async (m: { id: number; articles: ParsedArticle[] }) => {
    const x = await ready;
    const results = m.articles.map((a) => {
      try { return { extraction: resolveArticle(x.extract(a), a.body) }; } catch (e) { return { error: (e as Error).message }; }
    });
    port.postMessage({ id: m.id, results });
  });
}
