import { getDefaultHub } from '../hub/default-hub.js';
import { findWindow } from '../environment.js';
import type { SyncHub } from '../hub/sync-hub.js';
import type { QueryCacheEventLike, QueryClientLike, QueryLike } from './query-client-like.js';
import { overlaps, scopeId } from './query-key-scope.js';
import { errorText } from '../errors.js';

export interface QueryInvalidationOptions {
  /**
   * The query-key prefixes that are invalidated across tabs, each one shared marker. Every tab
   * must pass the same list. An invalidation reaches other tabs as the invalidation of each scope
   * it overlaps: with `[['todos']]`, invalidating `['todos', 5]` here invalidates just that
   * key here and every `['todos', ...]` query in the other tabs.
   * @example [['todos'], ['user']]
   */
  scopes: ReadonlyArray<readonly unknown[]>;
  /** The hub whose markers and channel carry the invalidations. @default the default hub */
  hub?: SyncHub;
}

/** What {@link syncQueryInvalidation} returns. */
export interface QueryInvalidationSync {
  /**
   * Invalidates `queryKey` (a key or key prefix, as `invalidateQueries` takes it) in this tab,
   * and every scope it overlaps in every other tab of the origin: live tabs at once, hidden,
   * frozen or back/forward-cached tabs at their next check, tabs opened later on start.
   * Resolves when this tab's active queries have refetched and the shared marker is committed.
   * @throws TypeError when no scope overlaps `queryKey`.
   * @example
   * await saveTodo(todo);
   * await sync.invalidate(['todos', todo.id]);
   */
  invalidate(queryKey: readonly unknown[]): Promise<void>;
  /**
   * Settles after this tab's first check: by then queries restored from before an
   * invalidation made elsewhere (a persister, hydration) are invalid.
   */
  readonly ready: Promise<void>;
  /** Stops listening and releases the scopes' ids. */
  stop(): void;
}

/**
 * Cross-tab invalidation for TanStack Query (v5), on this library's markers and nudges. Only
 * markers travel: each tab refetches the invalidated queries it observes, with its own fetch,
 * and marks the others stale (the next observer refetches them). Call `installAutoCheck()` too,
 * so tabs that were hidden, frozen or in the back/forward cache catch up when they come back.
 *
 * A query cached in a tab before an invalidation made elsewhere is never served as fresh: live
 * tabs hear the nudge; others find the new marker at their next check; a query that appears in a
 * tab (restored by a persister, hydrated) with data older than the scope's last invalidation,
 * by this machine's clock, is invalidated as it appears.
 *
 * @param client the app's QueryClient.
 * @example
 * import { installAutoCheck } from 'local-sync-cache';
 * import { syncQueryInvalidation } from 'local-sync-cache/tanstack-query';
 *
 * const queryClient = new QueryClient();
 * export const sync = syncQueryInvalidation(queryClient, { scopes: [['todos'], ['user']] });
 * installAutoCheck();
 *
 * // after a mutation, in any tab:
 * await sync.invalidate(['todos']);
 */
export function syncQueryInvalidation(client: QueryClientLike, options: QueryInvalidationOptions): QueryInvalidationSync {
  if (__DEV__ && typeof client?.getQueryCache !== 'function') {
    throw new TypeError(`local-sync-cache/tanstack-query: syncQueryInvalidation() needs a QueryClient first.`);
  }
  const { scopes, hub = getDefaultHub() } = options ?? ({} as QueryInvalidationOptions);
  // scopeId() throws the error that explains what scopes must be.
  if (!Array.isArray(scopes) || !scopes.length) scopeId(scopes as never);
  // One cache id per scope, whose marker and nudges carry the scope's invalidations. Watched, not
  // cached: a watcher hears every emptying, precautions included (a back/forward-cache restore).
  const markers = scopes.map((scope) => ({ scope, id: scopeId(scope) }));
  // Queries holding data older than their scope's last invalidation (by this machine's clock, a
  // precaution: a query restored from a persister or hydrated carries the time of its fetch).
  const invalidateOlder = () =>
    Promise.all(
      markers.map(({ scope, id }) => {
        const time = hub.adoptedMarker(id)?.time ?? 0;
        return client.invalidateQueries({ queryKey: scope, predicate: (query: QueryLike) => query.state.dataUpdatedAt < time });
      }),
    );
  const stops = markers.map(({ scope, id }) =>
    hub.watch(id, (cause) => {
      // This tab's own invalidate() (hub.clear) already invalidated the precise key.
      if (cause === 'sibling') return;
      // Mark now; refetch what is observed in a later task, and only in a visible page. An
      // emptying also comes on a persisted pagehide (a precaution), where a fetch in flight would
      // keep the page out of the back/forward cache; Chromium hides the page before that task
      // runs, and the restore empties again. A hidden tab refetches when it is shown (TanStack's
      // refetchOnWindowFocus, or the check that showing it triggers) or when next mounted.
      // `stale` and no cancelRefetch: a refetch TanStack already started on focus is joined.
      void client.invalidateQueries({ queryKey: scope, refetchType: 'none' });
      setTimeout(() => findWindow()?.document.visibilityState !== 'hidden' && void client.refetchQueries({ queryKey: scope, type: 'active', stale: true }, { cancelRefetch: false }));
    }),
  );
  let sweepQueued = false;
  stops.push(
    client.getQueryCache().subscribe((event: QueryCacheEventLike) => {
      // A query added with data was restored, not fetched here. Checked after the cache's
      // notification, so the query is fully added.
      // One pass for all the queries a hydration adds at once.
      if (event.type === 'added' && event.query.state.dataUpdatedAt && !sweepQueued) {
        sweepQueued = true;
        queueMicrotask(() => {
          sweepQueued = false;
          void invalidateOlder();
        });
      }
    }),
  );
  const ready = hub.checkAll().then(invalidateOlder).then(() => undefined);
  return {
    ready,
    invalidate(queryKey) {
      const touched = markers.filter(({ scope }) => overlaps(scope, queryKey));
      if (touched.length === 0) {
        throw new TypeError(errorText('no-scope', __DEV__ && `local-sync-cache/tanstack-query: invalidate(${JSON.stringify(queryKey)}) is in no scope; add a scope that prefixes it.`));
      }
      return Promise.all([client.invalidateQueries({ queryKey }), ...touched.map(({ id }) => hub.clear(id))]).then(() => undefined);
    },
    stop() {
      for (const stop of stops) stop();
    },
  };
}
