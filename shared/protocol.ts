// Every message between renderer, host and engine, as zod schemas (STYLE.md habit 1).
// Two layers:
//  - Engine messages: what a host (worker thread, Web Worker, CLI) accepts and sends back.
//  - IPC channels: what the Electron preload exposes as `window.archlab`, one function each.
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

// ---- Engine messages (renderer → host) ----

export const RunOptions = z.object({
  scenario: z.string().max(200).optional().describe('Scenario name; the first one when absent'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  durationS: z
    .number()
    .gt(0)
    .max(86_400 * 7)
    .optional(),
  mode: z.enum(['batch', 'live']).default('batch'),
  /** Live mode: simulated seconds per wall second; 0 = as fast as possible. */
  speed: z.number().min(0).max(1000).default(1),
});
export type RunOptions = z.infer<typeof RunOptions>;

/** A command a user gives a live run (kill a pod, cut a link, …). Recorded into the timeline. */
export const LiveCommand = z.object({
  action: z.string().min(1).max(64),
  target: z.string().max(200).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  forS: z.number().min(0).optional(),
});
export type LiveCommand = z.infer<typeof LiveCommand>;

const runId = z.string().min(1).max(64);

export const ToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), id: z.number().int() }),
  z.object({
    type: z.literal('run.start'),
    runId,
    document: z.unknown().describe('An archlab document; validated by the engine'),
    options: RunOptions.prefault({}),
  }),
  z.object({ type: z.literal('run.pause'), runId }),
  z.object({ type: z.literal('run.resume'), runId }),
  z.object({ type: z.literal('run.stop'), runId }),
  z.object({ type: z.literal('run.speed'), runId, speed: z.number().min(0).max(1000) }),
  z.object({ type: z.literal('run.command'), runId, command: LiveCommand }),
]);
export type ToHost = z.infer<typeof ToHost>;
export type ToHostInput = z.input<typeof ToHost>;

// ---- Engine messages (host → renderer) ----

export const ErrorCode = {
  badMessage: 'E_BAD_MESSAGE',
  badDocument: 'E_BAD_DOCUMENT',
  unknownRun: 'E_UNKNOWN_RUN',
  /** A live command the run cannot apply; the run goes on. */
  badCommand: 'E_BAD_COMMAND',
  runFailed: 'E_RUN_FAILED',
  memoryBudget: 'E_MEMORY_BUDGET',
  /** The desktop host replaced an engine worker that stopped answering or exited. */
  engineRestarted: 'E_ENGINE_RESTARTED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface Problem {
  /** Where: a JSON path such as `nodes[3].props.replicas`, or a node or edge id. */
  path: string;
  message: string;
}

export type FromHost =
  | { type: 'pong'; id: number; protocol: number; engine: string }
  | { type: 'run.started'; runId: string; durationS: number; scenario: string; seed: number }
  | { type: 'run.progress'; runId: string; tS: number; fraction: number; paused: boolean }
  | { type: 'run.chunk'; runId: string; chunk: unknown }
  | { type: 'run.done'; runId: string; result: unknown; stopped: boolean }
  | {
      type: 'error';
      code: ErrorCode;
      message: string;
      runId?: string;
      problems?: Problem[];
    };

/** Turn zod issues into problems with JSON paths like `nodes[3].props.replicas`. */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(document)' : out;
}

