/**
 * PostGraphile 4 over a Warta PostgreSQL database, for the PostgreSQL comparison (bench/pg.ts): library mode on
 * node:http, simple collections only (lists, no connections), the simplify inflector for short names, no mutations.
 * It sees Warta's tables and their foreign keys, plus the two computed columns COMPUTED_COLUMNS adds (an article's
 * people by first mention, a person's current position), which a PostGraphile deployment would write for the same
 * answers.
 *   node dist/bench/postgraphile.js <postgres url> <port>
 */
import http from 'node:http';
import Module from 'node:module';
import path from 'node:path';

/** SQL functions PostGraphile exposes as fields: the same rules as Warta's loaders (graphql/read/loaders.ts). */
export const COMPUTED_COLUMNS = `
CREATE OR REPLACE FUNCTION article_persons(a article) RETURNS SETOF person LANGUAGE sql STABLE AS $$
  SELECT p.* FROM (SELECT m.entity_id, MIN(m.start) AS first_at FROM mention m
    WHERE m.article_id = a.id AND m.entity_type = 'PERSON' AND m.status <> 'REJECTED' GROUP BY m.entity_id) t
  JOIN person p ON p.id = t.entity_id ORDER BY t.first_at, p.id LIMIT 10
$$;
CREATE OR REPLACE FUNCTION person_current_position(p person) RETURNS "position" LANGUAGE sql STABLE AS $$
  SELECT x.* FROM "position" x WHERE x.person_id = p.id ORDER BY x.valid_to DESC, x.valid_from DESC, x.id DESC LIMIT 1
$$;`;

/** The bench's nested articles query, as PostGraphile names it. */
export const PG_NESTED_QUERY = `query($first: Int) { articles(first: $first, orderBy: [PUBLISHED_ON_DESC, ID_DESC]) { title publishedOn
  persons { name currentPosition { title institution { name } } }
  articleEvents { event { name startDate venue { name } participantCount eventOrganizers { institution { name } } } } } }`;

/** Events with participants, as PostGraphile names them (participants in id order: it cannot sort by role rank). */
export const PG_EVENTS_QUERY = `query($first: Int) { events(first: $first, orderBy: [START_DATE_DESC, ID_DESC], condition: { mergedIntoId: null }) { name startDate
  participations(first: 20, orderBy: ID_ASC) { role person { name currentPosition { title institution { name } } } } } }`;

/**
 * PostGraphile 4 needs graphql 15 and Warta has 16, so npm nests two copies of 15 (under postgraphile and under
 * graphile-build-pg), and PostGraphile's schema then fails ("from another module or realm"). This process runs
 * PostGraphile alone: every `graphql` import in it is sent to postgraphile's copy.
 */
function oneGraphql(): void {
  const dir = path.dirname(require.resolve('graphql/package.json', { paths: [path.dirname(require.resolve('postgraphile/package.json'))] }));
  const m = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = m._resolveFilename;
  m._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === 'graphql' || request.startsWith('graphql/')) request = path.join(dir, request.slice('graphql'.length));
    return resolve.call(this, request, ...rest);
  };
}

if (require.main === module) {
  const [url, port] = process.argv.slice(2);
  oneGraphql();
  const { postgraphile } = require('postgraphile') as typeof import('postgraphile');
  const PgSimplifyInflectorPlugin = require('@graphile-contrib/pg-simplify-inflector');
  const handler = postgraphile(url, 'public', {
    simpleCollections: 'only', appendPlugins: [PgSimplifyInflectorPlugin], disableDefaultMutations: true, graphiql: false,
    enableQueryBatching: false, ignoreRBAC: true, setofFunctionsContainNulls: false, retryOnInitFail: false,
    // Lists named without a `List` suffix; no query log (a line per request on stderr under load).
    graphileBuildOptions: { pgOmitListSuffix: true }, disableQueryLog: true,
  });
  http.createServer(handler).listen(Number(port), '127.0.0.1', () => { process.stdout.write(`postgraphile listening on ${port}\n`); });
}
