// Loaded with `node --import` into Electron's own installer (node_modules/electron/install.js)
// by scripts/electronBinary.mjs. It only observes: it reports the host a download could not reach
// (undici's diagnostics channel) and the first line of each error the installer prints, as JSON
// lines on the file descriptor named by ARCHLAB_INSTALLER_REPORT_FD. The installer's own output
// and behaviour are unchanged.
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';

const fd = Number(process.env.ARCHLAB_INSTALLER_REPORT_FD);

function report(entry) {
  if (!Number.isInteger(fd) || fd < 3) return;
  try {
    fs.writeSync(fd, JSON.stringify(entry) + '\n');
  } catch {
    // The parent stopped listening; the installer goes on regardless.
  }
}

diagnostics.subscribe('undici:client:connectError', (message) => {
  const params = message && message.connectParams;
  const error = message && message.error;
  report({
    kind: 'unreachable',
    host: params ? String(params.host) : 'the download host',
    code: error && error.code ? String(error.code) : String(error && error.message),
  });
});

const consoleError = console.error;
console.error = function (...args) {
  const first = args.length > 0 ? String(args[0]) : '';
  report({ kind: 'error', line: first.split('\n')[0] });
  return consoleError.apply(this, args);
};
