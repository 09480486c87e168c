// The memory twin of Web Locks (exclusive mode only), so that several hubs in one process can
// stand for tabs electing a leader. Follows the spec's order: requests for a name are granted
// one at a time, first come first served; an aborted waiting request rejects with AbortError.
export function createMemoryLocks(): LockManager {
  const queues = new Map<string, Array<() => void>>();
  const held = new Set<string>();

  const grantNext = (name: string) => {
    const next = queues.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };

  return {
    request(name: string, optionsOrCallback: unknown, maybeCallback?: unknown): Promise<unknown> {
      const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback) as (lock: Lock | null) => unknown;
      const signal = typeof optionsOrCallback === 'object' ? (optionsOrCallback as LockOptions | null)?.signal : undefined;
      return new Promise((resolve, reject) => {
        const grant = () => {
          Promise.resolve()
            .then(() => callback({ name, mode: 'exclusive' } as Lock))
            .then(resolve, reject)
            .finally(() => grantNext(name));
        };
        if (signal?.aborted) return reject(new DOMException('aborted', 'AbortError'));
        if (!held.has(name)) {
          held.add(name);
          grant();
          return;
        }
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        queue.push(grant);
        signal?.addEventListener('abort', () => {
          const index = queue.indexOf(grant);
          if (index >= 0) {
            queue.splice(index, 1);
            reject(new DOMException('aborted', 'AbortError'));
          }
        });
      });
    },
    query: async () => ({ held: [], pending: [] }),
  } as LockManager;
}
