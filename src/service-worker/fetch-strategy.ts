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

/** What a strategy needs from the binding and the event. */
export interface StrategyContext {
  readonly request: Request;
  match(request: Request): Promise<Response | undefined>;
  fillToken(): number;
  put(request: Request, response: Response, token: number): Promise<unknown>;
  fetch(request: Request): Promise<Response>;
  waitUntil(promise: Promise<unknown>): void;
  onError(error: unknown): void;
}

/** Answers `context.request` by `strategy`. */
export async function answerByStrategy(strategy: FetchStrategy, context: StrategyContext): Promise<Response> {
  return strategy === 'network-first' ? networkFirst(context) : cacheFirst(context, strategy === 'stale-while-revalidate');
}

async function cacheFirst(context: StrategyContext, revalidate: boolean): Promise<Response> {
  const { request } = context;
  let cached: Response | undefined;
  try {
    cached = await context.match(request);
  } catch (error) {
    // No check, no trust: the network answers, and nothing is stored that a clear could not reach.
    context.onError(error);
    return context.fetch(request);
  }
  if (!cached) return fetchAndStore(context);
  // The token is taken inside, after the cached answer was vouched for, before the request leaves.
  if (revalidate) context.waitUntil(fetchAndStore(context).catch(context.onError));
  return cached;
}

async function networkFirst(context: StrategyContext): Promise<Response> {
  try {
    return await fetchAndStore(context);
  } catch (networkError) {
    const cached = await context.match(context.request).catch((error: unknown) => {
      context.onError(error);
      return undefined;
    });
    if (cached) return cached;
    throw networkError;
  }
}

async function fetchAndStore(context: StrategyContext): Promise<Response> {
  const { request } = context;
  // Taken before the request leaves: an answer computed before a clear that lands while it
  // travels is not stored (the same rule as LocalSyncCache's fill tokens).
  const token = context.fillToken();
  const response = await context.fetch(request);
  if (response.ok) {
    context.waitUntil(context.put(request, response.clone(), token).catch(context.onError));
  }
  return response;
}
