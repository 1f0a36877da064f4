/**
 * A worker thread that extracts batches of articles (the extractor is pure and CPU-bound), so that `warta ingest`
 * extracts the next batch while the main thread writes the previous one.
 */
import { parentPort } from 'node:worker_threads';
import { createExtractor } from './extract';
import type { ParsedArticle } from './parse';

if (parentPort) {
  const port = parentPort;
  const ready = createExtractor();
  port.on('message', async (m: { id: number; articles: ParsedArticle[] }) => {
    const x = await ready;
    const results = m.articles.map((a) => {
      try { return { extraction: x.extract(a) }; } catch (e) { return { error: (e as Error).message }; }
    });
    port.postMessage({ id: m.id, results });
  });
}
