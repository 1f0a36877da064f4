/** The `warta` command: serve, ingest, extract, resolve, export, reindex, migrate, keys, schema. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { config } from '../config';
import { Db } from '../db/database';
import { ApiRole } from '../entities/enums';
import { createExtractor } from '../ingest/extract';
import { toContract } from './contract';
import { IngestPipeline, IngestService } from '../ingest';
import { countLines, readInputs, expandInputs } from './extract-files';
import { ApiKeyService } from '../services/api-key.service';

/** A usage error: the message on stderr and exit code 2. */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const program = new Command();
program.name('warta').description('Warta: a GraphQL content hub for Indonesian regional news with event tracking');

program.command('extract')
  .description('extract entities from articles without a database (.txt files, directories, JSON Lines, or - for stdin)')
  .option('--json', 'one JSON object per article, one per line (the only format)', true)
  .argument('<inputs...>')
  .action(async (inputs: string[]) => {
    const x = await createExtractor();
    let failed = 0;
    for await (const item of readInputs(inputs)) {
      if (item.error || !item.article) {
        failed++;
        process.stderr.write(`${item.source}${item.line ? `:${item.line}` : ''}: ${item.error}\n`);
        continue;
      }
      process.stdout.write(JSON.stringify(toContract(x.extract(item.article))) + '\n');
    }
    process.exitCode = failed ? 1 : 0;
  });

program.command('ingest')
  .description('ingest articles into the database (.txt files, directories, JSON Lines)')
  .argument('<inputs...>')
  .option('--quiet', 'no progress bar')
  .action(async (inputs: string[], opts: { quiet?: boolean }) => {
    for (const f of inputs) if (f !== '-' && !fs.existsSync(f)) { process.stderr.write(`${f}: no such file or directory\n`); process.exitCode = 2; return; }
    const started = Date.now();
    const db = await Db.open();
    const ingest = await IngestService.create(db);
    // Servers sharing Redis drop their cached answers after each new article; without Redis, a running server's
    // in-memory cache keeps its answers until they expire (WARTA_RESPONSE_CACHE_SECONDS).
    const { SharedCaches } = await import('../http/response-cache');
    const caches = config.redisUrl ? new SharedCaches() : null;
    if (caches) ingest.onChange = () => caches.bump();
    if (caches && db.searchIndexer) db.searchIndexer.onIndexed = () => caches.bumpSearch();
    const showBar = process.stderr.isTTY && !opts.quiet;
    let total = 0;
    // Counted only for the progress bar, in chunks: a file of any size, in constant memory.
    if (showBar) for (const f of expandInputs(inputs)) total += f !== '-' && /\.(jsonl|ndjson)$/i.test(f) ? countLines(f) : 1;
    const bar = showBar
      ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
      : null;
    bar?.start(total, 0, { file: '' });
    const n = { new: 0, unchanged: 0, reextracted: 0, failed: 0 };
    const ent = { created: 0, linked: 0 };
    const report = (where: string, message: string) => {
      n.failed++;
      bar?.stop();
      process.stderr.write(`${where}: ${message}\n`);
      bar?.start(total, n.new + n.unchanged + n.reextracted + n.failed);
    };
    // Articles go to the database in batches: one transaction per batch, one savepoint per article.
    type Item = { where: string; article: Parameters<typeof ingest.ingest>[0] };
    const pipeline = new IngestPipeline<Item>(ingest, (items, results) => results.forEach((r, i) => {
      if (r.error) { report(items[i].where, r.error.message); return; }
      n[r.result!.status]++;
      ent.created += Object.values(r.result!.created).reduce((s, v) => s + v, 0);
      ent.linked += Object.values(r.result!.linked).reduce((s, v) => s + v, 0);
    }));
    let batch: Item[] = [];
    for await (const item of readInputs(inputs)) {
      bar?.increment(1, { file: path.basename(item.source) });
      const where = `${item.source}${item.line ? `:${item.line}` : ''}`;
      if (item.error || !item.article) { report(where, String(item.error)); continue; }
      batch.push({ where, article: item.article });
      if (batch.length >= config.ingestBatch) { await pipeline.push(batch); batch = []; }
    }
    await pipeline.push(batch);
    await pipeline.finish();
    bar?.stop();
    // The database first: closing it waits for the search index to take the last batch, whose notice bumps the search
    // generation in Redis (closed caches would drop that bump, and servers keep answers that miss the last batch).
    await db.close();
    await caches?.close();
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`articles: ${n.new} new, ${n.unchanged} unchanged, ${n.reextracted ? `${n.reextracted} re-extracted, ` : ''}${n.failed} failed; entities: ${ent.created} created, ${ent.linked} linked; ${secs} s\n`);
    process.exitCode = n.failed ? 1 : 0;
  });

program.command('migrate')
  .description('run pending database migrations')
  .action(async () => {
    const db = await Db.open();
    await db.close();
    process.stdout.write('migrations are up to date\n');
  });

