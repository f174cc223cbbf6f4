// Validation of every IPC call before main acts on it: the sender must be our renderer, and the
// arguments must match the channel's schema in shared/protocol.ts. Handlers are typed from those
// schemas, so a handler cannot drift from the protocol without the compiler saying so.
import type { z } from 'zod';
import { ipcChannels, problemsOf, type IpcChannel } from '../../shared/protocol';
import { MAX_DOCUMENT_BYTES } from './fileStore';
import { isTrustedSender } from './security';

export class IpcRejected extends Error {}

/** A channel's arguments, as its zod tuple parses them. */
export type IpcArgs<C extends IpcChannel> = z.output<(typeof ipcChannels)[C]['args']>;

/** What main needs of an IPC event: the frame that sent it (null once that frame is gone). */
export interface SenderEvent {
  senderFrame?: { url: string } | null;
}

export type IpcHandler<E, C extends IpcChannel> = (event: E, args: IpcArgs<C>) => unknown;
/** One handler for every channel of the protocol; a missing one does not compile. */
export type IpcHandlers<E> = { [C in IpcChannel]: IpcHandler<E, C> };

/** The part of Electron's ipcMain the registration uses. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

export function checkInvoke<C extends IpcChannel>(
  channel: C,
  senderUrl: string | undefined,
  appUrl: string,
  args: unknown[],
): IpcArgs<C> {
  if (!senderUrl || !isTrustedSender(senderUrl, appUrl)) {
    throw new IpcRejected(
      `${channel}: refused a call from an untrusted sender (${senderUrl ?? 'none'})`,
    );
  }
  const parsed = ipcChannels[channel].args.safeParse(args);
  if (!parsed.success) {
    const detail = problemsOf(parsed.error)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    throw new IpcRejected(`${channel}: bad arguments (${detail})`);
  }
  // The schema of channel C parsed them; TypeScript cannot follow a generic index into the table.
  return parsed.data as IpcArgs<C>;
}

/** Register every channel's handler behind the sender and argument checks. */
export function registerIpcHandlers<E extends SenderEvent>(
  ipc: IpcMainLike<E>,
  appUrl: string,
  handlers: IpcHandlers<E>,
): void {
  for (const channel of Object.keys(ipcChannels) as IpcChannel[])
    bind(ipc, appUrl, channel, handlers[channel]);
}

function bind<E extends SenderEvent, C extends IpcChannel>(
  ipc: IpcMainLike<E>,
  appUrl: string,
  channel: C,
  handler: IpcHandler<E, C>,
): void {
  ipc.handle(channel, (event, ...raw) =>
    handler(event, checkInvoke(channel, event.senderFrame?.url, appUrl, raw)),
  );
}

/** Document text to save or keep: at most what the app opens (50 MiB of UTF-8), so a saved file
 * can always be reopened and a renderer cannot fill the disk through main. */
export function checkDocumentText(channel: IpcChannel, text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new IpcRejected(
      `${channel}: refused ${bytes} bytes; a document is at most ${MAX_DOCUMENT_BYTES} bytes`,
    );
  }
  return text;
}
