// The web edition's recent files across reloads: the browser's file handles kept in IndexedDB (a
// FileSystemFileHandle can be stored there, unlike in localStorage), keyed by the recent list's
// path. After a reload the browser asks the user again before the page may read the file.
const DB_NAME = 'archlab-files';
const STORE = 'handles';

let opened: Promise<IDBDatabase | null> | null = null;

function db(): Promise<IDBDatabase | null> {
  opened ??= new Promise((resolve) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null); // No IndexedDB (private mode in some browsers): this tab only.
    }
  });
  return opened;
}

function run<T>(
  mode: IDBTransactionMode,
  act: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  return db().then(
    (d) =>
      new Promise((resolve) => {
        if (d === null) return resolve(undefined);
        try {
          const req = act(d.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve(undefined);
        } catch {
          resolve(undefined); // A handle the browser cannot store: this tab only.
        }
      }),
  );
}

export const storeHandle = (key: string, handle: unknown) =>
  run('readwrite', (s) => s.put(handle, key)).then(() => undefined);

export const loadHandle = <H>(key: string) => run('readonly', (s) => s.get(key) as IDBRequest<H>);

export const storedKeys = async (): Promise<Set<string>> =>
  new Set(((await run('readonly', (s) => s.getAllKeys())) ?? []).map(String));

export const dropHandle = (key: string) =>
  run('readwrite', (s) => s.delete(key)).then(() => undefined);
