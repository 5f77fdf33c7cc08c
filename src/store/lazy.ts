// A module the first view does not need, loaded on first use (or when the page is idle). Store actions
// that need it run at once when it is in; otherwise they start loading it and run again once it is
// (so the second run is the one that goes through the history wrapper and changes the cluster).
export interface LazyModule<M> {
  /** the module, once it has loaded */
  loaded(): M | null;
  /** the last loading error (cleared by the next attempt) */
  error(): Error | null;
  /** load it (once; a failed load is tried again on the next call) */
  load(): Promise<M>;
  /** the module if loaded; otherwise start loading it, call `retry` once it is (or `failed` if it cannot be), and return null */
  orRetry(retry: () => void, failed?: (e: Error) => void): M | null;
  /** called when the module arrives or fails to (for useSyncExternalStore) */
  subscribe(listener: () => void): () => void;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let mod: M | null = null;
  let err: Error | null = null;
  let pending: Promise<M> | null = null;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((f) => f());
  const self: LazyModule<M> = {
    loaded: () => mod,
    error: () => err,
    load() {
      if (mod) return Promise.resolve(mod);
      pending ??= importer().then(
        (m) => {
          mod = m;
          err = null;
          changed();
          return m;
        },
        (e: unknown) => {
          pending = null;
          err = e instanceof Error ? e : new Error(String(e));
          changed();
          throw err;
        },
      );
      return pending;
    },
    orRetry(retry, failed) {
      if (mod) return mod;
      self.load().then(retry, (e: Error) => failed?.(e));
      return null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return self;
}

/** What to tell the user when a part of the app could not be fetched (offline before it was preloaded). */
export function loadFailure(what: string, e: Error): string {
  return `Could not load ${what} (${e.message}). The app may have gone offline before it finished loading: reconnect and try again.`;
}
