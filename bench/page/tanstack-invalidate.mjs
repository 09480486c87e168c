// The tanstack-invalidate benchmark, one tab's part (bench/lib/tanstack-invalidate.mjs drives it).
// Each tab has two QueryClients, so the two ways never see each other's traffic:
// - ours: syncQueryInvalidation() on the default hub (real IndexedDB, native BroadcastChannel);
//   a sample ends when the receiver's query of the scope is marked invalid;
// - baseline: TanStack's broadcastQueryClient (experimental), which sends whole query states; a
//   sample is setQueryData() in the sender, ending when the receiver's query holds that data.
// Both end at the moment the receiving tab's QueryClient has applied the news, before any refetch.
import { broadcastQueryClient } from '@tanstack/query-broadcast-client-experimental';
import { QueryClient } from '@tanstack/query-core';
import { syncQueryInvalidation } from 'local-sync-cache/tanstack-query';

const KEY = ['bench-todos'];
const timestamp = () => performance.timeOrigin + performance.now();
const state = { ours: undefined, baseline: undefined, sync: undefined, arrivals: { ours: [], baseline: [] }, wakeUps: new Set() };

function arrived(kind) {
  state.arrivals[kind].push(timestamp());
  for (const wake of [...state.wakeUps]) wake();
}

export const tanstackInvalidate = {
  async tanstackSetup(role) {
    const options = { defaultOptions: { queries: { staleTime: Infinity } } };
    state.ours = new QueryClient(options);
    state.baseline = new QueryClient(options);
    state.sync = syncQueryInvalidation(state.ours, { scopes: [KEY] });
    broadcastQueryClient({ queryClient: state.baseline, broadcastChannel: 'bench-tanstack-broadcast' });
    // The receiver's query exists before sampling, with data, in both clients.
    state.ours.setQueryData(KEY, 0);
    if (role === 'receiver') {
      state.ours.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'invalidate') arrived('ours');
      });
      state.baseline.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.query.state.data === state.arrivals.baseline.length + 1) arrived('baseline');
      });
    }
    await state.sync.ready;
  },

  /** Receiver: makes the query valid again (as its refetch would), so the next invalidation is news. */
  tanstackRevalidate() {
    state.ours.setQueryData(KEY, Date.now());
  },

  /** Sender: one sample; returns its start time once nothing of it is left in flight here. */
  async tanstackSend(kind, count) {
    const start = timestamp();
    if (kind === 'ours') await state.sync.invalidate(KEY);
    else state.baseline.setQueryData(KEY, count);
    return start;
  },

  /** Receiver: resolves with the arrival time of sample `count` of `kind`. */
  tanstackArrival(kind, count) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const at = state.arrivals[kind][count - 1];
        if (at === undefined) return;
        state.wakeUps.delete(check);
        clearTimeout(timer);
        resolve(at);
      };
      const timer = setTimeout(() => {
        state.wakeUps.delete(check);
        reject(new Error(`tanstack-invalidate: arrival ${count} of ${kind} never came`));
      }, 10_000);
      state.wakeUps.add(check);
      check();
    });
  },
};
