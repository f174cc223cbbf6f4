import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../electron/node/security';
import { checkInvoke, IpcRejected } from '../../../electron/node/ipc';

describe('external links', () => {
  it.each([
    ['https://kubernetes.io/docs/concepts/', true],
    ['http://example.com/', true],
    ['mailto:team@example.com', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://user:pw@example.com/', false],
    ['smb://host/share', false],
    ['not a url', false],
  ])('%s → %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
  });
});

describe('IPC senders and payloads', () => {
  const app = 'file:///opt/ArchLab/resources/app.asar/out/renderer/index.html';
  it('trusts only our own renderer page', () => {
    expect(isTrustedSender(app, app)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', app)).toBe(false);
    expect(isTrustedSender('https://evil.example/', app)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(
      true,
    );
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('refuses a call from another sender, naming the channel', () => {
    expect(() => checkInvoke('app:info', 'https://evil.example/', app, [])).toThrow(
      /app:info: refused/,
    );
  });

  it('refuses bad arguments with the path of the problem', () => {
    expect(() => checkInvoke('shell:openExternal', app, app, [42])).toThrow(IpcRejected);
    expect(() => checkInvoke('file:save', app, app, [{ text: 5 }])).toThrow(/\[0\]\.text/);
    expect(checkInvoke('file:save', app, app, [{ text: '{}' }])).toEqual([{ text: '{}' }]);
  });

  it('has a strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
