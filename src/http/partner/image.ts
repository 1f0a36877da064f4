/**
 * The image structured data and link previews point at: Warta's mark (a white "W" on its blue) as a 1200×675 PNG,
 * the 16:9 size search engines and Open Graph readers take. Drawn once in code, so no binary asset needs keeping.
 */
import zlib from 'node:zlib';

export const CARD_IMAGE = { path: '/brand/warta-1200x675.png', width: 1200, height: 675, alt: 'Warta' };

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Distance from (x, y) to the segment a→b. */
function toSegment(x: number, y: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

let png: Buffer | null = null;

export function cardImagePng(): Buffer {
  if (png) return png;
  const { width: w, height: h } = CARD_IMAGE;
  const blue = [0x0b, 0x5c, 0xad], white = [0xff, 0xff, 0xff];
  const pts: Array<[number, number]> = [[390, 200], [480, 475], [600, 260], [720, 475], [810, 200]];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      let d = Infinity;
      if (x > 340 && x < 860 && y > 150 && y < 525) for (let i = 0; i < 4; i++) d = Math.min(d, toSegment(x, y, pts[i], pts[i + 1]));
      const c = d <= 28 ? white : blue;
      raw.set(c, row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  return png;
}
