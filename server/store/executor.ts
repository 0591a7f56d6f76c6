import type { Db } from "./database";

/** A transaction of {@link Db}. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The database or a transaction in progress: store functions accept either. */
export type Executor = Db | Tx;
