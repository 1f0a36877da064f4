/** Relay global ids ("Person:12" in base64url) and opaque cursors. */
export type NodeType = 'Article' | 'Person' | 'Institution' | 'Place' | 'Event' | 'Position' | 'Participation' | 'Mention' | 'Quote' | 'PersonMerge';
export const NODE_TYPES: NodeType[] = ['Article', 'Person', 'Institution', 'Place', 'Event', 'Position', 'Participation', 'Mention', 'Quote', 'PersonMerge'];

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Ids written recently, per type: a busy page names the same people and institutions on every request, and each id
 * written anew was several short-lived strings. Bounded (emptied when full).
 */
const written = new Map<NodeType, Map<number, string>>(NODE_TYPES.map((t) => [t, new Map()]));
const WRITTEN_MAX = 20_000;

/** base64url of "Type:id" (every object read carries one). */
export function toGlobalId(type: NodeType, id: number): string {
  const memo = written.get(type)!;
  let out = memo.get(id);
  if (out === undefined) {
    if (memo.size >= WRITTEN_MAX) memo.clear();
    memo.set(id, (out = encodeGlobalId(type, id)));
  }
  return out;
}

/** Written out for this short ASCII text (a Buffer each was slower). */
function encodeGlobalId(type: NodeType, id: number): string {
  const s = `${type}:${id}`;
  let out = '';
  let i = 0;
  for (; i + 2 < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  if (i < s.length) {
    const n = (s.charCodeAt(i) << 16) | (i + 1 < s.length ? s.charCodeAt(i + 1) << 8 : 0);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + (i + 1 < s.length ? B64URL[(n >> 6) & 63] : '');
  }
  return out;
}

export function fromGlobalId(gid: string): { type: NodeType; id: number } | null {
  let s: string;
  try { s = Buffer.from(gid, 'base64url').toString('utf8'); } catch { return null; }
  const m = /^([A-Za-z]+):(\d{1,12})$/.exec(s);
  if (!m || !NODE_TYPES.includes(m[1] as NodeType)) return null;
  return { type: m[1] as NodeType, id: Number(m[2]) };
}

export function encodeCursor(parts: Array<string | number | null>): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/**
 * Cursor parts are what Warta writes: ids, positions and counts (integers of a 32-bit column, which PostgreSQL
 * refuses beyond) and short texts (dates, name keys). Anything else (`[1e25]`, `[1.5]`) is not one of its cursors.
 */
const cursorPart = (x: unknown) => x === null || (typeof x === 'string' && x.length <= 1000)
  || (typeof x === 'number' && Number.isInteger(x) && x >= -2_147_483_648 && x <= 2_147_483_647);

export function decodeCursor(c: string, arity: number): Array<string | number | null> | null {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === arity && v.every(cursorPart)) return v;
  } catch { /* fallthrough */ }
  return null;
}
