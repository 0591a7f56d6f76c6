/** The browser's IndexedDB database of the app: one store per kind of record. */
const DATABASE_NAME = "relais";
// Version 2 added the channel states, version 3 the MLA drafts (each version only adds stores:
// upgrades keep the keys).
const DATABASE_VERSION = 3;

/**
 * The object stores: keyed by hub URL (keys, heads), by hub, device and channel (states) or by
 * hub and device (sealed MLA drafts).
 */
export type StoreName = "deviceKeys" | "logHeads" | "channelStates" | "mlaDrafts";

/**
 * The storage failed or is missing (private mode, a disabled browser feature), or another tab
 * keeps an older version of the database open and so blocks its upgrade (`storage_blocked`).
 */
export class StorageUnavailableError extends Error {
  override readonly name = "StorageUnavailableError";
  /** Stable identifier, shown translated by the app. */
  readonly code: "storage_unavailable" | "storage_blocked";

  constructor(
    message: string,
    options: ErrorOptions & { code?: "storage_unavailable" | "storage_blocked" } = {},
  ) {
    super(message, options);
    this.code = options.code ?? "storage_unavailable";
  }
}

let opening: Promise<IDBDatabase> | null = null;
/**
 * Set while an open request waits for another tab to let the upgrade through: requests made
 * meanwhile would only queue behind it, so they fail at once, as it did.
 */
let upgradeBlocked = false;

function blockedError(): StorageUnavailableError {
  return new StorageUnavailableError("another tab keeps an older version of the database open", {
    code: "storage_blocked",
  });
}

function openDatabase(): Promise<IDBDatabase> {
  if (upgradeBlocked) return Promise.reject(blockedError());
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === "undefined") {
      reject(new StorageUnavailableError("IndexedDB is not available"));
      return;
    }
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    // A blocked upgrade fails now (the person is told to close the other tabs) and goes on
    // waiting: once the other tabs let it through, its connection serves the next calls.
    let blocked = false;
    request.onblocked = () => {
      blocked = true;
      upgradeBlocked = true;
      reject(blockedError());
    };
    request.onupgradeneeded = () => {
      const database = request.result;
      const names = ["deviceKeys", "logHeads", "channelStates", "mlaDrafts"] satisfies StoreName[];
      for (const name of names) {
        if (!database.objectStoreNames.contains(name)) database.createObjectStore(name);
      }
    };
    request.onsuccess = () => {
      const database = request.result;
      // A tab running a newer version of the app upgrades the database: this tab closes its
      // connection rather than block the upgrade, and opens the database again when next asked.
      database.onversionchange = () => {
        database.close();
        opening = null;
      };
      if (blocked) {
        upgradeBlocked = false;
        opening = Promise.resolve(database);
      }
      resolve(database);
    };
    request.onerror = () => {
      upgradeBlocked = false;
      reject(new StorageUnavailableError("IndexedDB refused to open", { cause: request.error }));
    };
  }).catch((error: unknown) => {
    // A later call may succeed (e.g. after the user allows storage): do not cache the failure.
    opening = null;
    throw error;
  });
  return opening;
}

/** A transaction on one store; a connection closed meanwhile is a storage failure too. */
async function transactionOn(store: StoreName, mode: IDBTransactionMode): Promise<IDBTransaction> {
  const database = await openDatabase();
  try {
    return database.transaction(store, mode);
  } catch (cause) {
    throw new StorageUnavailableError(`cannot use ${store}`, { cause });
  }
}

/** Resolves once `transaction` has committed; rejects, saying what failed, if it does not. */
function committed(transaction: IDBTransaction, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () =>
      reject(new StorageUnavailableError(what, { cause: transaction.error }));
    transaction.onabort = () =>
      reject(new StorageUnavailableError(what, { cause: transaction.error }));
  });
}

/** Reads one record; undefined when there is none. */
export async function idbGet(store: StoreName, key: string): Promise<unknown> {
  const transaction = await transactionOn(store, "readonly");
  return new Promise((resolve, reject) => {
    const request = transaction.objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () =>
      reject(new StorageUnavailableError(`cannot read ${store}`, { cause: request.error }));
  });
}

/** Writes one record; resolves once the transaction has committed. */
export async function idbPut(store: StoreName, key: string, value: unknown): Promise<void> {
  const transaction = await transactionOn(store, "readwrite");
  const done = committed(transaction, `cannot write ${store}`);
  transaction.objectStore(store).put(value, key);
  return done;
}

/** Deletes one record (there may be none); resolves once the transaction has committed. */
export async function idbDelete(store: StoreName, key: string): Promise<void> {
  const transaction = await transactionOn(store, "readwrite");
  const done = committed(transaction, `cannot delete from ${store}`);
  transaction.objectStore(store).delete(key);
  return done;
}
