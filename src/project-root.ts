import fs from 'node:fs';
import path from 'node:path';

/** The project's root (where package.json is), found from here whether running from src/ (tests) or dist/src/. */
export function projectRoot(): string {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, 'package.json'))) { const up = path.dirname(d); if (up === d) throw new Error('project root not found'); d = up; }
  return d;
}

/** The explorer's build (`npm run build`, vite): the app and its trusted-documents manifest, from dist/ or, in tests, src/. */
export const EXPLORER_DIR = path.join(projectRoot(), 'dist', 'explorer');
