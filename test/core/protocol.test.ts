// One test per row of the decision table in docs/protocol.md, on the pure step(): the row that
// decides, its exact effects and the next state.
import { describe, expect, it } from 'vitest';
import type { Marker } from '../../src/core/marker.js';
import { FIRST_READ_SLACK, type IdState, initialState, type ProtocolEvent, REMEMBERED_TOKENS, rereadChangesNothing, step } from '../../src/core/protocol.js';
import fc from 'fast-check';

const START = 1_000_000;

function marker(gen: number, by: string, time = START, epoch = 'e1'): Marker {
  return { epoch, gen, time, by };
}

/** A realm that started listening at START and whose first read adopted `adopted`. */
function adoptedState(adopted: Marker | null, seen: string[] = adopted ? [adopted.by] : [], call = 1): IdState {
  return { adopted, adoptedCall: call, since: START, seen };
}

const read = (call: number, found: Marker | null, now = START + 10): ProtocolEvent => ({ type: 'read', call, marker: found, now });

describe('own clears and nudges', () => {
  it('C1: an own clear empties as own and remembers its token', () => {
    const { rule, effects, state } = step(adoptedState(null), { type: 'clear', by: 'me#1' });
    expect(rule).toBe('C1');
    expect(effects).toEqual([{ type: 'empty', cause: 'own' }]);
    expect(state.seen).toEqual(['me#1']);
  });

  it('N1: a nudge of a clear not seen empties and remembers its token', () => {
    const { rule, effects, state } = step(adoptedState(null), { type: 'nudge', by: 'b#1' });
    expect(rule).toBe('N1');
    expect(effects).toEqual([{ type: 'empty', cause: 'nudge' }]);
    expect(state).toEqual({ ...adoptedState(null), seen: ['b#1'] });
  });

  it('N2: a duplicate or late nudge empties nothing', () => {
    const before = adoptedState(marker(1, 'b#1'));
    const { rule, effects, state } = step(before, { type: 'nudge', by: 'b#1' });
    expect(rule).toBe('N2');
    expect(effects).toEqual([]);
    expect(state).toBe(before);
  });

  it('remembers at most REMEMBERED_TOKENS tokens, forgetting the oldest', () => {
    let state = adoptedState(null);
    for (let index = 0; index <= REMEMBERED_TOKENS; index++) state = step(state, { type: 'nudge', by: `b#${index}` }).state;
    expect(state.seen).toHaveLength(REMEMBERED_TOKENS);
    expect(state.seen[0]).toBe('b#1');
  });
});

describe('first read', () => {
  it('F1: no marker: adopts null', () => {
    const { rule, effects, state } = step(initialState(START), read(1, null));
    expect(rule).toBe('F1');
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ adopted: null, adoptedCall: 1 });
  });

  it('F2: a marker from before the start minus the slack: adopts it silently, not as seen', () => {
    const old = marker(3, 'b#1', START - FIRST_READ_SLACK - 1);
    const { rule, effects, state } = step(initialState(START), read(1, old));
    expect(rule).toBe('F2');
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ adopted: old, adoptedCall: 1, seen: [] });
    // Its nudge, should it still arrive, empties (N1).
    expect(step(state, { type: 'nudge', by: 'b#1' }).rule).toBe('N1');
  });

  it('F3: a marker written since the start, of a clear not heard: empties as an external clear', () => {
    const recent = marker(3, 'b#1', START);
    const { rule, effects, state } = step(initialState(START), read(1, recent));
    expect(rule).toBe('F3');
    expect(effects).toEqual([{ type: 'empty', cause: 'check' }]);
    expect(state).toMatchObject({ adopted: recent, seen: ['b#1'] });
  });

  it('F3: a marker inside the 1 s slack empties as a precaution', () => {
    const inSlack = marker(3, 'b#1', START - FIRST_READ_SLACK);
    expect(step(initialState(START), read(1, inSlack)).effects).toEqual([{ type: 'empty', cause: 'precaution' }]);
  });

  it('F3: a recent marker whose nudge was heard still empties, as a precaution', () => {
    const heard = step(initialState(START), { type: 'nudge', by: 'b#2' }).state;
    const { rule, effects } = step(heard, read(1, marker(2, 'b#2', START + 5)));
    expect(rule).toBe('F3');
    expect(effects).toEqual([{ type: 'empty', cause: 'precaution' }]);
  });
});

