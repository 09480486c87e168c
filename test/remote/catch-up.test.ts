// The catch-up told across tabs (src/remote/catch-up.ts), on Node's BroadcastChannel: realms of
// one name stand for the tabs of one browser profile, the leader among them.
import { afterEach, describe, expect, it } from 'vitest';
import { createCatchUp, type CatchUp } from '../../src/remote/catch-up.js';

let counter = 0;
const opened: Array<CatchUp | BroadcastChannel> = [];
afterEach(() => {
  for (const realm of opened.splice(0)) realm.close();
});
/** `count` realms on a channel name of their own. */
function realms(count: number): { name: string; list: CatchUp[] } {
  const name = `catch-up-test-${process.pid}-${counter++}`;
  const list = Array.from({ length: count }, () => createCatchUp(name));
  opened.push(...list);
  return { name, list };
}

describe('createCatchUp()', () => {
  it('resolves a waiting realm when the leader announces, and one that asks later while the leader is caught up', async () => {
    const { list } = realms(3);
    const [leader, waiting, late] = list;
    const answer = waiting.wait(5_000);
    leader.reached();
    await expect(answer).resolves.toBe(true);
    await expect(late.wait(5_000)).resolves.toBe(true);
    await expect(leader.wait(0)).resolves.toBe(true);
  });

  it('does not answer for a leader whose connection is lost; a realm that once caught up stays so', async () => {
    const { name, list } = realms(1);
    const [leader] = list;
    leader.reached();
    leader.lost();
    // Opened after the announcement, it has to ask.
    const late = createCatchUp(name);
    opened.push(late);
    await expect(late.wait(150)).resolves.toBe(false);
    await expect(leader.wait(0)).resolves.toBe(true);
  });

  it('ignores messages that are not its own, and resolves false on close', async () => {
    const { name, list } = realms(1);
    const [waiting] = list;
    const answer = waiting.wait(5_000);
    const stranger = new BroadcastChannel(name);
    opened.push(stranger);
    for (const message of [{ type: 'up' }, 'up!', ['up'], null, 42]) stranger.postMessage(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
    waiting.close();
    await expect(answer).resolves.toBe(false);
    await expect(waiting.wait(5_000)).resolves.toBe(false); // closed: at once, not a throw on the closed channel
  });
});
