// The raw-marker read of e2e/cases/raw-marker.ts for Playwright pages (the Chromium-only specs).
import type { Page } from '@playwright/test';
import { type RawMarker, readMarker } from '../cases/raw-marker';
import type { PageFunction } from '../drivers/engine';

export type { RawMarker };

/** The stored record of `id`, or `null` when the database or the record does not exist. */
export function readRawMarker(page: Page, namespace: string, id: string): Promise<RawMarker | null> {
  return readMarker({ evaluate: <R, A>(fn: PageFunction<A, R>, arg?: A) => page.evaluate(fn as unknown as (arg: unknown) => R, arg) as Promise<R> }, namespace, id);
}
