/** Debian's chromium driven by playwright-core, headless, with the flags this machine needs (no background networking). */
import fs from 'node:fs';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT = path.join(__dirname, '../../test-output');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`browser tests need Debian chromium at ${CHROMIUM} (apt-get install chromium) or CHROMIUM_PATH`);
  fs.mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}
