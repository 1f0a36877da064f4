/** The explorer is built into dist/explorer and served by Warta at /explore (no inline scripts, hashed assets). */
import crypto from 'node:crypto';
import path from 'node:path';
import { defineConfig, Plugin } from 'vite';
import * as operations from './src/operations';

/** Writes trusted-documents.json: every operation the explorer sends, by its sha256 (see src/graphql/trusted-documents.ts). */
function trustedDocuments(): Plugin {
  return {
    name: 'warta-trusted-documents',
    generateBundle() {
      const manifest: Record<string, string> = {};
      for (const text of Object.values(operations)) manifest[crypto.createHash('sha256').update(text).digest('hex')] = text;
      this.emitFile({ type: 'asset', fileName: 'trusted-documents.json', source: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  root: __dirname,
  base: '/explore/',
  build: { outDir: path.resolve(__dirname, '../dist/explorer'), emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 1200 },
  plugins: [trustedDocuments()],
  logLevel: 'warn',
});
