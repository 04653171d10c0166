// Journal writes that must survive a dropped school Wi-Fi: each is stored in the browser
// (IndexedDB) before it is sent, sent in the order it was typed, and removed only once the
// server has it. A mark carries its own client id, so sending it twice is harmless (the server
// returns the mark it already saved). A write the server refuses when it finally arrives (the
// lesson was cancelled meanwhile, the student left, the deadline passed) stays with the reason
// until the teacher has seen it: nothing is dropped silently.

export interface OutboxWrite {
  clientId: string;
  journalId: number;
  lessonId: number;
  studentId: number;
  /** A mark's value, or «н», «оп», «-» for attendance. */
  text: string;
  kind: 'mark' | 'attendance';
  value?: string;
  workTypeId?: number;
  attendance?: 'absent' | 'late' | 'present';
  /** When it was typed (ms), which is also the order of sending. */
  at: number;
  state: 'pending' | 'refused';
  message?: string;
}

const kDatabase = 'ejournal';
const kStore = 'outbox';

// Without IndexedDB (some private modes) the writes live as long as the page.
const memory = new Map<string, OutboxWrite>();
let database: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (database) return database;
  database = new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const req = indexedDB.open(kDatabase, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore(kStore, { keyPath: 'clientId' });
      store.createIndex('journal', 'journalId');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  return database;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(mode: IDBTransactionMode): Promise<IDBObjectStore | null> {
  const db = await open();
  return db ? db.transaction(kStore, mode).objectStore(kStore) : null;
}

/** Keeps a write; resolves once it is stored. */
export async function put(write: OutboxWrite): Promise<void> {
  const s = await store('readwrite');
  if (!s) {
    memory.set(write.clientId, write);
    return;
  }
  await done(s.put(write));
}

/** The writes of a journal, oldest first. */
export async function of(journalId: number): Promise<OutboxWrite[]> {
  const s = await store('readonly');
  const all = s ? await done(s.index('journal').getAll(journalId)) : [...memory.values()].filter((w) => w.journalId === journalId);
  return (all as OutboxWrite[]).sort((a, b) => a.at - b.at);
}

export async function remove(clientId: string): Promise<void> {
  const s = await store('readwrite');
  if (!s) {
    memory.delete(clientId);
    return;
  }
  await done(s.delete(clientId));
}
