// The binding's states as a pure machine: one test per rule of src/service-worker/binding-state.ts.
import { describe, expect, it } from 'vitest';
import { type BindingEvent, type BindingState, bindingStep, INITIAL_BINDING_STATE, isClean } from '../../src/service-worker/binding-state.js';

/** Runs `events` from `state`, collecting the deletions asked. */
function run(state: BindingState, ...events: BindingEvent[]): { state: BindingState; deletions: number[] } {
  const deletions: number[] = [];
  for (const event of events) {
    const step = bindingStep(state, event);
    state = step.state;
    if (step.deleteAt !== undefined) deletions.push(step.deleteAt);
  }
  return { state, deletions };
}

const CLEAN: BindingState = run(INITIAL_BINDING_STATE, { type: 'verify' }, { type: 'verified' }).state;

describe('binding states', () => {
  it('starts unverified, serving nothing, and is clean once reconciliation has compared', () => {
    expect(isClean(INITIAL_BINDING_STATE)).toBe(false);
    expect(isClean(run(INITIAL_BINDING_STATE, { type: 'verify' }).state)).toBe(false);
    expect(CLEAN).toEqual({ phase: 'verified', generation: 0, applied: 0, deleting: 0 });
    expect(isClean(CLEAN)).toBe(true);
  });

  it('leaves emptyings found by store reads before reconciliation took the adopted marker to reconciliation', () => {
    for (const cause of ['check', 'precaution'] as const) {
      const { state, deletions } = run(INITIAL_BINDING_STATE, { type: 'emptied', cause }, { type: 'verify' }, { type: 'verified' });
      expect(deletions).toEqual([]);
      expect(isClean(state)).toBe(true);
    }
  });

  it('deletes for a nudge or an own clear even before reconciliation, and is clean only after that deletion', () => {
    for (const cause of ['nudge', 'own'] as const) {
      const { state, deletions } = run(INITIAL_BINDING_STATE, { type: 'emptied', cause }, { type: 'verify' }, { type: 'verified' });
      expect(deletions).toEqual([1]);
      expect(isClean(state)).toBe(false);
      expect(isClean(run(state, { type: 'deleted', generation: 1 }).state)).toBe(true);
    }
  });

  it('deletes for a check once reconciliation took the adopted marker', () => {
    const { deletions } = run(INITIAL_BINDING_STATE, { type: 'verify' }, { type: 'emptied', cause: 'check' });
    expect(deletions).toEqual([1]);
  });

  it('bumps the fill token at every emptying and is dirty until the latest deletion is done', () => {
    const { state, deletions } = run(CLEAN, { type: 'emptied', cause: 'nudge' }, { type: 'emptied', cause: 'check' }, { type: 'deleted', generation: 1 });
    expect(deletions).toEqual([1, 2]);
    expect(state.generation).toBe(2);
    expect(isClean(state)).toBe(false);
    expect(isClean(run(state, { type: 'deleted', generation: 2 }).state)).toBe(true);
  });

  it('repairs a failed deletion once, not while another is under way', () => {
    const failed = run(CLEAN, { type: 'emptied', cause: 'nudge' }, { type: 'untrusted' }, { type: 'deleteFailed' });
    expect(failed.deletions).toEqual([1]);
    const repaired = run(failed.state, { type: 'untrusted' }, { type: 'untrusted' });
    expect(repaired.deletions).toEqual([1]);
    expect(isClean(run(repaired.state, { type: 'deleted', generation: 1 }).state)).toBe(true);
  });

  it('treats contents it could not reconcile as unknown: deleted at the first untrusted use', () => {
    const { state, deletions } = run(INITIAL_BINDING_STATE, { type: 'verify' }, { type: 'unverifiable' }, { type: 'untrusted' });
    expect(deletions).toEqual([0]);
    expect(isClean(run(state, { type: 'deleted', generation: 0 }).state)).toBe(true);
  });

  it('asks no repair before reconciliation, nor of clean contents', () => {
    expect(run(INITIAL_BINDING_STATE, { type: 'untrusted' }).deletions).toEqual([]);
    expect(run(CLEAN, { type: 'untrusted' }).deletions).toEqual([]);
  });
});
