// Browser tests: the built web edition (out/web) served on 127.0.0.1, driven by playwright-core in
// Debian's Chromium. With CI=true a missing browser fails loudly; elsewhere the suite is skipped
// with a reason in its name.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

// `window.archlabTest`, typed: every spec that opens the lab sees the declaration.
export type { ArchlabTestHooks } from './testHooks';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export const chromiumPath = findChromium();
if (!chromiumPath && process.env['CI'] === 'true') {
  throw new Error(
    "Browser tests need Chromium: install Debian's `chromium` package (apt-get install -y chromium) or set CHROME_PATH to a Chromium/Chrome binary.",
  );
}
export const skipReason = chromiumPath
  ? ''
  : ' (skipped: no Chromium found; install chromium or set CHROME_PATH)';

export const RESULTS_DIR = path.resolve('test-results');

export interface Lab {
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openLab(
  options: {
    colorScheme?: 'light' | 'dark';
    query?: string;
    /** Runs in the page before its own scripts (e.g. to remove an API for a fallback path). */
    init?: () => void;
    viewport?: { width: number; height: number };
    /** Show the start page as a new window does (off by default: most tests start drawing). */
    startPage?: boolean;
  } = {},
): Promise<Lab> {
  if (!chromiumPath) throw new Error('no Chromium');
  if (!existsSync('out/web/index.html')) {
    throw new Error('out/web is not built: run `npm run build:web` (npm run test:e2e does it)');
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const server: PreviewServer = await preview({
    configFile: 'vite.web.config.ts',
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  const url = `http://127.0.0.1:${address.port}/${options.query ?? '?e2e'}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  if (!options.startPage) {
    // The user's "Show this page when ArchLab starts" unticked.
    await context.addInitScript(() => localStorage.setItem('archlab.startPage', 'off'));
  }
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  // Intercept file choosers from the start. A test's waitForEvent('filechooser') switches
  // interception on without waiting for the browser to confirm, so a key press right after it
  // could open the chooser before interception was on, and the event never came (a CI flake).
  page.on('filechooser', () => {});
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('.topbar');
  return {
    url,
    browser,
    context,
    page,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      if (errors.length) throw new Error(`The page threw: ${errors.join('\n')}`);
    },
  };
}

/** File › Open Sample as a user picks it: the command palette, then the sample's file name. */
export async function openSample(lab: Lab, file: string): Promise<void> {
  const { page } = lab;
  await page.locator('.canvas .react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Open Sample');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[cmdk-dialog]');
  await page.locator('[cmdk-item]', { hasText: file }).click();
  await page.waitForFunction((f) => document.title.startsWith(f), file);
}

export function shot(name: string) {
  return path.join(RESULTS_DIR, name);
}
