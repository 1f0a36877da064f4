/**
 * The server bounds how far V8's old generation grows past its live data (config.heapGrowthPercent): under a steady
 * churn of short-lived objects, the heap it commits stays near the live data instead of growing to several times it.
 * Measured in child processes (a heap's history belongs to its process), with the same churn with and without the bound.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const heap = path.resolve(__dirname, '../../dist/src/http/heap.js');

// About 60 MB that stays alive, then batches that live a while (as requests in flight do) and are dropped.
const churn = `
  const percent = Number(process.argv[1]);
  if (percent) require(${JSON.stringify(heap)}).boundHeapGrowth(percent);
  const live = [];
  for (let i = 0; i < 600000; i++) live.push({ id: i, name: 'live' + i, tags: [i, i + 1] });
  const inFlight = [];
  let peak = 0;
  for (let round = 0; round < 1000; round++) {
    const batch = [];
    for (let i = 0; i < 3000; i++) batch.push({ round, i, text: 'answer' + i, parts: [1, 2, 3] });
    inFlight.push(batch);
    if (inFlight.length > 20) inFlight.shift();
    peak = Math.max(peak, process.memoryUsage().heapTotal);
  }
  process.stdout.write(String(live.length && peak));
`;

const peakHeap = (percent: number) => Number(execFileSync(process.execPath, ['-e', churn, String(percent)], { encoding: 'utf8' }));

test('with the bound, the heap a steady churn commits stays well under what V8 lets it reach by default', () => {
  const unbounded = peakHeap(0);
  const bounded = peakHeap(30);
  expect(bounded).toBeLessThan(unbounded * 0.6);
});
