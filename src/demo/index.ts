/** The demo articles Warta ships (written for the project) and loading them into an empty database. */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../db/database';
import { IngestService } from '../ingest';
import { parseText } from '../ingest/parse';
import { projectRoot } from '../project-root';

/** The articles stay in src/ (they are data, not compiled). */
export const DEMO_DIR = path.join(projectRoot(), 'src', 'demo', 'articles');

export function demoFiles(): string[] {
  return fs.readdirSync(DEMO_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(DEMO_DIR, f));
}

/** Ingests the demo articles when the database holds no article yet. Returns how many were loaded. */
export async function loadDemoIfEmpty(db: Db, ingest: IngestService): Promise<number> {
  const row = await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM article');
  if (row && Number(row.n) > 0) return 0;
  let n = 0;
  for (const f of demoFiles()) {
    const r = await ingest.ingest(parseText(fs.readFileSync(f, 'utf8'), path.basename(f)));
    if (r.status === 'new') n++;
  }
  return n;
}
