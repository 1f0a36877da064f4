/**
 * Extraction off the main thread for batch ingest: one worker (extract-worker.ts) per spare core, up to
 * `config.extractWorkers`. Batches go round-robin; results come back in order. Without a compiled worker script
 * (running from TypeScript sources) or with no spare core, there is no pool and ingest extracts in-line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { config } from '../config';
import type { ResolvedExtraction } from './resolve/article';
import type { ParsedArticle } from './parse';

/** An article extracted and resolved within itself (resolve/article.ts), both pure: the worker does both. */
export type Extracted = { extraction: ResolvedExtraction } | { error: string };

export class ExtractPool {
  private next = 0;
  private seq = 0;
  private waiting = new Map<number, { resolve: (r: Extracted[]) => void; reject: (e: Error) => void }>();

  private constructor(private workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: { id: number; results: Extracted[] }) => {
        this.waiting.get(m.id)?.resolve(m.results);
        this.waiting.delete(m.id);
        this.idle();
      });
      w.on('error', (e) => { for (const p of this.waiting.values()) p.reject(e); this.waiting.clear(); this.idle(); });
      // An idle worker does not keep the process alive; one with work does (see extract()).
      w.unref();
    }
  }

  /** A pool, or null when extraction should stay on this thread. */
  static create(): ExtractPool | null {
    const script = path.join(__dirname, 'extract-worker.js');
    const n = Math.min(config.extractWorkers, Math.max(0, (os.availableParallelism?.() ?? os.cpus().length) - 1));
    if (n < 1 || !fs.existsSync(script)) return null;
    return new ExtractPool(Array.from({ length: n }, () => new Worker(script)));
  }

  extract(articles: ParsedArticle[]): Promise<Extracted[]> {
    const id = ++this.seq;
    const w = this.workers[this.next++ % this.workers.length];
    for (const x of this.workers) x.ref();
    return new Promise((resolve, reject) => { this.waiting.set(id, { resolve, reject }); w.postMessage({ id, articles }); });
  }

  private idle(): void { if (!this.waiting.size) for (const w of this.workers) w.unref(); }

  get size(): number { return this.workers.length; }

  async close(): Promise<void> { await Promise.all(this.workers.map((w) => w.terminate())); }
}
