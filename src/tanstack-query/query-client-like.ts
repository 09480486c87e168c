// The parts of TanStack Query's QueryClient the bridge uses, written as structural types so that
// nothing is imported from @tanstack/query-core: any v5 client (React, Vue, Solid, Svelte,
// Angular, or query-core itself) fits.

/** A query as the bridge sees it. */
export interface QueryLike {
  readonly queryKey: readonly unknown[];
  readonly state: { readonly dataUpdatedAt: number };
}

/** What `client.getQueryCache().subscribe()` reports. */
export interface QueryCacheEventLike {
  readonly type: string;
  readonly query: QueryLike;
}

/** The QueryClient methods the bridge calls. */
export interface QueryClientLike {
  invalidateQueries(filters: { queryKey: readonly unknown[]; predicate?: (query: any) => boolean; refetchType?: 'none' }): Promise<unknown>;
  refetchQueries(filters: { queryKey: readonly unknown[]; type: 'active'; stale: true }, options: { cancelRefetch: false }): Promise<unknown>;
  getQueryCache(): { subscribe(listener: (event: any) => void): () => void };
}