/** Validate an incoming host message; a malformed one becomes a typed error, never a throw. */
export function parseToHost(
  raw: unknown,
): { ok: true; msg: ToHost } | { ok: false; error: FromHost } {
  const r = ToHost.safeParse(raw);
  if (r.success) return { ok: true, msg: r.data };
  const problems = problemsOf(r.error);
  const runIdValue =
    typeof raw === 'object' &&
    raw !== null &&
    typeof (raw as { runId?: unknown }).runId === 'string'
      ? (raw as { runId: string }).runId
      : undefined;
  return {
    ok: false,
    error: {
      type: 'error',
      code: ErrorCode.badMessage,
      message: `Malformed message: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
      ...(runIdValue === undefined ? {} : { runId: runIdValue }),
    },
  };
}

// ---- IPC channels (Electron renderer ↔ main) ----

/** The longest document text the renderer may send to save or keep as a recovery copy (the
 * largest document the app opens, 50 MiB; main also checks the UTF-8 size). */
export const MAX_DOCUMENT_TEXT = 50 * 1024 * 1024;
const documentText = z.string().max(MAX_DOCUMENT_TEXT);
// Each channel: the argument schema main validates, and what it answers. The preload exposes one
// function per invoke channel; main-to-renderer events are listed in `ipcEvents`.

export const ipcChannels = {
  'app:info': { args: z.tuple([]) },
  'engine:send': { args: z.tuple([z.unknown()]) },
  'shell:openExternal': { args: z.tuple([z.string().url().max(2048)]) },
  'window:setTitle': { args: z.tuple([z.string().max(300)]) },
  /** The renderer's answer to `app:closeRequest`: no unsaved changes are lost, close now. */
  'window:confirmClose': { args: z.tuple([]) },
  'file:open': { args: z.tuple([]) },
  'file:openPath': { args: z.tuple([z.string().min(1).max(4096)]) },
  /** Pick Kubernetes / Compose YAML files to import; their texts, or null on cancel. */
  'file:import': { args: z.tuple([]) },
  'file:save': {
    args: z.tuple([z.object({ path: z.string().max(4096).optional(), text: documentText })]),
  },
  'file:saveAs': {
    args: z.tuple([z.object({ suggestedName: z.string().max(255), text: documentText })]),
  },
  'file:recent': { args: z.tuple([]) },
  /** Save an export (PNG, SVG, PDF, Mermaid, draw.io, HTML) where the user picks; base64 bytes. */
  'file:export': {
    args: z.tuple([
      z.object({
        suggestedName: z.string().min(1).max(255),
        base64: z.string().max(400_000_000),
        filterName: z.string().max(100),
        extensions: z
          .array(z.string().regex(/^[a-z0-9.]{1,16}$/))
          .min(1)
          .max(4),
      }),
    ]),
  },
  /** Print self-contained HTML (no script, no network) to PDF with Chromium's printToPDF. */
  'export:pdf': {
    args: z.tuple([
      z.object({
        html: z.string().max(100_000_000),
        landscape: z.boolean(),
      }),
    ]),
  },
  'recovery:write': {
    args: z.tuple([z.object({ key: z.string().max(4096), text: documentText })]),
  },
  'recovery:read': { args: z.tuple([]) },
  'recovery:clear': { args: z.tuple([z.string().max(4096)]) },
} as const;
export type IpcChannel = keyof typeof ipcChannels;
/** What the renderer passes on a channel, as its zod tuple accepts it. */
export type IpcArgsInput<C extends IpcChannel> = z.input<(typeof ipcChannels)[C]['args']>;

export const ipcEvents = [
  'engine:message',
  'menu:command',
  'app:openFile',
  /** The user asked to close the window: the renderer asks about unsaved changes first. */
  'app:closeRequest',
] as const;
export type IpcEvent = (typeof ipcEvents)[number];

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  versions: Record<string, string>;
}

export interface OpenedFile {
  path: string;
  name: string;
  text: string;
}
export interface RecoveryCopy {
  key: string;
  text: string;
  savedAt: string;
}

/** What the preload exposes on `window.archlab` (desktop edition only). */
export interface ArchlabBridge {
  info(): Promise<AppInfo>;
  engineSend(message: ToHostInput): Promise<void>;
  openExternal(url: string): Promise<boolean>;
  setTitle(title: string): Promise<void>;
  confirmClose(): Promise<void>;
  openFile(): Promise<OpenedFile | null>;
  openPath(path: string): Promise<OpenedFile>;
  importFiles(): Promise<OpenedFile[] | null>;
  saveFile(req: { path?: string; text: string }): Promise<{ path: string } | null>;
  saveFileAs(req: { suggestedName: string; text: string }): Promise<{ path: string } | null>;
  recentFiles(): Promise<string[]>;
  exportFile(req: {
    suggestedName: string;
    base64: string;
    filterName: string;
    extensions: string[];
  }): Promise<{ path: string } | null>;
  /** The PDF bytes (base64) of the given HTML. */
  printToPdf(req: { html: string; landscape: boolean }): Promise<string>;
  writeRecovery(req: { key: string; text: string }): Promise<void>;
  readRecovery(): Promise<RecoveryCopy[]>;
  clearRecovery(key: string): Promise<void>;
  on(event: IpcEvent, listener: (payload: unknown) => void): () => void;
}