describe('later reads', () => {
  it('R0: an answer of a call older than the adopted one changes nothing', () => {
    const before = adoptedState(marker(2, 'b#2'), ['b#2'], 5);
    const { rule, effects, state } = step(before, read(4, marker(1, 'b#1', START, 'other-epoch')));
    expect(rule).toBe('R0');
    expect(effects).toEqual([]);
    expect(state).toBe(before);
  });

  it('R1: the adopted marker, an older one, or none again when none was adopted: nothing', () => {
    const adopted = marker(2, 'b#2');
    for (const found of [adopted, marker(1, 'b#1')]) {
      const { rule, effects } = step(adoptedState(adopted), read(2, found));
      expect([rule, effects]).toEqual(['R1', []]);
    }
    expect(step(adoptedState(null), read(2, null)).rule).toBe('R1');
  });

  it('R2: the next marker, its nudge heard: adopts it silently', () => {
    const heard = step(adoptedState(marker(1, 'a#1')), { type: 'nudge', by: 'b#1' }).state;
    const next = marker(2, 'b#1');
    const { rule, effects, state } = step(heard, read(2, next));
    expect(rule).toBe('R2');
    expect(effects).toEqual([]);
    expect(state).toMatchObject({ adopted: next, adoptedCall: 2 });
  });

  it('R2: generation 1 after none, its nudge heard', () => {
    const heard = step(adoptedState(null), { type: 'nudge', by: 'b#1' }).state;
    expect(step(heard, read(2, marker(1, 'b#1'))).rule).toBe('R2');
  });

  it('R3: the adopted marker was lost: empties as a precaution, forgets, and re-saves it', () => {
    const lost = marker(4, 'a#1');
    const { rule, effects, state } = step(adoptedState(lost), read(2, null, START + 500));
    expect(rule).toBe('R3');
    expect(effects).toEqual([{ type: 'empty', cause: 'precaution' }, { type: 'resave', lost }]);
    expect(state).toMatchObject({ adopted: undefined, adoptedCall: 2, since: START + 500 });
  });

  it('R4: a clear never heard of empties as an external clear', () => {
    const next = marker(2, 'b#1');
    const { rule, effects, state } = step(adoptedState(marker(1, 'a#1')), read(2, next));
    expect(rule).toBe('R4');
    expect(effects).toEqual([{ type: 'empty', cause: 'check' }]);
    expect(state).toMatchObject({ adopted: next, adoptedCall: 2, seen: ['a#1', 'b#1'] });
  });

  it('R4: a heard clear with a gap before it empties as a precaution', () => {
    const heard = step(adoptedState(marker(1, 'a#1')), { type: 'nudge', by: 'b#1' }).state;
    expect(step(heard, read(2, marker(3, 'b#1'))).effects).toEqual([{ type: 'empty', cause: 'precaution' }]);
  });

  it('R4: the same clear re-saved under another epoch empties once, as a precaution', () => {
    const resaved = marker(4, 'a#1', START, 'e2');
    const { rule, effects } = step(adoptedState(marker(4, 'a#1')), read(2, resaved));
    expect([rule, effects]).toEqual(['R4', [{ type: 'empty', cause: 'precaution' }]]);
  });

  it('R5: its own re-save answered: adopts it silently', () => {
    const forgotten = step(adoptedState(marker(4, 'a#1')), read(2, null)).state;
    const resaved = marker(4, 'a#1', START, 'e2');
    const { rule, effects, state } = step(forgotten, { type: 'resaved', call: 3, stored: resaved, ours: true, now: START + 20 });
    expect([rule, effects]).toEqual(['R5', []]);
    expect(state).toMatchObject({ adopted: resaved, adoptedCall: 3 });
  });

  it('a re-save that found another realm\'s marker treats it as a first read', () => {
    const forgotten = step(adoptedState(marker(4, 'a#1')), read(2, null, START + 5000)).state;
    const other = marker(4, 'x#1', START, 'e3');
    expect(step(forgotten, { type: 'resaved', call: 3, stored: other, ours: false, now: START + 5001 }).rule).toBe('F2');
    const fresh = marker(1, 'c#1', START + 5000, 'e4');
    expect(step(forgotten, { type: 'resaved', call: 3, stored: fresh, ours: false, now: START + 5001 }).effects).toEqual([{ type: 'empty', cause: 'check' }]);
  });
});

