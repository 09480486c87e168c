/**
 * Cache Storage in memory, for Node, with the behaviour the binding relies on: `delete(name)`
 * detaches the cache from its name at once, so a `put` still under way on a handle opened before
 * lands in a cache nobody can open again, as in browsers. Matching is by URL only (no Vary, no
 * ignoreSearch), and only GET can be stored, as in the real API.
 */
export interface MemoryCacheStorage {
  /** The object to pass as `caches`. */
  readonly caches: CacheStorage;
  /** The URLs stored in the named cache, sorted, or `undefined` when there is no such cache. */
  urls(name: string): string[] | undefined;
  /** Stores a response directly, as code that bypasses the binding (or an older worker) would. */
  seed(name: string, url: string, body: string): Promise<void>;
  /** The next `put` (on any cache) reads its body and then waits until the returned function is called. */
  holdNextPut(): () => void;
  /** The next `delete` waits until the returned function is called. */
  holdNextDelete(): () => void;
  /** The next `delete` fails. */
  failNextDelete(): void;
}

interface Stored {
  status: number;
  headers: Array<[string, string]>;
  body: ArrayBuffer;
}

function urlOf(request: RequestInfo | URL): string {
  return typeof request === 'string' ? new URL(request).href : request instanceof URL ? request.href : request.url;
}

export function createMemoryCacheStorage(): MemoryCacheStorage {
  const named = new Map<string, Map<string, Stored>>();
  let heldPut: Promise<void> | undefined;
  let heldDelete: Promise<void> | undefined;
  let failDelete = false;

  const hold = (): { gate: Promise<void>; release: () => void } => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    return { gate, release };
  };

  const handle = (entries: Map<string, Stored>): Cache =>
    ({
      async match(request: RequestInfo | URL) {
        const stored = entries.get(urlOf(request));
        return stored ? new Response(stored.body.slice(0), { status: stored.status, headers: stored.headers }) : undefined;
      },
      async put(request: RequestInfo | URL, response: Response) {
        if (request instanceof Request && request.method !== 'GET') throw new TypeError('Cache.put: only GET requests can be stored');
        if (response.bodyUsed) throw new TypeError('Cache.put: the response body was already used');
        const body = await response.arrayBuffer();
        const gate = heldPut;
        heldPut = undefined;
        await gate;
        entries.set(urlOf(request), { status: response.status, headers: [...response.headers], body });
      },
      async delete(request: RequestInfo | URL) {
        return entries.delete(urlOf(request));
      },
      async keys() {
        return [...entries.keys()].map((url) => new Request(url));
      },
    }) as unknown as Cache;

  const caches = {
    async open(name: string) {
      let entries = named.get(name);
      if (!entries) named.set(name, (entries = new Map()));
      return handle(entries);
    },
    async has(name: string) {
      return named.has(name);
    },
    async delete(name: string) {
      const gate = heldDelete;
      heldDelete = undefined;
      await gate;
      if (failDelete) {
        failDelete = false;
        throw new Error('memory Cache Storage: delete failed on purpose');
      }
      return named.delete(name);
    },
    async keys() {
      return [...named.keys()];
    },
    async match() {
      return undefined;
    },
  } as unknown as CacheStorage;

  return {
    caches,
    urls: (name) => {
      const entries = named.get(name);
      return entries ? [...entries.keys()].sort() : undefined;
    },
    async seed(name, url, body) {
      await (await caches.open(name)).put(new Request(url), new Response(body));
    },
    holdNextPut() {
      const { gate, release } = hold();
      heldPut = gate;
      return release;
    },
    holdNextDelete() {
      const { gate, release } = hold();
      heldDelete = gate;
      return release;
    },
    failNextDelete() {
      failDelete = true;
    },
  };
}
