/**
 * The plugin a Cache Storage binding hands to workbox-strategies. Typed structurally after
 * Workbox 7's `WorkboxPlugin` callbacks, so the library has no runtime dependency on Workbox (and
 * adds nothing to a worker that does not use it): a strategy calls these with its own arguments.
 */

import { errorText } from '../errors.js';
import type { ExtendableEventLike } from './worker-events.js';

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

/** What one strategy run knows: kept in the plugin state Workbox gives each handler. */
interface Fill {
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

/** What the plugin needs of its binding (cache-storage-binding.ts). */
export interface PluginAccess {
  readonly cacheName: string;
  start(request: Request, event: ExtendableEventLike | undefined): Fill;
  vouches(token: number): boolean;
  matchNow(request: Request, options?: CacheQueryOptions): Promise<Response | undefined>;
  remove(request: Request): Promise<void>;
  refused(): void;
  onError(error: unknown): void;
}

const FILL = 'localSyncCacheFill';

/**
 * Builds the plugin over its binding's internals; apps get it from `binding.workboxPlugin()`.
 * Each callback waits for what it needs and never throws: trouble (a failed check, a strategy
 * on another cache) goes to the binding's `onError`, and the plugin then vetoes rather than
 * serve or store what it cannot vouch for.
 */
export function createWorkboxPlugin(access: PluginAccess): WorkboxPlugin {
  /** The handler's fill; started here if the strategy skipped `handlerWillStart` (a hand-made handler). */
  const fillOf = ({ request, event, state }: WorkboxCallbackParam): Fill => {
    let fill = state?.[FILL] as Fill | undefined;
    if (!fill) {
      fill = access.start(request, typeof (event as Partial<ExtendableEventLike> | undefined)?.waitUntil === 'function' ? (event as ExtendableEventLike) : undefined);
      if (state) state[FILL] = fill;
    }
    return fill;
  };
  return {
    // Started as the strategy starts, before it reads the cache or the network: the check must
    // start after the request arrived, and the token before the network is asked.
    async handlerWillStart(param) {
      fillOf(param);
    },
    async cachedResponseWillBeUsed(param) {
      const { cachedResponse, cacheName, request, matchOptions } = param;
      if (!cachedResponse) return null;
      if (cacheName !== access.cacheName) {
        access.onError(
          new Error(
            errorText(
              'workbox-cache-name',
              __DEV__ && `workboxPlugin(): the strategy reads cache "${cacheName}" but the binding is for "${access.cacheName}"; pass { cacheName: binding.cacheName } to the strategy.`,
            ),
          ),
        );
        return null;
      }
      const fill = fillOf(param);
      if (!(await fill.ready) || !access.vouches(fill.token)) return null;
      // The strategy read the cache before the check: that read is good only if no deletion was
      // pending then (clean) and none came since (same token). Otherwise, read again now.
      if (fill.clean) return cachedResponse;
      return (await access.matchNow(request, matchOptions).catch(access.onError)) ?? null;
    },
    async cacheWillUpdate(param) {
      const { response } = param;
      // A plugin's cacheWillUpdate replaces Workbox's default rule, which stores only 200 answers.
      if (!response || response.status !== 200) return null;
      const fill = fillOf(param);
      if ((await fill.ready) && access.vouches(fill.token)) return response;
      access.refused();
      return null;
    },
    async cacheDidUpdate(param) {
      // Cleared between cacheWillUpdate and the write: the write may have landed after the
      // deletion (in a cache Workbox opened anew), so take the entry out again.
      const fill = fillOf(param);
      if (!access.vouches(fill.token)) await access.remove(param.request).catch(access.onError);
    },
  };
}
