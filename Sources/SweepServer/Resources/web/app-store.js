// The phone's own copy: stops, the catalogue and the outbox live in IndexedDB, so the app works
// with no signal. A connection the browser closes (storage pressure, an upgrade in another tab)
// is opened again on the next use instead of failing every later write.
const NAME = "sweep-field";
const VERSION = 1;
const STORES = ["meta", "plans", "catalogue", "outbox", "photos", "venues"];
let opening = null;

function open() {
  if (typeof indexedDB === "undefined" || indexedDB === null) return Promise.reject(new Error("IndexedDB is not available"));
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = () => {
        for (const name of STORES) if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
      };
      request.onsuccess = () => {
        const db = request.result;
        db.onclose = () => { opening = null; };
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      request.onerror = () => { opening = null; reject(request.error); };
      request.onblocked = () => { opening = null; reject(new Error("IndexedDB is blocked by another tab")); };
    });
  }
  return opening;
}

// Without IndexedDB (some private windows) the app still works online from memory; the page says
// plainly that nothing is kept offline.
const memory = new Map(STORES.map((name) => [name, new Map()]));
let inMemory = false;

function fromMemory(store, work) {
  const map = memory.get(store);
  const request = work({
    get: (k) => ({ result: map.get(k) }),
    put: (v, k) => { map.set(k, v); return { result: k }; },
    delete: (k) => { map.delete(k); return { result: undefined }; },
    getAll: () => ({ result: [...map.values()] }),
    clear: () => { map.clear(); return { result: undefined }; },
  });
  return Promise.resolve(request ? request.result : undefined);
}

async function run(store, mode, work) {
  if (inMemory) return fromMemory(store, work);
  for (let attempt = 0; ; attempt++) {
    let db;
    try {
      db = await open();
    } catch (error) {
      // Only a browser without IndexedDB works from memory; a failing database is an error to show.
      if (typeof indexedDB === "undefined" || indexedDB === null) { inMemory = true; return fromMemory(store, work); }
      throw error;
    }
    try {
      return await new Promise((resolve, reject) => {
        const transaction = db.transaction(store, mode);
        const request = work(transaction.objectStore(store));
        transaction.oncomplete = () => resolve(request ? request.result : undefined);
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error || new Error("transaction aborted"));
      });
    } catch (error) {
      // A connection closed under us: forget it and open a new one, once.
      if (attempt === 0 && error && error.name === "InvalidStateError") { opening = null; continue; }
      throw error;
    }
  }
}

export const get = (store, key) => run(store, "readonly", (s) => s.get(key));
export const put = (store, key, value) => run(store, "readwrite", (s) => s.put(value, key));
export const remove = (store, key) => run(store, "readwrite", (s) => s.delete(key));
export const all = (store) => run(store, "readonly", (s) => s.getAll());
export const clear = (store) => run(store, "readwrite", (s) => s.clear());

/** Whether this browser keeps anything offline at all (private windows may refuse IndexedDB). */
export async function available() {
  try {
    await put("meta", "probe", Date.now());
  } catch {
    inMemory = true;
  }
  return !inMemory;
}

/** Closes the connection as the browser may do on its own (the tests use it to check reopening). */
export async function closeForTest() {
  const db = await open();
  db.close();
}

/** Asks the browser not to evict the outbox under storage pressure. */
export async function persist() {
  try {
    if (navigator.storage && navigator.storage.persist) return await navigator.storage.persist();
  } catch { /* not granted: the data stays, only without the promise */ }
  return false;
}
