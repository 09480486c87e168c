import type { BroadcastChannelOptions } from 'broadcast-channel';
import type { Notifier } from './notifier.js';

/**
 * A {@link Notifier} over the `broadcast-channel` package, for runtimes without a native
 * `BroadcastChannel`. The package is imported only here, and only when this is called, so
 * browsers with the native channel never download it.
 *
 * Known limits of the package (see the README): it may throw on foreign messages of an
 * unexpected shape, and it drops messages whose sender clock reads earlier than the
 * listener's start. Both only cost speed: the next check still catches the clear.
 */
export function createPackageNotifier(
  channelName: string,
  onError: (error: unknown) => void,
  /** Passed to the package; tests pick its transport with `type`. */
  packageOptions: BroadcastChannelOptions = {},
): Notifier {
  const listeners = new Set<(message: unknown) => void>();
  let closed = false;
  const channel = import('broadcast-channel').then(({ BroadcastChannel: PackageChannel }) => {
    const instance = new PackageChannel<unknown>(channelName, { webWorkerSupport: true, ...packageOptions });
    instance.addEventListener('message', (message) => {
      for (const listener of listeners) listener(message);
    });
    if (closed) void instance.close();
    return instance;
  });
  channel.catch(onError);
  return {
    post(message) {
      channel.then((instance) => instance.postMessage(message)).catch(onError);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
      channel.then((instance) => instance.close()).catch(() => {});
    },
  };
}
