import type { CacheStorageBinding } from './cache-storage-binding.js';

/**
 * How `handleFetch()` answers a request from a bound cache:
 * - `'cache-first'`: a stored response if there is one, else the network (and store its answer);
 * - `'network-first'`: the network (and store its answer), else, when the network fails, a
 *   stored response;
 * - `'stale-while-revalidate'`: a stored response if there is one, while the network is asked
 *   in the background and its answer stored for next time; else the network (and store its answer).
 * Either way a stored response is served only after a check that started after the request
 * arrived, and only successful (`ok`) answers are stored.
 */
export type FetchStrategy = 'cache-first' | 'network-first' | 'stale-while-revalidate';

export const FETCH_STRATEGIES: readonly FetchStrategy[] = ['cache-first', 'network-first', 'stale-while-revalidate'];

/**
 * Answers `request` by `strategy` through the binding's own `match()`, `fillToken()` and `put()`;
 * `keep` is the event's `waitUntil`. A strategy other than the three is treated as cache-first
 * (development builds refuse it before).
 */
export async function answerByStrategy(
  strategy: FetchStrategy,
  binding: CacheStorageBinding,
  request: Request,
  fetchRequest: (request: Request) => Promise<Response>,
  keep: (promise: Promise<unknown>) => void,
  onError: (error: unknown) => void,
): Promise<Response> {
  const fetchAndStore = async (): Promise<Response> => {
    // Taken before the request leaves: an answer computed before a clear that lands while it
    // travels is not stored (the same rule as LocalSyncCache's fill tokens).
    const token = binding.fillToken();
    const response = await fetchRequest(request);
    if (response.ok) keep(binding.put(request, response.clone(), { token }).catch(onError));
    return response;
  };

  if (strategy === 'network-first') {
    try {
      return await fetchAndStore();
    } catch (networkError) {
      // A failed match is reported and read as a miss (never trusted).
      const cached = await binding.match(request).catch(onError);
      if (cached) return cached;
      throw networkError;
    }
  }
  let cached: Response | undefined;
  try {
    cached = await binding.match(request);
  } catch (error) {
    // No check, no trust: the network answers, and nothing is stored that a clear could not reach.
    onError(error);
    return fetchRequest(request);
  }
  if (!cached) return fetchAndStore();
  // The token is taken inside, after the cached answer was vouched for, before the request leaves.
  if (strategy === 'stale-while-revalidate') keep(fetchAndStore().catch(onError));
  return cached;
}
