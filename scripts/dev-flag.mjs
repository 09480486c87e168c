// What `__DEV__` (src/globals.d.ts) becomes, in one place for the build, the test runners and
// every esbuild call that compiles src/ directly.
import replace from '@rollup/plugin-replace';

/**
 * The default builds' flag. Written out at every use (not a shared constant) because bundlers
 * fold it to `false` only in place: a module-level constant holding it is not inlined, so the
 * guarded code would stay. A conditional rather than `&&`: once `process.env.NODE_ENV` is
 * replaced, both of its branches are `false` and esbuild drops the whole expression, where
 * `typeof process < "u" && false` is kept wherever it is passed as a value.
 */
export const DEV_GUARD = '(typeof process < "u" ? process.env.NODE_ENV !== "production" : false)';

/**
 * A rollup (and Vite/Vitest) plugin replacing `__DEV__`.
 * @param {string} [value] the replacement: `DEV_GUARD` (default), or `'true'` for the development build
 */
export function devFlag(value = DEV_GUARD) {
  return replace({ preventAssignment: true, values: { __DEV__: value } });
}