program.command('export')
  .description('write an export (attendance, events, people, institutions, mentions) as CSV or JSON Lines, with the GraphQL filters')
  .argument('<name>', 'attendance | events | people | institutions | mentions')
  .option('-f, --format <format>', 'csv or jsonl', 'csv')
  .option('-o, --output <file>', 'write to this file instead of standard output')
  .option('--person <id|slug>').option('--institution <id|slug>').option('--event <id|slug>').option('--place <id|slug>')
  .option('--organizer <id|slug>').option('--role <role>').option('--kind <kind>').option('--from <date>').option('--to <date>')
  .action(async (name: string, opts: Record<string, string | undefined>) => {
    const { EXPORT_NAMES, ExportFilterError, exportStream, resolveExportFilter } = await import('../services/export.service');
    const { idOrSlug } = await import('../http/exports');
    const { CatalogService } = await import('../services/catalog.service');
    const { pipeline } = await import('node:stream/promises');
    if (!EXPORT_NAMES.includes(name as never)) fail(`export: no export "${name}"; exports are ${EXPORT_NAMES.join(', ')}`);
    if (opts.format !== 'csv' && opts.format !== 'jsonl') fail('export: --format must be csv or jsonl');
    const db = await Db.open();
    try {
      const { format, output, ...filters } = opts;
      const f = await resolveExportFilter(filters, idOrSlug(new CatalogService(db)));
      await pipeline(exportStream(db, name as never, format as 'csv' | 'jsonl', f), output ? fs.createWriteStream(output) : process.stdout);
    } catch (e) {
      if (e instanceof ExportFilterError) { await db.close(); fail(`export: --${e.message}`); }
      // The reader went away (`| head`): not an error of the export.
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
    }
    await db.close();
  });

program.command('backup')
  .description('copy the SQLite database to <file> while it serves (consistent, online)')
  .argument('<file>')
  .action(async (file: string) => {
    if (fs.existsSync(file)) fail(`backup: ${file} exists; give a new file`);
    const db = await Db.open();
    try { await db.backup(file); } catch (e) { await db.close(); fail(`backup: ${(e as Error).message}`); }
    await db.close();
    process.stdout.write(`backed up to ${file}\n`);
  });

program.command('reindex')
  .description('rebuild the full-text search index from the database')
  .action(async () => {
    const { SearchService } = await import('../search/search.service');
    const db = await Db.open();
    const n = await new SearchService(db).rebuild();
    await db.close();
    process.stdout.write(`indexed ${n} records\n`);
  });

program.command('resolve')
  .description('decide again, over the stored database, which people are the same (aliases learnt later, fuller names, namesakes); each merge is recorded with its reason and can be split')
  .option('--dry-run', 'only print what would be merged')
  .action(async (opts: { dryRun?: boolean }) => {
    const { reresolve } = await import('../services/reresolve.service');
    const db = await Db.open();
    const merges = await reresolve(db, { apply: !opts.dryRun, log: (m) => process.stdout.write(`${opts.dryRun ? 'would merge' : 'merged'} #${m.merged} "${m.form}" into #${m.survivor} (${m.method}): ${m.reason}\n`) });
    await db.close();
    process.stderr.write(`${merges.length} ${opts.dryRun ? 'merges found' : 'merges made'}\n`);
  });

program.command('serve')
  .description('serve the GraphQL API (and load the demo articles into an empty database)')
  .option('-p, --port <port>', 'port', String(config.port))
  .action(async (opts: { port: string }) => {
    const { startServer } = await import('../http/server');
    await startServer({ port: Number(opts.port) });
  });

program.command('schema')
  .description('print the GraphQL schema (SDL); --write updates schema.graphql')
  .option('--write', 'write schema.graphql at the project root')
  .action(async (opts: { write?: boolean }) => {
    const { buildWartaSchema, printWartaSchema } = await import('../graphql/schema');
    const sdl = printWartaSchema(await buildWartaSchema());
    if (opts.write) fs.writeFileSync(path.resolve(__dirname, '../../../schema.graphql'), sdl);
    else process.stdout.write(sdl);
  });

const keys = program.command('keys').description('manage API keys');
keys.command('create')
  .requiredOption('--name <name>', 'who the key is for')
  .addOption(new Option('--role <role>', 'role').choices(Object.values(ApiRole)).default(ApiRole.READER))
  .option('--origin <origin...>', 'browser origins allowed to use the key')
  .action(async (opts: { name: string; role: ApiRole; origin?: string[] }) => {
    const db = await Db.open();
    const { key, record } = await new ApiKeyService(db).create(opts.name, opts.role, opts.origin ?? []);
    await db.close();
    process.stdout.write(`${key}\n`);
    process.stderr.write(`key #${record.id} (${record.role}) for ${record.name}, partner id ${record.partnerId}: the key is shown once, store it now\n`);
  });
keys.command('list').action(async () => {
  const db = await Db.open();
  for (const k of await new ApiKeyService(db).list()) {
    process.stdout.write(`${k.id}\t${k.prefix}…\t${k.role}\t${k.revoked ? 'revoked' : 'active'}\t${k.name}\t${k.origins.join(',')}\n`);
  }
  await db.close();
});
keys.command('revoke').argument('<id>').action(async (id: string) => {
  const db = await Db.open();
  const ok = await new ApiKeyService(db).revoke(Number(id));
  await db.close();
  if (!ok) { process.stderr.write(`no key #${id}\n`); process.exitCode = 1; } else process.stdout.write(`key #${id} revoked\n`);
});

program.parseAsync(process.argv).catch((e: Error) => {
  process.stderr.write(`warta: ${e.message}\n`);
  process.exitCode = 1;
});