describe('own writes', () => {
  const wrote = (call: number, previous: Marker | null, written: Marker): ProtocolEvent => ({ type: 'wrote', call, previous, written, now: START + 10 });

  it('W0: a later call already showed this write: nothing', () => {
    const written = marker(2, 'me#1');
    const before = adoptedState(marker(3, 'b#1'), ['me#1', 'b#1'], 7);
    const { rule, effects, state } = step(before, wrote(6, marker(1, 'a#1'), written));
    expect([rule, effects]).toEqual(['W0', []]);
    expect(state).toBe(before);
  });

  it('W1: a write over a wiped store empties as a precaution and adopts the write', () => {
    const cleared = step(adoptedState(marker(5, 'a#1')), { type: 'clear', by: 'me#1' }).state;
    const written = marker(6, 'me#1', START, 'e2');
    const { rule, effects, state } = step(cleared, wrote(2, null, written));
    expect([rule, effects]).toEqual(['W1', [{ type: 'empty', cause: 'precaution' }]]);
    expect(state).toMatchObject({ adopted: written, adoptedCall: 2 });
  });

  it('W2: a write over the adopted marker adopts the write silently', () => {
    const cleared = step(adoptedState(marker(1, 'a#1')), { type: 'clear', by: 'me#1' }).state;
    const { rule, effects, state } = step(cleared, wrote(2, marker(1, 'a#1'), marker(2, 'me#1')));
    expect([rule, effects]).toEqual(['W2', []]);
    expect(state.adopted).toEqual(marker(2, 'me#1'));
  });

  it('W2: a write over a clear never heard of empties for it, then adopts the write', () => {
    const cleared = step(adoptedState(marker(1, 'a#1')), { type: 'clear', by: 'me#1' }).state;
    const { rule, effects, state } = step(cleared, wrote(2, marker(2, 'b#1'), marker(3, 'me#1')));
    expect([rule, effects]).toEqual(['W2', [{ type: 'empty', cause: 'check' }]]);
    expect(state.adopted).toEqual(marker(3, 'me#1'));
  });

  it('W2: a write answered after a later call that ran before it still reconciles what it overwrote', () => {
    // Calls run out of order after a timed-out call is retried: call 3 ran first and saw gen 1.
    const cleared = step(adoptedState(marker(1, 'me#2'), ['me#2'], 3), { type: 'clear', by: 'me#1' }).state;
    const { rule, effects } = step(cleared, wrote(2, marker(2, 'b#1'), marker(3, 'me#1')));
    expect([rule, effects]).toEqual(['W2', [{ type: 'empty', cause: 'check' }]]);
  });
});

describe('forget', () => {
  it('L1: starts listening anew; answers of earlier calls are out of date', () => {
    const { rule, effects, state } = step(adoptedState(marker(2, 'b#1')), { type: 'forget', call: 9, now: START + 100 });
    expect([rule, effects]).toEqual(['L1', []]);
    expect(state).toMatchObject({ adopted: undefined, adoptedCall: 9, since: START + 100, seen: ['b#1'] });
    expect(step(state, read(8, marker(3, 'c#1'))).rule).toBe('R0');
    expect(step(state, read(10, marker(3, 'c#1', START + 100))).rule).toBe('F3');
  });
});

describe('step', () => {
  it('is pure: the same input gives the same output and the input is not changed', () => {
    const before = adoptedState(marker(1, 'a#1'));
    const frozen = JSON.stringify(before);
    const event = read(2, marker(2, 'b#1'));
    expect(step(before, event)).toEqual(step(before, event));
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe('reading the same marker again (what a check of an unchanged store skips)', () => {
  const markers = fc.option(
    fc.record({ epoch: fc.constantFrom('e1', 'e2'), gen: fc.integer({ min: 1, max: 4 }), time: fc.integer({ min: START - 3000, max: START + 3000 }), by: fc.constantFrom('a#1', 'a#2', 'b#1', 'b#2') }),
    { nil: null },
  );
  const states = fc.record({
    adopted: fc.oneof(fc.constant(undefined), markers),
    adoptedCall: fc.integer({ min: 0, max: 3 }),
    since: fc.integer({ min: START - 3000, max: START + 3000 }),
    seen: fc.uniqueArray(fc.constantFrom('a#1', 'a#2', 'b#1', 'b#2')),
  }) as fc.Arbitrary<IdState>;

  it('changes nothing when the first read was reconciled and left a marker adopted', () => {
    fc.assert(
      fc.property(states, markers, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (state, found, call, later) => {
        const first = step(state, read(call, found));
        const again = step(first.state, read(call + later, found, START + 20));
        if (rereadChangesNothing(first)) {
          expect(again.state).toBe(first.state);
          expect(again.effects).toEqual([]);
        } else {
          expect(first.rule === 'R0' || first.state.adopted === undefined).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
