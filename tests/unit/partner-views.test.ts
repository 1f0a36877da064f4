import { config } from '../../src/config';
import { PartnerViews } from '../../src/http/partner/views';

describe('rendered partner bodies', () => {
  let generation = 1;
  const views = () => new PartnerViews(async () => String(generation), { ...config, responseCacheSeconds: 60, responseCacheBytes: 20_000 });
  const etag = (b: Buffer) => `"${b.length}"`;

  test('kept beside the view they were rendered from, and made again once the data generation moves on', async () => {
    const v = views();
    let renders = 0;
    const render = () => { renders++; return 'x'.repeat(1000); };
    const view = await v.get('event|a', async () => ({ name: 'Rapat A' }));
    const first = v.rendered('event|a', view, 'card|http://h', render, etag);
    expect(v.rendered('event|a', view, 'card|http://h', render, etag)).toBe(first);
    expect(first.etag).toBe('"1000"');
    expect(renders).toBe(1);
    // Another base URL is a variant of its own.
    v.rendered('event|a', view, 'card|https://h', render, etag);
    expect(renders).toBe(2);
    // A view that is not the one kept under the key (read uncached, or of an older generation) is never kept.
    v.rendered('event|a', { name: 'Rapat A' }, 'card|http://h', render, etag);
    v.rendered('event|a', { name: 'Rapat A' }, 'card|http://h', render, etag);
    expect(renders).toBe(4);
    generation++;
    const next = await v.get('event|a', async () => ({ name: 'Rapat A (diubah)' }));
    expect(next).not.toBe(view);
    v.rendered('event|a', next, 'card|http://h', render, etag);
    expect(renders).toBe(5);
  });

  test('their bytes count against the cache size: bodies past it are evicted, not kept without bound', async () => {
    const v = views();
    let renders = 0;
    const make = async () => ({ events: [] });
    const big = () => { renders++; return 'y'.repeat(8_000); };
    // As a route does: the view first (kept, the same object each time), then its body.
    const fetch = async (base: string) => v.rendered('list|q', await v.get('list|q', make), base, big, etag);
    for (const base of ['a', 'b', 'c', 'd']) await fetch(base);
    expect(renders).toBe(4);
    // Four bodies of 8,000 bytes do not fit in 20,000: the latest is kept, the first is gone and is made again.
    await fetch('d');
    expect(renders).toBe(4);
    await fetch('a');
    expect(renders).toBe(5);
  });
});
