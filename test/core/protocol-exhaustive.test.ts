// A bounded exhaustive check of the protocol's step() (docs/protocol.md). A few realms share one
// simulated store and channel; every interleaving of the scope's events is explored depth-first,
// states already seen are skipped, and after every event the promise and precision are asserted:
//
// - no lost clear: a realm holds no entry computed before a clear it must reflect: one whose
//   nudge it heard, one in the store's history when one of its reads began (answered since), or
//   one its own write overwrote (answered since); and after a wipe, a realm that had adopted a
//   marker must reflect every clear the wipe destroyed once an answer of a call run since comes;
// - precision: no realm counts one clear twice as external (nudge or check), and an answer of a
//   call older than the adopted one never empties (the read-ordering guard, R0/W0).
//
// Store calls of one realm run in the order they were made (one IndexedDB connection); runs of
// different realms interleave freely, and answers come back in any order. Nudges are delivered,
// duplicated, or never (lost), in any order. Time moves 600 ms per event, so a first read sees both
// recent markers (F3) and old ones (F2).
import { describe, expect, it } from 'vitest';
import { type Marker, markerAfter, resavedMarker } from '../../src/core/marker.js';
import { type Effect, type IdState, initialState, type ProtocolEvent, step } from '../../src/core/protocol.js';

const TICK = 600;
const DEPTH = Number(process.env.LSC_DEPTH ?? 8);
const DEPTH3 = Number(process.env.LSC_DEPTH3 ?? 7);

interface Call {
  readonly call: number;
  readonly kind: 'read' | 'write' | 'resave';
  /** The clear's token (write) or the lost marker (resave). */
  readonly by?: string;
  readonly lost?: Marker;
  /**
   * The clears in the store's history when the call was made. Its answer obliges the realm to
   * reflect those still in the history when the call runs: a wipe in between destroys the
   * evidence of a clear, which then reaches the realm only by its nudge or a re-save (the limit
   * stated in docs/protocol.md).
   */
  readonly before: Record<string, number>;
  /** Set when it ran. */
  result?: { marker: Marker | null; previous?: Marker | null; ours?: boolean; obliges: number; wipes: number };
}

interface Realm {
  alive: boolean;
  state: IdState;
  /** Data version of the oldest entry held, or null when the cache is empty. */
  oldest: number | null;
  /** Entries computed before this data version must be gone. */
  mustReflect: number;
  calls: number;
  clears: number;
  pending: Call[];
  ran: Call[];
  inbox: string[];
  /** External emptyings per clear token. */
  external: Record<string, number>;
  /**
   * A wipe destroyed the history of the marker this realm had adopted: the data version it must
   * reflect once an answer of a call run after wipe number `wipe` comes (R3, W1, or R4 on a
   * fresh epoch: a realm that adopted a marker never adopts a post-wipe one silently).
   */
  wipeDebt?: { version: number; wipe: number };
}

interface World {
  time: number;
  store: Marker | null;
  /** The clear tokens in the store's history (the marker and those it was written over), with their data versions. */
  history: Record<string, number>;
  /** The history each committed marker had, by token, for re-saves. */
  historyOf: Record<string, Record<string, number>>;
  /** Data version: bumped when a clear starts (the data behind the cache changed just before). */
  version: number;
  versionOf: Record<string, number>;
  epochs: number;
  wipes: number;
  realms: Realm[];
  budget: Budget;
}

interface Budget {
  clears: number;
  reads: number;
  fills: number;
  wipes: number;
  starts: number;
  forgets: number;
  duplicates: number;
  /** Events left in this branch. */
  depth: number;
}

interface Scope {
  name: string;
  realms: number;
  /** Realms alive from the beginning; the others may start during the run. */
  aliveAtStart: number;
  budget: Budget;
}

class Violation extends Error {}

const maxVersion = (history: Record<string, number>): number => Math.max(0, ...Object.values(history));

function newRealm(alive: boolean, now: number): Realm {
  return { alive, state: initialState(now), oldest: null, mustReflect: 0, calls: 0, clears: 0, pending: [], ran: [], inbox: [], external: {} };
}


/** Feeds one event to a realm's step and carries out its effects, checking precision. */
function feed(world: World, index: number, event: ProtocolEvent): void {
  const realm = world.realms[index];
  const before = realm.state;
  const { state, effects } = step(before, event);
  realm.state = state;
  const isAnswer = event.type === 'read' || event.type === 'resaved' || event.type === 'wrote';
  for (const effect of effects) {
    if (effect.type === 'resave') {
      realm.pending.push({ call: ++realm.calls, kind: 'resave', lost: effect.lost, before: world.history });
      continue;
    }
    if (isAnswer && event.call < before.adoptedCall && event.type !== 'wrote') {
      throw new Violation(`realm ${index} emptied (${effect.cause}) on an answer of call ${event.call}, older than the adopted call ${before.adoptedCall}`);
    }
    empty(world, index, effect, event);
  }
}

