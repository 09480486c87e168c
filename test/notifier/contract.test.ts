// One contract, every transport: what the hub relies on from a Notifier.
import { describe, expect, it } from 'vitest';
import { type Notifier } from '../../src/index.js';
import { createMemoryBus } from '../../src/testing/index.js';
import { createNativeNotifier } from '../../src/notifier/native-notifier.js';
import { createPackageNotifier } from '../../src/notifier/package-notifier.js';
import { until, uniqueNamespace } from '../helpers/tabs.js';

type Pair = () => [Notifier, Notifier, Notifier];

const transports: Array<[string, Pair]> = [
  ['memory bus', () => {
    const bus = createMemoryBus();
    return [bus.connect(), bus.connect(), bus.connect()];
  }],
  ['native BroadcastChannel', () => {
    const name = uniqueNamespace();
    return [createNativeNotifier(name, BroadcastChannel), createNativeNotifier(name, BroadcastChannel), createNativeNotifier(name, BroadcastChannel)];
  }],
  ['broadcast-channel package', () => {
    const name = uniqueNamespace();
    // 'simulate' keeps the package in this process; in browsers it picks its own method.
    const make = () => createPackageNotifier(name, (error) => { throw error; }, { type: 'simulate' });
    return [make(), make(), make()];
  }],
];

describe.each(transports)('Notifier contract: %s', (_name, connect) => {
  it('delivers to every other member, in order, and not to the sender', async () => {
    const [sender, first, second] = connect();
    const toFirst: unknown[] = [];
    const toSecond: unknown[] = [];
    const toSender: unknown[] = [];
    first.subscribe((message) => toFirst.push(message));
    second.subscribe((message) => toSecond.push(message));
    sender.subscribe((message) => toSender.push(message));
    // The package's listeners start asynchronously; give them a moment before the first post.
    await new Promise((resolve) => setTimeout(resolve, 30));
    sender.post({ n: 1 });
    sender.post({ n: 2 });
    await until(() => toFirst.length === 2 && toSecond.length === 2, 'delivery');
    expect(toFirst).toEqual([{ n: 1 }, { n: 2 }]);
    expect(toSecond).toEqual([{ n: 1 }, { n: 2 }]);
    expect(toSender).toEqual([]);
    [sender, first, second].forEach((notifier) => notifier.close());
  });

  it('stops delivering to an unsubscribed listener and after close', async () => {
    const [sender, receiver, closed] = connect();
    const received: unknown[] = [];
    const stop = receiver.subscribe((message) => received.push(message));
    const afterClose: unknown[] = [];
    closed.subscribe((message) => afterClose.push(message));
    closed.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    sender.post('first');
    await until(() => received.length === 1, 'delivery');
    stop();
    sender.post('second');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual(['first']);
    expect(afterClose).toEqual([]);
    sender.close();
    receiver.close();
  });
});
