/**
 * True where the teaching messages and option validation run: development builds and every test.
 * Never a runtime global: the build replaces it (scripts/dev-flag.mjs). In the default ESM and
 * CJS builds it becomes `process.env.NODE_ENV !== 'production'` behind a `typeof process` guard,
 * so an app's bundler folds it to `false` and drops what it guards, and unbundled ESM in a
 * browser (no `process`) runs as production instead of throwing a ReferenceError.
 */
declare const __DEV__: boolean;
