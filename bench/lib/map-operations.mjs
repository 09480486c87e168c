// Benchmark 1: get / has / set on a filled LocalSyncCache against a plain Map holding the same
// entries. The same code runs in Node and in the bench page; the caller passes tinybench's
// Bench and a cache factory, so this file imports nothing that would differ between the two.
import { summarize } from './stats.mjs';

const OPERATIONS = ['get', 'has', 'set'];

const ENTRIES = 1_000;
// Each measured call is one batch: the key sequence (one pass over every entry, in a scrambled
// order) walked PASSES times. One `Map#get` takes 5-20 ns, far below the 5 us clock step of a
// cross-origin-isolated page and near the cost of reading the clock in Node, so single calls
// cannot be timed; a batch of 100,000 lasts about 0.5 ms, where the clock step is about 1%.
// Each sample is the batch time divided by the operations in it.
const PASSES = 100;
const BATCH = ENTRIES * PASSES;

const LOOP_BODIES = {
  get: 'if (target.get(keys[index]) !== undefined) count++;',
  has: 'if (target.has(keys[index])) count++;',
  // Overwrites existing keys, so both maps keep their size and shape during the run.
  set: 'target.set(keys[index], values[index]); count++;',
};

/**
 * One loop per operation and subject, each compiled from its own source text. A loop shared
 * by both subjects would see two receiver shapes at `target.get` and become polymorphic for
 * both; V8 also shares feedback between closures made from one function literal, and caches
 * compilation by source, so the subject's name goes into the source to keep every loop apart.
 */
function compileLoop(operation, subject) {
  return new Function(
    `return function ${operation}On${subject}(target, keys, values) {
      let count = 0;
      for (let pass = 0; pass < ${PASSES}; pass++) {
        for (let index = 0; index < keys.length; index++) { ${LOOP_BODIES[operation]} }
      }
      return count;
    };`,
  )();
}

/**
 * Fresh maps and key arrays for one round, LAYOUTS of each kind. On this hardware a loop over
 * one particular map can run at 8.5 or at 15 ns per call depending only on where the map and
 * the arrays landed in memory (two plain Maps show the same 1.8x split), and that luck holds
 * for the life of the objects. Drawing new objects every round, several per round, gives ours
 * and the baseline the same mix of layouts, so the median compares the operations rather than
 * one allocation's luck.
 */
const LAYOUTS = 4;

function freshSubjects(createCache, round) {
  const create = { LocalSyncCache: (copy) => createCache(`bench-map-operations-${round}-${copy}`), Map: () => new Map() };
  return Object.fromEntries(
    Object.entries(create).map(([subject, make]) => [
      subject,
      Array.from({ length: LAYOUTS }, (_, copy) => {
        const keys = Array.from({ length: ENTRIES }, (_, index) => (index * 7_919) % ENTRIES);
        const values = keys.map((key) => `value ${key} of round ${round}`);
        const target = make(copy);
        for (let key = 0; key < ENTRIES; key++) target.set(key, `value ${key}`);
        return { target, keys, values };
      }),
    ]),
  );
}

/**
 * @param {object} options
 * @param {typeof import('tinybench').Bench} options.Bench
 * @param {(id: string) => Map<number, string> & { dispose(): void }} options.createCache builds an empty LocalSyncCache
 * @param {number} [options.rounds] runs of the whole task list. Besides new objects (above), each
 *   round flips the task order, and the rounds are short: on this shared machine a core's speed
 *   also changes for seconds at a time, and many short alternating rounds spread that evenly.
 * @param {number} [options.time] tinybench time budget per task and round, ms
 * @param {number} [options.iterations] tinybench's least number of batches per task and round
 * @returns per operation, `{ ours, baseline }` summaries in ns per call
 */
export async function measureMapOperations({ Bench, createCache, rounds = 30, time = 15, iterations = 16 }) {
  const tasks = OPERATIONS.flatMap((operation) =>
    ['LocalSyncCache', 'Map'].map((subject) => ({ name: `${operation} ${subject}`, subject, loop: compileLoop(operation, subject) })),
  );
  let sink = 0;
  const samples = new Map(tasks.map((task) => [task.name, []]));
  for (let round = 0; round < rounds; round++) {
    const subjects = freshSubjects(createCache, round);
    // Warm-up only once: the JIT keeps what it learned, and later rounds only add samples.
    const bench = new Bench({ time, iterations, warmup: round === 0, retainSamples: true, timestampProvider: 'auto' });
    for (const task of round % 2 === 0 ? tasks : [...tasks].reverse()) {
      const copies = subjects[task.subject];
      let call = 0;
      bench.add(task.name, () => {
        const { target, keys, values } = copies[call++ % LAYOUTS];
        sink += task.loop(target, keys, values);
      }, { async: false });
    }
    await bench.run();
    for (const { target } of subjects.LocalSyncCache) target.dispose();
    for (const task of bench.tasks) {
      if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.error?.message ?? task.result.state}`);
      // tinybench reports ms per call of the task; one call is one batch.
      for (const ms of task.result.latency.samples) samples.get(task.name).push((ms * 1e6) / BATCH);
    }
  }
  if (sink === 0) throw new Error('map operations: the loops did no work');

  return Object.fromEntries(
    OPERATIONS.map((operation) => [
      operation,
      { ours: summarize(samples.get(`${operation} LocalSyncCache`)), baseline: summarize(samples.get(`${operation} Map`)) },
    ]),
  );
}
