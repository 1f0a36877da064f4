/**
 * The floors of src/ (docs/architecture.md): every import points down or stays on its floor. The imports are read
 * with the TypeScript compiler's own pre-processor (static, type-only, dynamic and require), so a new file or folder
 * is checked as soon as it exists, and a file on no floor fails too.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/** Floors from the ground up; a file belongs to the longest prefix that names it. */
const FLOORS: Array<[floor: string, prefixes: string[]]> = [
  ['ground', ['src/text/', 'src/config.ts', 'src/entities/', 'src/html.ts', 'src/project-root.ts']],
  ['db', ['src/db/']],
  ['search', ['src/search/']],
  ['ingest', ['src/ingest/']],
  ['demo', ['src/demo/']],
  ['services', ['src/services/']],
  ['graphql', ['src/graphql/']],
  ['http', ['src/http/']],
  ['cli', ['src/cli/']],
];

const RESOLVERS = 'src/graphql/resolvers/';

/** What each floor may import besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  ground: [],
  db: ['ground'],
  search: ['ground', 'db'],
  ingest: ['ground', 'db', 'search'],
  demo: ['ground', 'db', 'search', 'ingest'],
  services: ['ground', 'db', 'search', 'ingest'],
  graphql: ['ground', 'db', 'search', 'ingest', 'services'],
  http: ['ground', 'db', 'search', 'ingest', 'demo', 'services', 'graphql'],
  cli: ['ground', 'db', 'search', 'ingest', 'demo', 'services', 'graphql', 'http'],
};

/**
 * Arrows that still run up, each as "from -> to" with why it stands: the test fails on any other, and on an entry here
 * that no longer exists, so the list only shrinks. None today.
 */
const EXCEPTIONS: Record<string, string> = {};

function floorOf(file: string): string | null {
  let best: [string, number] | null = null;
  for (const [floor, prefixes] of FLOORS) {
    for (const p of prefixes) if ((file === p || (p.endsWith('/') && file.startsWith(p))) && (!best || p.length > best[1])) best = [floor, p.length];
  }
  return best?.[0] ?? null;
}

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The files of this repository that `file` imports (packages left out). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.')).map((spec) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const found = [`${base}.ts`, `${base}/index.ts`, base].find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile());
    if (!found) throw new Error(`${file}: cannot resolve ${spec}`);
    return found;
  });
}

const FILES = sources('src');

/** Every import that breaks a rule, as "from -> to". */
function violations(): string[] {
  const out: string[] = [];
  for (const from of FILES) {
    const floor = floorOf(from)!;
    for (const to of importsOf(from)) {
      const target = floorOf(to);
      if (!target || (target !== floor && !MAY_IMPORT[floor].includes(target))) out.push(`${from} -> ${to}`);
      // Resolvers share what they need through graphql/'s vocabulary and services/, never through one another, and
      // only the schema build knows them.
      else if (to.startsWith(RESOLVERS) && from !== 'src/graphql/schema.ts') out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

describe('floors of src/', () => {
  test('every source file stands on a floor', () => {
    expect(FILES.filter((f) => !floorOf(f))).toEqual([]);
  });

  test('only src/db/typeorm.ts reaches past TypeORM\'s documented surface (its driver, query runners, decorator registry)', () => {
    const internals = /\.(driver|queryRunner|databaseConnection)\b|getMetadataArgsStorage/;
    expect(FILES.filter((f) => f !== 'src/db/typeorm.ts' && internals.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
  });

  test('no import points up a floor, and only the schema build imports a resolver', () => {
    const found = violations();
    expect(found.filter((v) => !(v in EXCEPTIONS))).toEqual([]);
    expect(Object.keys(EXCEPTIONS).filter((e) => !found.includes(e))).toEqual([]);
  });
});
