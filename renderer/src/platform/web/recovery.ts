// Recovery copies in IndexedDB (web edition). A copy belongs to the tab that wrote it: each tab
// holds a Web Lock named after it while it is open, and a copy is offered only once the lock of
// the tab that wrote it is gone (the tab closed or crashed). Reading hands such copies to the
// reading tab, so two tabs never both offer the same work.
import type { RecoveryCopy } from '../../../../shared/protocol';

const DB = 'archlab';
/** Version 1 kept one copy per document key, without an owner; version 2 keeps them per tab. */
const OLD_STORE = 'recovery';
const STORE = 'copies';
const LOCK = 'archlab-window:';

interface Stored extends RecoveryCopy {
  id: string;
  /** The tab that wrote it, or took it over; '' for a copy from before copies had owners. */
  owner: string;
}

const me = crypto.randomUUID();

function holdWindowLock() {
  // The lock is held until the tab goes; its callback's promise never settles. (No navigator: the
  // module was loaded outside a browser, by a test of code that imports the platform.)
  if (typeof navigator === 'undefined') return;
  void navigator.locks?.request(`${LOCK}${me}`, () => new Promise<void>(() => undefined));
}
holdWindowLock();

/** The tabs open now, or null where the browser cannot say (every copy is then offered). */
async function openTabs(): Promise<Set<string> | null> {
  if (!navigator.locks) return null;
  const { held = [] } = await navigator.locks.query();
  const tabs = new Set<string>();
  for (const l of held) if (l.name?.startsWith(LOCK)) tabs.add(l.name.slice(LOCK.length));
  return tabs;
}

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 2);
    req.onupgradeneeded = () => {
      const d = req.result;
      const copies = d.createObjectStore(STORE, { keyPath: 'id' });
      if (!d.objectStoreNames.contains(OLD_STORE)) return;
      // Copies written before owners existed are kept, as left by a closed tab.
      const old = req.transaction?.objectStore(OLD_STORE).getAll();
      if (!old) return;
      old.onsuccess = () => {
        for (const c of old.result as RecoveryCopy[])
          copies.put({ ...c, id: crypto.randomUUID(), owner: '' } satisfies Stored);
        d.deleteObjectStore(OLD_STORE);
      };
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
  });
}

/** Every stored copy, then `change` on them in the same transaction; resolves when it commits. */
async function update(change: (all: Stored[], store: IDBObjectStore) => void): Promise<Stored[]> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(STORE, 'readwrite');
    const store = t.objectStore(STORE);
    let all: Stored[] = [];
    const req = store.getAll();
    req.onsuccess = () => {
      all = req.result as Stored[];
      change(all, store);
    };
    t.oncomplete = () => resolve(all);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB request failed'));
  });
}

const plain = ({ key, text, savedAt }: Stored): RecoveryCopy => ({ key, text, savedAt });

export const webRecovery = {
  async write(key: string, text: string) {
    await update((all, store) => {
      const mine = all.filter((c) => c.owner === me && c.key === key);
      const id = mine[0]?.id ?? crypto.randomUUID();
      for (const c of mine.slice(1)) store.delete(c.id);
      store.put({ id, key, text, savedAt: new Date().toISOString(), owner: me } satisfies Stored);
    });
  },
  async read(): Promise<RecoveryCopy[]> {
    const open = await openTabs();
    const taken: Stored[] = [];
    await update((all, store) => {
      for (const c of all) {
        if (c.owner === me) taken.push(c);
        else if (!open || !open.has(c.owner)) {
          taken.push(c);
          store.put({ ...c, owner: me });
        }
      }
    });
    return taken.map(plain).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  },
  async clear(key: string) {
    await update((all, store) => {
      for (const c of all) if (c.owner === me && c.key === key) store.delete(c.id);
    });
  },
};
