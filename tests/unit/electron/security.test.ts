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
    ['http://example.com/', false],
    ['mailto:team@example.com', true],
    ['mailto:a@example.com,b@example.com?subject=Drill&body=See%20the%20report', true],
    ['mailto:team@example.com?attach=/home/me/.ssh/id_rsa', false],
    ['mailto:team@example.com?Attachment=C:%5Csecret', false],
    ['mailto:?to=team@example.com', false],
    ['mailto:team@example.com?cc=x@evil.example%3Fattach%3D/etc/passwd', false],
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

  it('checks the file:// host and credentials, not only the path', () => {
    const page = new URL(app).pathname;
    // On Windows file://host/… is a UNC share: another machine's file of the same name.
    expect(isTrustedSender(`file://evilhost${page}`, app)).toBe(false);
    expect(isTrustedSender(`file://user:pw@${page}`, app)).toBe(false);
    expect(isTrustedSender(`${app}?x=1#y`, app)).toBe(true);
    expect(isTrustedSender('http://user@localhost:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSender('file:///x', 'data:text/html,x')).toBe(false);
    expect(isTrustedSender('not a url', app)).toBe(false);
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
