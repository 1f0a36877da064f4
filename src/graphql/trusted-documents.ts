/**
 * Trusted documents: the operations of Warta's own clients (the explorer), listed by hash in a manifest written when
 * they are built (dist/explorer/trusted-documents.json). They are known persisted queries from the start, so a
 * first-party client sends an operation's hash alone and never registers its text. Each entry is checked against its
 * hash when loaded.
 */
import { config } from '../config';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { EXPLORER_DIR } from '../project-root';

export const TRUSTED_DOCUMENTS_FILE = path.join(EXPLORER_DIR, 'trusted-documents.json');

/** hash → query text from a manifest; entries whose text does not hash to their key are refused. */
export function loadTrustedDocuments(file = TRUSTED_DOCUMENTS_FILE): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(file)) return out;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  for (const [hash, text] of Object.entries(manifest)) {
    if (crypto.createHash('sha256').update(text).digest('hex') !== hash) throw new Error(`${file}: the entry ${hash} does not match its text`);
    out.set(hash, text);
  }
  return out;
}

/** Apollo's persisted-query store with the trusted documents in front (Apollo prefixes keys with "apq:"). */
export class TrustedFirstCache implements KeyValueCache<string> {
  constructor(private trusted: Map<string, string>, private inner: KeyValueCache<string>) {}
  // With the store down, a registered query is a miss (the client sends its text again), not an error.
  async get(key: string): Promise<string | undefined> { return this.trusted.get(key.replace(/^apq:/, '')) ?? this.inner.get(key).catch(() => undefined); }
  /**
   * Registered queries expire (at most `apqTtlSeconds`) and large ones are not kept (over `apqMaxBytes`: the client
   * sends the text again), so anonymous clients cannot grow the store without bound.
   */
  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (Buffer.byteLength(value) > config.apqMaxBytes) return;
    const ttl = Math.min(options?.ttl ?? config.apqTtlSeconds, config.apqTtlSeconds);
    await this.inner.set(key, value, { ...options, ttl }).catch(() => undefined);
  }
  delete(key: string): Promise<boolean | void> { return this.inner.delete(key); }
}
