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

/** Query fields a mailto: link may carry; anything else (attach, attachment, …) is refused. */
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc']);
const MAIL_ADDRESS = /^[^\s@,;:<>()[\]\\"]+@[a-z0-9.-]+$/i;

/**
 * The link as it may be handed to the system (shell.openExternal), or null: an https page with a
 * host and no credentials, or a mailto: to plain addresses with at most a subject, body and cc.
 * Plain http is refused (the lab links only to https pages), as is every other scheme.
 */
export function safeExternalUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return isPlainMailto(url) ? url : null;
  if (url.protocol !== 'https:') return null;
  if (url.username || url.password || url.hostname.length === 0) return null;
  return url;
}

function isPlainMailto(url: URL): boolean {
  const to = decodeURIComponent(url.pathname).split(',');
  if (!to.every((a) => MAIL_ADDRESS.test(a.trim()))) return false;
  for (const [key, value] of url.searchParams) {
    if (!MAILTO_FIELDS.has(key.toLowerCase())) return false;
    if (key.toLowerCase() === 'cc' && !value.split(',').every((a) => MAIL_ADDRESS.test(a.trim())))
      return false;
  }
  return true;
}

export function isSafeExternalUrl(raw: string): boolean {
  return safeExternalUrl(raw) !== null;
}

/**
 * Is a sender (an IPC frame's URL) our own renderer? The packaged app is a file:// page with no
 * host: the sender must be that very file, on no host (`file://evilhost/…` is a UNC share on
 * Windows), with no credentials. The dev server (http://localhost:5173) is matched by origin.
 */
export function isTrustedSender(senderUrl: string, appUrl: string): boolean {
  let sender: URL;
  let app: URL;
  try {
    sender = new URL(senderUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (sender.username || sender.password) return false;
  if (app.protocol === 'file:') {
    return (
      sender.protocol === 'file:' &&
      sender.host === '' &&
      app.host === '' &&
      sender.pathname === app.pathname
    );
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return sender.protocol === app.protocol && sender.host === app.host;
}

/** Permissions a window may have: the clipboard, for copy/paste of components between windows. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-read', 'clipboard-sanitized-write']);

/** The answer to a permission request or check from a page at `url`. */
export function allowPermission(permission: string, url: string | undefined, appUrl: string) {
  return ALLOWED_PERMISSIONS.has(permission) && url !== undefined && isTrustedSender(url, appUrl);
}
