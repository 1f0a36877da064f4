/** Reading article inputs for `warta extract` and `warta ingest`: .txt files, directories, JSON Lines, stdin. */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { ArticleRecord, ParsedArticle, parseRecord, parseText } from '../ingest/parse';

export interface InputItem { source: string; line: number | null; article?: ParsedArticle; error?: string }

/** Expands files and directories into article files (.txt, .jsonl), sorted for a stable order. */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  for (const inp of inputs) {
    if (inp === '-') { out.push('-'); continue; }
    const st = fs.statSync(inp);
    if (st.isDirectory()) {
      for (const f of fs.readdirSync(inp).sort()) {
        const p = path.join(inp, f);
        if (fs.statSync(p).isDirectory()) out.push(...expandInputs([p]));
        else if (/\.(txt|jsonl|ndjson)$/i.test(f)) out.push(p);
      }
    } else out.push(inp);
  }
  return out;
}

/**
 * The offset of the first byte that is not well-formed UTF-8 (or a NUL, which no text article holds: a binary
 * file), or -1. Hand-written because TextDecoder's fatal mode says that a buffer is invalid, not where.
 */
export function badByte(b: Uint8Array): number {
  // Most input is well-formed: Node's native check and a search for NUL say so at memory speed, and only then is the
  // offending byte looked for here.
  if (b.indexOf(0) === -1 && isUtf8(b)) return -1;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0) return i;
    if (c < 0x80) { i++; continue; }
    let n: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');
/** The error of input refused as not text; the caller names the file (and line). */
const notText = (at: number, byte: number) => `byte offset ${at}: ${byte === 0 ? 'a NUL byte (binary data, not text)' : 'not UTF-8 text'}; refused`;

/**
 * The lines of a stream as bytes, one at a time (memory holds one line and one chunk, whatever the file's size),
 * with the byte offset each starts at.
 */
async function* byteLines(stream: AsyncIterable<Buffer>): AsyncGenerator<{ bytes: Buffer; offset: number }> {
  let rest: Buffer | null = null;
  let offset = 0;
  for await (const chunk of stream) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      yield { bytes: buf.subarray(start, end), offset };
      offset += nl + 1 - start;
      start = nl + 1;
    }
    // A copy: the rest of a chunk must not keep the whole chunk alive.
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
  }
  if (rest && rest.length) yield { bytes: rest[rest.length - 1] === 13 ? rest.subarray(0, rest.length - 1) : rest, offset };
}

/** Non-empty lines of a JSON Lines file, counted in chunks (for the progress bar; memory stays constant). */
export function countLines(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let n = 0, text = false;
  try {
    for (let got = fs.readSync(fd, buf, 0, buf.length, null); got > 0; got = fs.readSync(fd, buf, 0, buf.length, null)) {
      for (let i = 0; i < got; i++) {
        const c = buf[i];
        if (c === 10) { if (text) n++; text = false; } else if (c > 32) text = true;
      }
    }
  } finally { fs.closeSync(fd); }
  return n + (text ? 1 : 0);
}

/**
 * Yields one parsed article (or a located error) per input article, in input order. JSON Lines are streamed line
 * by line. Input that is not UTF-8 text (invalid bytes, or a NUL: a binary file) is refused with the file and the
 * byte offset, never read with replacement characters; in JSON Lines, the line is refused and the rest goes on.
 */
export async function* readInputs(inputs: string[]): AsyncGenerator<InputItem> {
  for (const file of expandInputs(inputs)) {
    const isStdin = file === '-';
    const source = isStdin ? 'stdin' : file;
    if (isStdin || /\.(jsonl|ndjson)$/i.test(file)) {
      const stream: AsyncIterable<Buffer> = isStdin ? process.stdin : fs.createReadStream(file, { highWaterMark: 1 << 20 });
      let n = 0;
      let firstNonEmpty = true;
      let stdinText: string[] | null = null;
      for await (const { bytes, offset } of byteLines(stream)) {
        n++;
        const bad = badByte(bytes);
        if (bad !== -1) { yield { source, line: n, error: notText(offset + bad, bytes[bad]) }; continue; }
        const line = utf8.decode(bytes);
        if (stdinText) { stdinText.push(line); continue; }
        if (!line.trim()) continue;
        // stdin may carry one plain/scraped text article instead of JSON Lines.
        if (isStdin && firstNonEmpty && !line.trim().startsWith('{')) { stdinText = [line]; continue; }
        firstNonEmpty = false;
        let rec: ArticleRecord;
        try { rec = JSON.parse(line) as ArticleRecord; } catch (e) { yield { source, line: n, error: `invalid JSON: ${(e as Error).message}` }; continue; }
        if (!rec || typeof rec !== 'object' || Array.isArray(rec)) { yield { source, line: n, error: 'a line must hold one JSON object' }; continue; }
        try { yield { source, line: n, article: parseRecord(rec, `${path.basename(source)}:${n}`) }; } catch (e) { yield { source, line: n, error: (e as Error).message }; }
      }
      if (stdinText) {
        try { yield { source: 'stdin', line: null, article: parseText(stdinText.join('\n'), 'stdin') }; } catch (e) { yield { source: 'stdin', line: null, error: (e as Error).message }; }
      }
    } else {
      try {
        const raw = fs.readFileSync(file);
        const bad = badByte(raw);
        if (bad !== -1) { yield { source: file, line: null, error: notText(bad, raw[bad]) }; continue; }
        yield { source: file, line: null, article: parseText(utf8.decode(raw), path.basename(file)) };
      } catch (e) { yield { source: file, line: null, error: (e as Error).message }; }
    }
  }
}
