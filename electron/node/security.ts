// Security rules of the desktop shell, kept free of Electron so they are tested in Node.

/** The Content-Security-Policy of every window: our own code only, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Links a user may open in the system browser: web pages and mail, nothing that runs code. */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

/** Is a sender (an IPC frame's URL) our own renderer? `appOrigin` is the dev server or file://. */
export function isTrustedSender(senderUrl: string, appUrl: string): boolean {
  try {
    const sender = new URL(senderUrl);
    const app = new URL(appUrl);
    if (app.protocol === 'file:')
      return sender.protocol === 'file:' && sender.pathname === app.pathname;
    return sender.origin === app.origin;
  } catch {
    return false;
  }
}
