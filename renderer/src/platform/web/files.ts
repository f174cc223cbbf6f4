// Files in the browser: the File System Access API where the browser has it, a file input and a
// download otherwise. Opened and saved files' handles are kept (handleStore.ts), so the recent
// list survives a reload.
import type { OpenedFile } from '../../../../shared/protocol';
import { PNG_KEYWORD, isPng, pngText } from '../../../../shared/io/png';
import { dropHandle, loadHandle, storeHandle, storedKeys } from './handleStore';

type Permission = 'granted' | 'denied' | 'prompt';
interface FileHandle {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
  queryPermission?(o: { mode: 'readwrite' }): Promise<Permission>;
  requestPermission?(o: { mode: 'readwrite' }): Promise<Permission>;
}
interface FsWindow {
  showOpenFilePicker?: (o: unknown) => Promise<FileHandle[]>;
  showSaveFilePicker?: (o: unknown) => Promise<FileHandle>;
}

const types = [{ description: 'ArchLab document', accept: { 'application/json': ['.json'] } }];
const openTypes = [
  {
    description: 'ArchLab document or exported picture',
    accept: { 'application/json': ['.json'], 'image/svg+xml': ['.svg'], 'image/png': ['.png'] },
  },
];

/** A file's text; an exported PNG gives the document in its tEXt chunk (or "" without one). */
async function textOf(file: File): Promise<string> {
  if (!/\.png$/i.test(file.name)) return file.text();
  const bytes = new Uint8Array(await file.arrayBuffer());
  return isPng(bytes) ? (pngText(bytes, PNG_KEYWORD) ?? '') : '';
}
const handles = new Map<string, FileHandle>();
let counter = 0;
const session = Math.random().toString(36).slice(2, 8);
const RECENT_KEY = 'archlab.recent';

function remember(handle: FileHandle): string {
  const key = `web:${session}:${++counter}:${handle.name}`;
  handles.set(key, handle);
  noteRecent(key, handle.name);
  void storeHandle(key, handle);
  return key;
}

type RecentEntry = { path: string; name: string };

function readRecent(): RecentEntry[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(v) ? (v as RecentEntry[]).filter((e) => typeof e?.path === 'string') : [];
  } catch {
    return [];
  }
}

function noteRecent(path: string, name: string) {
  const before = readRecent();
  const list = [{ path, name }, ...before.filter((e) => e.name !== name)].slice(0, 10);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Private mode: no recent list.
  }
  // Handles that fell off the list go too.
  const kept = new Set(list.map((e) => e.path));
  for (const e of before) if (!kept.has(e.path)) void dropHandle(e.path);
}

/**
 * Recent files whose handles this page holds or kept from an earlier visit (a browser cannot
 * reopen a file by its name alone).
 */
export async function recentFiles(): Promise<RecentEntry[]> {
  const stored = await storedKeys();
  return readRecent().filter((e) => handles.has(e.path) || stored.has(e.path));
}

export async function openRecent(path: string): Promise<OpenedFile> {
  const handle = handles.get(path) ?? (await loadHandle<FileHandle>(path));
  if (!handle) throw new Error('this file is no longer available; open it again');
  // After a reload the browser asks again before the page may read (and save) the file.
  if (
    handle.queryPermission &&
    (await handle.queryPermission({ mode: 'readwrite' })) !== 'granted'
  ) {
    const answer = await handle.requestPermission?.({ mode: 'readwrite' });
    if (answer !== 'granted')
      throw new Error(`the browser did not allow ArchLab to open ${handle.name} again`);
  }
  handles.set(path, handle);
  const file = await handle.getFile();
  noteRecent(path, handle.name);
  return { path, name: handle.name, text: await textOf(file) };
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

export async function openFile(): Promise<OpenedFile | null> {
  const w = window as unknown as FsWindow;
  if (w.showOpenFilePicker) {
    try {
      const [handle] = await w.showOpenFilePicker({ types: openTypes, multiple: false });
      if (!handle) return null;
      const file = await handle.getFile();
      return { path: remember(handle), name: handle.name, text: await textOf(file) };
    } catch (e) {
      if (isAbort(e)) return null;
      throw e;
    }
  }
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,application/json,.svg,image/svg+xml,.png,image/png';
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      textOf(file).then((text) => resolve({ path: '', name: file.name, text }), reject);
    };
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function saveFile(text: string, current: { path?: string | undefined; name: string }) {
  const handle = current.path ? handles.get(current.path) : undefined;
  if (!handle) return saveFileAs(text, current.name);
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
  return { path: current.path ?? '', name: handle.name };
}

export async function saveFileAs(text: string, suggestedName: string) {
  const w = window as unknown as FsWindow;
  if (w.showSaveFilePicker) {
    try {
      const handle = await w.showSaveFilePicker({ suggestedName, types });
      const writable = await handle.createWritable();
      await writable.write(text);
      await writable.close();
      return { path: remember(handle), name: handle.name };
    } catch (e) {
      if (isAbort(e)) return null;
      throw e;
    }
  }
  download(text, suggestedName);
  return { path: '', name: suggestedName };
}
