// Recovery copies in IndexedDB (web edition), one per document key.
import type { RecoveryCopy } from '../../../../shared/protocol';

const DB = 'archlab';
const STORE = 'recovery';

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
  });
}

async function tx<T>(
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const req = fn(d.transaction(STORE, mode).objectStore(STORE));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export const webRecovery = {
  async write(key: string, text: string) {
    const copy: RecoveryCopy = { key, text, savedAt: new Date().toISOString() };
    await tx('readwrite', (s) => s.put(copy));
  },
  async read(): Promise<RecoveryCopy[]> {
    const all = await tx<RecoveryCopy[]>(
      'readonly',
      (s) => s.getAll() as IDBRequest<RecoveryCopy[]>,
    );
    return all.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  },
  async clear(key: string) {
    await tx('readwrite', (s) => s.delete(key));
  },
};
