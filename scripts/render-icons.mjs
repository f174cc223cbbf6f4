// Render assets/icon.svg to the PNG icons electron-builder and the window use.
// Run by hand after changing the SVG: `node scripts/render-icons.mjs` (needs Chromium).
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
for (const out of ['assets/build/icon.png', 'assets/icon.png']) {
  await page.screenshot({
    path: out,
    omitBackground: true,
    clip: { x: 0, y: 0, width: 512, height: 512 },
  });
}
await browser.close();
console.log('icons written');
