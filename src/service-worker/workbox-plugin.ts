/**
 * The plugin a Cache Storage binding hands to workbox-strategies. Typed structurally after
 * Workbox 7's `WorkboxPlugin` callbacks, so the library has no runtime dependency on Workbox (and
 * adds nothing to a worker that does not use it): a strategy calls these with its own arguments.
 */

/** The arguments of the Workbox callbacks this plugin uses (Workbox passes more). */
export interface WorkboxCallbackParam {
  readonly request: Request;
  /** The fetch event being handled (Workbox passes one for routed requests). */
  readonly event?: unknown;
  /** This plugin's own object for the current strategy handler (Workbox's plugin `state`). */
  readonly state?: Record<string, unknown>;
  readonly cacheName?: string;
  readonly cachedResponse?: Response;
  readonly matchOptions?: CacheQueryOptions;
  readonly response?: Response;
}

/** A Workbox plugin: pass it in a strategy's `plugins`. Fits workbox-strategies' `WorkboxPlugin`. */
export interface WorkboxPlugin {
  handlerWillStart(param: WorkboxCallbackParam): Promise<void>;
  cachedResponseWillBeUsed(param: WorkboxCallbackParam): Promise<Response | null>;
  cacheWillUpdate(param: WorkboxCallbackParam): Promise<Response | null>;
  cacheDidUpdate(param: WorkboxCallbackParam): Promise<void>;
}

/**
 * What one strategy run knows, kept in the plugin state Workbox gives each handler under
 * {@link RUN_STATE_KEY}. The callbacks are the binding's `workboxPlugin()` (cache-storage-binding.ts),
 * written there because they are a view of the binding's own state.
 */
export interface StrategyRun {
  /** The binding's fill token when the handler started. */
  readonly token: number;
  /** Whether the contents were clean when the handler started, i.e. before the strategy read the cache. */
  readonly clean: boolean;
  /**
   * Whether the check that covers the request, and the deletions it caused, are done: `false`
   * (reported to `onError`) when the check failed.
   */
  readonly ready: Promise<boolean>;
}

export const RUN_STATE_KEY = 'localSyncCacheFill';
