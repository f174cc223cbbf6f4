// Validation of every IPC call before main acts on it: the sender must be our renderer, and the
// arguments must match the channel's schema in shared/protocol.ts.
import { ipcChannels, problemsOf, type IpcChannel } from '../../shared/protocol';
import { isTrustedSender } from './security';

export class IpcRejected extends Error {}

export function checkInvoke<C extends IpcChannel>(
  channel: C,
  senderUrl: string | undefined,
  appUrl: string,
  args: unknown[],
) {
  if (!senderUrl || !isTrustedSender(senderUrl, appUrl)) {
    throw new IpcRejected(
      `${channel}: refused a call from an untrusted sender (${senderUrl ?? 'none'})`,
    );
  }
  const schema = ipcChannels[channel].args;
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const detail = problemsOf(parsed.error)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    throw new IpcRejected(`${channel}: bad arguments (${detail})`);
  }
  return parsed.data;
}
