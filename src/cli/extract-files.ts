/** Reading article inputs for `warta extract` and `warta ingest`: .txt files, directories, JSON Lines, stdin. */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
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

/** Yields one parsed article (or a located error) per input article, in input order. */
export async function* readInputs(inputs: string[]): AsyncGenerator<InputItem> {
  for (const file of expandInputs(inputs)) {
    const isStdin = file === '-';
    if (isStdin || /\.(jsonl|ndjson)$/i.test(file)) {
      const stream = isStdin ? process.stdin : fs.createReadStream(file, { encoding: 'utf8' });
      const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
      let n = 0;
      let firstNonEmpty = true;
      let stdinText: string[] | null = null;
      for await (const line of rl) {
        n++;
        if (stdinText) { stdinText.push(line); continue; }
        if (!line.trim()) continue;
        // stdin may carry one plain/scraped text article instead of JSON Lines.
        if (isStdin && firstNonEmpty && !line.trim().startsWith('{')) { stdinText = [line]; continue; }
        firstNonEmpty = false;
        const source = isStdin ? 'stdin' : file;
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
        const raw = fs.readFileSync(file, 'utf8');
        yield { source: file, line: null, article: parseText(raw, path.basename(file)) };
      } catch (e) { yield { source: file, line: null, error: (e as Error).message }; }
    }
  }
}
