// Parts of the page the first view does not need, in their own chunks. `useLazy` reads a lazily loaded
// module in a component (asking for it on first render); `lazyPart` is a component loaded on first
// render that says "Loading…" meanwhile, and, if its chunk cannot be fetched (offline before the idle
// preload got it), says why and offers to try again instead of breaking the page.
import { useEffect, useSyncExternalStore, type ComponentType } from 'react';
import { lazyModule, loadFailure, type LazyModule } from '../store/lazy';

export function useLazy<M>(mod: LazyModule<M>): { loaded: M | null; error: Error | null } {
  const loaded = useSyncExternalStore(mod.subscribe, mod.loaded);
  const error = useSyncExternalStore(mod.subscribe, mod.error);
  useEffect(() => {
    if (!loaded) mod.load().catch(() => {}); // shown through `error`
  }, [mod, loaded]);
  return { loaded, error };
}

/** A failed load, in words, with a way to try again. */
export function LoadProblem({ what, error, retry }: { what: string; error: Error; retry: () => void }) {
  return (
    <p className="load-problem" role="alert">
      {loadFailure(what, error)}{' '}
      <button type="button" className="btn" onClick={retry}>
        Try again
      </button>
    </p>
  );
}

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, what: string): ComponentType<P> {
  const mod = lazyModule(load);
  function LazyPart(props: P) {
    const { loaded: Part, error } = useLazy(mod);
    if (Part) return <Part {...props} />;
    if (error) return <LoadProblem what={what} error={error} retry={() => void mod.load().catch(() => {})} />;
    return (
      <p className="panel-loading" role="status">
        Loading…
      </p>
    );
  }
  return LazyPart;
}
