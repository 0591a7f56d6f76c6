/** The browser's IndexedDB database of the app: one store per kind of record. */
const DATABASE_NAME = "relais";
// Version 2 added the channel states (each version only adds stores: upgrades keep the keys).
const DATABASE_VERSION = 2;

/** The object stores: keyed by hub URL (keys, heads) or by hub, device and channel (states). */
export type StoreName = "deviceKeys" | "logHeads" | "channelStates";

/** The storage failed or is missing (private mode, a disabled browser feature). */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
  /** Stable identifier, shown translated by the app. */
  readonly code = "storage_unavailable";
}

let opening: Promise<IDBDatabase> | null = null;

function openDatabase(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new StorageUnavailableError("IndexedDB is not available"));
      return;
    }
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => {
      const database = request.result;
      for (const name of ["deviceKeys", "logHeads", "channelStates"] satisfies StoreName[]) {
        if (!database.objectStoreNames.contains(name)) database.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () =>
      reject(new StorageUnavailableError("IndexedDB refused to open", { cause: request.error }));
  }).catch((error: unknown) => {
    // A later call may succeed (e.g. after the user allows storage): do not cache the failure.
    opening = null;
    throw error;
  });
  return opening;
}

/** Reads one record; undefined when there is none. */
export async function idbGet(store: StoreName, key: string): Promise<unknown> {
  const database = await openDatabase();
  return new Promise((resolve, reject) => {
    const request = database.transaction(store, "readonly").objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () =>
      reject(new StorageUnavailableError(`cannot read ${store}`, { cause: request.error }));
  });
}

/** Writes one record; resolves once the transaction has committed. */
export async function idbPut(store: StoreName, key: string, value: unknown): Promise<void> {
  const database = await openDatabase();
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(store, "readwrite");
    transaction.objectStore(store).put(value, key);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () =>
      reject(new StorageUnavailableError(`cannot write ${store}`, { cause: transaction.error }));
    transaction.onabort = () =>
      reject(new StorageUnavailableError(`cannot write ${store}`, { cause: transaction.error }));
  });
}
