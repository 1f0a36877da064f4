/**
 * The server bounds how far V8's old generation grows past its live data (config.heapGrowthPercent): after a full
 * collection, the next one comes before the heap has grown far past what the last one kept, instead of letting it
 * reach several times that. Read from V8's own trace (--trace-gc) in child processes, with one GC thread so that a
 * busy machine cannot shift when marking ends. And `npm start` gives the server a young generation twice V8's default
 * (package.json's start script), read from V8's heap statistics in a child process started with the same options.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { SERVE_NODE_OPTIONS } from '../../bench/speed';

const heap = path.resolve(__dirname, '../../dist/src/http/heap.js');

// About 150 MB that stays alive, a full collection, then as much again that also stays.
const grow = `
  const percent = Number(process.argv[1]);
  if (percent) require(${JSON.stringify(heap)}).boundHeapGrowth(percent);
  const live = [];
  for (let i = 0; i < 1000000; i++) live.push({ id: i, name: 'live' + i, tags: [i, i + 1] });
  global.gc();
  console.log('FORCED');
  const more = [];
  for (let i = 0; i < 2500000; i++) more.push({ id: i, name: 'more' + i });
  console.log('END', live.length + more.length);
`;

/** The heap size at the first full collection after the forced one, over the size the forced one left; null: none came. */
function nextFullCollection(percent: number): number | null {
  const out = execFileSync(process.execPath, ['--single-threaded-gc', '--expose-gc', '--trace-gc', '-e', grow, String(percent)], { encoding: 'utf8' });
  const [before, after] = out.split('FORCED');
  const forced = /Mark-Compact\S* [\d.]+ \([\d.]+\) -> ([\d.]+)/.exec(before.split('\n').filter((l) => /Mark-Compact/.test(l)).pop() ?? '');
  expect(forced).not.toBeNull();
  expect(after).toMatch(/END 3500000/);
  const next = /Mark-Compact\S* ([\d.]+) \(/.exec(after.split('\n').find((l) => /Mark-Compact/.test(l)) ?? '');
  return next ? Number(next[1]) / Number(forced![1]) : null;
}

test('with the bound, the next full collection comes before the heap reaches 2.2 times what the last one kept; without it, none comes at all', () => {
  const bounded = nextFullCollection(30);
  expect(bounded).not.toBeNull();
  expect(bounded!).toBeLessThan(2.2);
  expect(nextFullCollection(0)).toBeNull();
});

// Objects as requests make them, each batch alive until the next one replaces it: V8 grows the young generation up
// to its limit while much of it survives, then reports the size it reached.
const churn = `
  let batch = [];
  for (let i = 0; i < 4000000; i++) { batch.push({ id: i, name: 'row' + i }); if (batch.length === 200000) batch = []; }
  console.log('NEW', require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
`;
const youngGeneration = (options: string[]) => {
  const m = /NEW (\d+)/.exec(execFileSync(process.execPath, [...options, '-e', churn], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }));
  expect(m).not.toBeNull();
  return Number(m![1]);
};

test("npm start lets the server's young generation grow to twice V8's default, so that request garbage is collected half as often", () => {
  // The node options of package.json's start script (what `npm start` runs the server with), as the bench reads them.
  const options = [...SERVE_NODE_OPTIONS];
  expect(options.some((o) => /^--max-semi-space-size=\d+$/.test(o))).toBe(true);
  expect(youngGeneration(options)).toBeGreaterThanOrEqual(1.8 * youngGeneration([]));
});