function empty(world: World, index: number, effect: Extract<Effect, { type: 'empty' }>, event: ProtocolEvent): void {
  const realm = world.realms[index];
  realm.oldest = null;
  let token: string | undefined;
  if (effect.cause === 'nudge' && event.type === 'nudge') token = event.by;
  if (effect.cause === 'check') token = realm.state.adopted?.by;
  if (token === undefined) return;
  realm.external[token] = (realm.external[token] ?? 0) + 1;
  if (realm.external[token] > 1) throw new Violation(`realm ${index} counted clear ${token} twice as external`);
}

function oblige(realm: Realm, version: number): void {
  realm.mustReflect = Math.max(realm.mustReflect, version);
}

/** Every event possible in `world`, as a label and a function that applies it to a copy. */
function moves(world: World): Array<[string, (next: World) => void]> {
  const list: Array<[string, (next: World) => void]> = [];
  const { budget } = world;
  if (budget.depth === 0) return list;
  if (budget.wipes > 0) {
    list.push(['wipe', (next) => {
      next.budget.wipes -= 1;
      next.wipes += 1;
      const lost = maxVersion(next.history);
      for (const realm of next.realms) {
        if (realm.alive && realm.state.adopted) realm.wipeDebt = { version: Math.max(lost, realm.wipeDebt?.version ?? 0), wipe: next.wipes };
      }
      next.store = null;
      next.history = {};
    }]);
  }
  world.realms.forEach((realm, index) => {
    if (!realm.alive) {
      if (budget.starts > 0) {
        list.push([`start ${index}`, (next) => {
          next.budget.starts -= 1;
          next.realms[index] = newRealm(true, next.time);
        }]);
      }
      return;
    }
    if (budget.clears > 0) {
      list.push([`clear ${index}`, (next) => {
        next.budget.clears -= 1;
        const self = next.realms[index];
        const by = `r${index}#${++self.clears}`;
        next.version += 1;
        next.versionOf[by] = next.version;
        for (const other of next.realms) if (other !== self && other.alive) other.inbox.push(by);
        feed(next, index, { type: 'clear', by });
        oblige(self, next.version);
        self.pending.push({ call: ++self.calls, kind: 'write', by, before: next.history });
      }]);
    }
    if (budget.reads > 0) {
      list.push([`read ${index}`, (next) => {
        next.budget.reads -= 1;
        const self = next.realms[index];
        self.pending.push({ call: ++self.calls, kind: 'read', before: next.history });
      }]);
    }
    if (budget.fills > 0) {
      list.push([`fill ${index}`, (next) => {
        next.budget.fills -= 1;
        const self = next.realms[index];
        self.oldest = self.oldest === null ? next.version : Math.min(self.oldest, next.version);
      }]);
    }
    if (budget.forgets > 0) {
      list.push([`forget ${index}`, (next) => {
        next.budget.forgets -= 1;
        const self = next.realms[index];
        self.oldest = null;
        feed(next, index, { type: 'forget', call: ++self.calls, now: next.time });
      }]);
    }
    if (realm.pending.length > 0) list.push([`run ${index}`, (next) => run(next, index)]);
    realm.ran.forEach((call, position) => {
      list.push([`answer ${index}:${call.call}`, (next) => answer(next, index, position)]);
    });
    realm.inbox.forEach((token, position) => {
      list.push([`deliver ${index}:${token}`, (next) => {
        const self = next.realms[index];
        self.inbox.splice(position, 1);
        feed(next, index, { type: 'nudge', by: token });
        oblige(self, next.versionOf[token]);
      }]);
      if (budget.duplicates > 0) {
        list.push([`duplicate ${index}:${token}`, (next) => {
          next.budget.duplicates -= 1;
          const self = next.realms[index];
          feed(next, index, { type: 'nudge', by: token });
          oblige(self, next.versionOf[token]);
        }]);
      }
    });
  });
  return list;
}

/** Runs the realm's oldest pending store call against the store (an atomic transaction). */
function run(world: World, index: number): void {
  const self = world.realms[index];
  const call = self.pending.shift()!;
  const newEpoch = () => `e${++world.epochs}`;
  if (call.kind === 'read') {
    const kept = Object.entries(call.before).filter(([token]) => token in world.history);
    call.result = { marker: world.store, obliges: Math.max(0, ...kept.map(([, version]) => version)), wipes: world.wipes };
  } else if (call.kind === 'write') {
    const previous = world.store;
    const obliges = maxVersion(world.history);
    const written = markerAfter(previous, self.state.adopted, call.by!, world.time, newEpoch);
    world.store = written;
    world.history = { ...world.history, [call.by!]: world.versionOf[call.by!] };
    world.historyOf[call.by!] = world.history;
    call.result = { marker: written, previous, obliges, wipes: world.wipes };
  } else {
    const ours = world.store === null;
    if (ours) {
      world.store = resavedMarker(call.lost!, newEpoch);
      world.history = world.historyOf[call.lost!.by] ?? {};
    }
    call.result = { marker: world.store, ours, obliges: 0, wipes: world.wipes };
  }
  self.ran.push(call);
}

