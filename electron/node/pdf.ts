// HTML → PDF and SVG → PNG in a headless Chromium driven by playwright-core (Node only, no
// 'electron'; the desktop app prints with webContents.printToPDF instead). The browser gets a fresh
// profile, no network (every request but the page itself is aborted), JavaScript off, Chromium's
// sandbox where the platform allows it, and is closed after each job.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, BrowserType } from 'playwright-core';
import { writeFileAtomic } from './atomicFile';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_FLAGS = [
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether Chromium's sandbox can be on. Chromium refuses to start sandboxed as root on Linux (a
 * container's usual user), so there, and only there, it runs without; the page it renders has
 * no script and no network either way.
 */
export function sandboxAllowed(
  platform: string = process.platform,
  uid: number | undefined = process.getuid?.(),
): boolean {
  return !(platform === 'linux' && uid === 0);
}

/** Playwright's launch options for a render: JavaScript off, sandbox on where allowed. */
export function chromiumLaunchOptions(executablePath: string, deviceScaleFactor: number) {
  return {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    // Playwright adds --no-sandbox unless this is true.
    chromiumSandbox: sandboxAllowed(),
    javaScriptEnabled: false,
    offline: true,
    deviceScaleFactor,
  };
}

/** CHROME_PATH when set (and present), else Debian's Chromium; undefined when there is none. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export class NoChromiumError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NoChromiumError';
  }
}

/** Run `job` in a fresh offline Chromium context, then close the browser and remove its profile. */
export async function withChromium<T>(
  job: (context: BrowserContext) => Promise<T>,
  options: { deviceScaleFactor?: number } = {},
): Promise<T> {
  const executablePath = chromiumExecutable();
  if (executablePath === undefined)
    throw new NoChromiumError(
      "no Chromium found: install Debian's chromium (apt-get install -y chromium) or set CHROME_PATH",
    );
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new NoChromiumError(`playwright-core cannot be loaded (${reason})`);
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), 'archlab-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(
      profile,
      chromiumLaunchOptions(executablePath, options.deviceScaleFactor ?? 1),
    );
    try {
      await context.route('**', (route) => {
        const url = route.request().url();
        return url.startsWith('data:') || url === 'about:blank' ? route.continue() : route.abort();
      });
      return await job(context);
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The report (or any self-contained page) printed to PDF, A4 with its print styles. */
export async function pdfOf(html: string): Promise<Buffer> {
  return withChromium(async (context) => {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  });
}

/** Print a self-contained page to a PDF file (written atomically). */
export async function htmlToPdf(html: string, outFile: string): Promise<void> {
  await writeFileAtomic(outFile, await pdfOf(html));
}

/** SVG pictures as PNG, `scale` device pixels per SVG pixel (2 for crisp wiki images). */
export async function svgsToPng(svgs: readonly string[], scale = 2): Promise<Buffer[]> {
  if (svgs.length === 0) return [];
  return withChromium(
    async (context) => {
      const page = await context.newPage();
      const out: Buffer[] = [];
      for (const svg of svgs) {
        await page.setContent(
          `<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
        );
        const element = await page.$('svg');
        if (!element) throw new Error('svgsToPng: not an SVG picture');
        out.push(await element.screenshot({ omitBackground: true }));
      }
      return out;
    },
    { deviceScaleFactor: scale },
  );
}

export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const [png] = await svgsToPng([svg], scale);
  if (!png) throw new Error('svgToPng: nothing rendered');
  return png;
}
