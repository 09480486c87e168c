import { findNativeBroadcastChannel } from '../environment.js';
import { createNativeNotifier } from './native-notifier.js';
import type { Notifier } from './notifier.js';
import { createPackageNotifier } from './package-notifier.js';

/** Picks the transport: the native channel where the platform has one, the package where not. */
export function createDefaultNotifier(channelName: string, onError: (error: unknown) => void): Notifier {
  const Native = findNativeBroadcastChannel();
  return Native ? createNativeNotifier(channelName, Native) : createPackageNotifier(channelName, onError);
}
