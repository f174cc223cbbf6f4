// Packaging cannot run offline, so the electron-builder config is checked against
// electron-builder's own configuration validation instead.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled?: boolean) => unknown;
};

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be rejected if it were wrong (the check has teeth)', async () => {
    await expect(
      validateConfiguration({ ...config, asar: 'maybe' }, new DebugLogger(false)),
    ).rejects.toThrow(/asar/);
    await expect(
      validateConfiguration({ ...config, mac: { notAKey: 1 } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.mac/);
  });

  it('builds AppImage and deb, dmg and nsis, and associates .archlab.json', () => {
    expect(config['linux']).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config['mac']).toMatchObject({ target: 'dmg' });
    expect(config['win']).toMatchObject({ target: 'nsis' });
    expect(config['fileAssociations']).toEqual([expect.objectContaining({ ext: 'archlab.json' })]);
  });

  it("flips Electron's security fuses in the packaged binary", () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config['asar']).toBe(true);
  });

  it('points at icons that exist', () => {
    for (const platform of ['linux', 'mac', 'win'] as const) {
      const icon = (config[platform] as { icon: string }).icon;
      expect(existsSync(icon), icon).toBe(true);
    }
  });
});
