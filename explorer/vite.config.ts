/** The explorer is built into dist/explorer and served by Warta at /explore (no inline scripts, hashed assets). */
import { defineConfig } from 'vite';
import path from 'node:path';

export default defineConfig({
  root: __dirname,
  base: '/explore/',
  build: { outDir: path.resolve(__dirname, '../dist/explorer'), emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 1200 },
  logLevel: 'warn',
});
