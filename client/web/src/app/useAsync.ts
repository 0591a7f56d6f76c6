import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "./errors.ts";

/** An action started by the user: whether it runs, and the translated error of its last run. */
export interface Action {
  busy: boolean;
  error: string | null;
  /** Runs `work` unless already running; a failure becomes {@link error}, never a throw. */
  run(work: () => Promise<void>): Promise<void>;
}

/** An action whose last error is kept as it was thrown, for screens that explain it themselves. */
export interface RawAction {
  busy: boolean;
  error: unknown;
  /** Runs `work` unless already running; a failure becomes {@link error}, never a throw. */
  run(work: () => Promise<void>): Promise<void>;
}

/** State for one user action, keeping its error unexplained (see {@link useAction}). */
export function useRawAction(): RawAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught ?? new Error("unknown error"));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** State for one user action (a form submission, a button). */
export function useAction(): Action {
  const { busy, error, run } = useRawAction();
  // Described at render time, so that a language change translates a shown error too.
  return { busy, error: error === null ? null : describeError(error), run };
}

/** Data loaded when a screen opens (and again when `deps` change or on `reload`). */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Loads data for a screen; stale answers of an earlier load are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  return {
    data: state.data,
    error: state.error === null ? null : describeError(state.error),
    loading: state.loading,
    reload: () => setGeneration((value) => value + 1),
  };
}