function answer(world: World, index: number, position: number): void {
  const self = world.realms[index];
  const [call] = self.ran.splice(position, 1);
  const { result } = call;
  const debt = self.wipeDebt;
  if (debt && result!.wipes >= debt.wipe) {
    self.wipeDebt = undefined;
    oblige(self, debt.version);
  }
  if (call.kind === 'read') {
    feed(world, index, { type: 'read', call: call.call, marker: result!.marker, now: world.time });
    oblige(self, result!.obliges);
  } else if (call.kind === 'write') {
    feed(world, index, { type: 'wrote', call: call.call, previous: result!.previous!, written: result!.marker!, now: world.time });
    oblige(self, result!.obliges);
  } else {
    feed(world, index, { type: 'resaved', call: call.call, stored: result!.marker!, ours: result!.ours!, now: world.time });
  }
}

function verify(world: World, trail: string[]): void {
  world.realms.forEach((realm, index) => {
    if (realm.alive && realm.oldest !== null && realm.oldest < realm.mustReflect) {
      throw new Violation(`realm ${index} holds an entry of data version ${realm.oldest} though it must reflect version ${realm.mustReflect}\n  after: ${trail.join(' > ')}`);
    }
  });
}

/** Explores every interleaving of the scope; returns the number of distinct states and of transitions. */
function explore(scope: Scope): { states: number; transitions: number } {
  const start = 1_000_000;
  const initial: World = {
    time: start,
    store: null,
    history: {},
    historyOf: {},
    version: 0,
    versionOf: {},
    epochs: 0,
    wipes: 0,
    realms: Array.from({ length: scope.realms }, (_, index) => newRealm(index < scope.aliveAtStart, start)),
    budget: { ...scope.budget },
  };
  const seen = new Set<string>();
  let transitions = 0;
  // States travel as JSON: the key that deduplicates them is also the copy each move starts from.
  const stack: Array<{ key: string; trail: string[] }> = [{ key: JSON.stringify(initial), trail: [] }];
  while (stack.length > 0) {
    const { key: parentKey, trail } = stack.pop()!;
    const world = JSON.parse(parentKey) as World;
    for (const [label, apply] of moves(world)) {
      const next = JSON.parse(parentKey) as World;
      next.budget.depth -= 1;
      next.time += TICK;
      const nextTrail = [...trail, label];
      try {
        apply(next);
        verify(next, nextTrail);
      } catch (error) {
        if (error instanceof Violation) throw new Error(`${scope.name}: ${error.message}\n  after: ${nextTrail.join(' > ')}`);
        throw error;
      }
      transitions += 1;
      const key = JSON.stringify(next);
      if (seen.has(key)) continue;
      seen.add(key);
      stack.push({ key, trail: nextTrail });
    }
  }
  return { states: seen.size, transitions };
}

const SCOPES: Scope[] = [
  {
    name: 'two realms, two clears, lost and duplicated nudges, reads answering in any order',
    realms: 2,
    aliveAtStart: 2,
    budget: { clears: 2, reads: 2, fills: 1, wipes: 0, starts: 0, forgets: 0, duplicates: 1, depth: DEPTH },
  },
  {
    name: 'two realms, a wipe and re-saves',
    realms: 2,
    aliveAtStart: 2,
    budget: { clears: 2, reads: 2, fills: 1, wipes: 1, starts: 0, forgets: 0, duplicates: 0, depth: DEPTH },
  },
  {
    name: 'a realm that starts mid-run and fills before its first read answers, and a forget',
    realms: 2,
    aliveAtStart: 1,
    budget: { clears: 2, reads: 2, fills: 2, wipes: 0, starts: 1, forgets: 1, duplicates: 0, depth: DEPTH },
  },
  {
    name: 'three realms',
    realms: 3,
    aliveAtStart: 3,
    budget: { clears: 2, reads: 1, fills: 1, wipes: 1, starts: 0, forgets: 0, duplicates: 0, depth: DEPTH3 },
  },
];

describe('the protocol, every interleaving of a small scope', () => {
  for (const scope of SCOPES) {
    it(scope.name, () => {
      const { states, transitions } = explore(scope);
      console.log(`exhaustive: ${scope.name}: ${states} states, ${transitions} transitions (depth ${scope.budget.depth})`);
      expect(states).toBeGreaterThan(1000);
    }, 600_000);
  }
});
