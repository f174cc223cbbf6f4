import { describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, chromiumLaunchOptions, sandboxAllowed } from '../../../electron/node/pdf';

describe("the CLI's Chromium launch", () => {
  it('keeps the sandbox on except as root on Linux, where Chromium refuses it', () => {
    expect(sandboxAllowed('linux', 1000)).toBe(true);
    expect(sandboxAllowed('darwin', 0)).toBe(true);
    expect(sandboxAllowed('win32', undefined)).toBe(true);
    expect(sandboxAllowed('linux', 0)).toBe(false);
  });

  it('asks for no --no-sandbox itself and turns JavaScript off', () => {
    expect(CHROMIUM_FLAGS).not.toContain('--no-sandbox');
    const options = chromiumLaunchOptions('/usr/bin/chromium', 2);
    expect(options).toMatchObject({ javaScriptEnabled: false, offline: true, headless: true });
    expect(options.chromiumSandbox).toBe(sandboxAllowed());
  });
});
