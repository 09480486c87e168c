// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalSyncCache } from '../../src/index.js';
import { useCachedValue, useLocalSyncCache } from '../../src/react/index.js';
import { closeTabs, createTabs } from '../helpers/tabs.js';

afterEach(() => {
  cleanup();
  closeTabs();
});

function PageUrl({ cache, computeUrl }: { cache: LocalSyncCache<number, string>; computeUrl: () => string }) {
  const urls = useLocalSyncCache(cache);
  let url = urls.get(1);
  if (url === undefined) urls.set(1, (url = computeUrl()));
  return <a data-testid="link">{url}</a>;
}

describe('useLocalSyncCache', () => {
  it('re-renders when another tab clears the cache', async () => {
    const [tabA, tabB] = createTabs(2);
    const inA = new LocalSyncCache<number, string>('page-urls', { hub: tabA });
    const inB = new LocalSyncCache<number, string>('page-urls', { hub: tabB });
    await Promise.all([tabA.checkAll(), tabB.checkAll()]);
    let slug = 'about';
    render(<PageUrl cache={inB} computeUrl={() => `/${slug}/`} />);
    expect(screen.getByTestId('link').textContent).toBe('/about/');

    slug = 'about-us';
    await act(() => inA.clear());
    await waitFor(() => expect(screen.getByTestId('link').textContent).toBe('/about-us/'));
    expect(inB.get(1)).toBe('/about-us/');
  });

  it('re-renders on a clear in the same tab, and stops listening on unmount', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('page-urls', { hub });
    const computeUrl = vi.fn(() => '/home/');
    const { unmount } = render(
      <StrictMode>
        <PageUrl cache={cache} computeUrl={computeUrl} />
      </StrictMode>,
    );
    const rendersBefore = computeUrl.mock.calls.length;
    await act(() => cache.clear());
    expect(computeUrl.mock.calls.length).toBeGreaterThan(rendersBefore);
    unmount();
    const subscribe = vi.spyOn(cache, 'subscribe');
    await cache.clear();
    expect(subscribe).not.toHaveBeenCalled();
    expect(cache.size).toBe(0);
  });

  it('renders on the server', () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('page-urls', { hub });
    expect(renderToString(<PageUrl cache={cache} computeUrl={() => '/ssr/'} />)).toContain('/ssr/');
  });
});

function UserName({ cache, id, load }: { cache: LocalSyncCache<number, string>; id: number; load: (id: number) => Promise<string> }) {
  const state = useCachedValue(cache, id, load);
  return <span data-testid="name">{state.status === 'success' ? state.value : state.status === 'error' ? `error: ${String(state.error)}` : 'loading'}</span>;
}

describe('useCachedValue', () => {
  it('loads once under StrictMode, shows the value, and reloads after a clear in another tab', async () => {
    const [tabA, tabB] = createTabs(2);
    const inA = new LocalSyncCache<number, string>('users', { hub: tabA });
    const inB = new LocalSyncCache<number, string>('users', { hub: tabB });
    await Promise.all([tabA.checkAll(), tabB.checkAll()]);
    let name = 'Ada';
    const load = vi.fn(async () => name);
    render(
      <StrictMode>
        <UserName cache={inB} id={1} load={load} />
      </StrictMode>,
    );
    expect(screen.getByTestId('name').textContent).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Ada'));
    expect(load).toHaveBeenCalledTimes(1);

    name = 'Ada Lovelace';
    await act(() => inA.clear());
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('Ada Lovelace'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads again when a clear lands while the first load is in flight', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    const results = ['from before the clear', 'from after the clear'];
    let finishFirst!: () => void;
    const load = vi.fn(
      () =>
        new Promise<string>((resolve) => {
          const value = results[load.mock.calls.length - 1];
          if (load.mock.calls.length === 1) finishFirst = () => resolve(value);
          else resolve(value);
        }),
    );
    render(<UserName cache={cache} id={3} load={load} />);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    await act(() => cache.clear());
    finishFirst();
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('from after the clear'));
    expect(cache.get(3)).toBe('from after the clear');
  });

  it('shows load errors and does not cache them', async () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    render(<UserName cache={cache} id={2} load={() => Promise.reject(new Error('offline'))} />);
    await waitFor(() => expect(screen.getByTestId('name').textContent).toBe('error: Error: offline'));
    expect(cache.has(2)).toBe(false);
  });

  it('renders loading on the server without starting a load', () => {
    const [hub] = createTabs(1);
    const cache = new LocalSyncCache<number, string>('users', { hub });
    const load = vi.fn(async () => 'x');
    expect(renderToString(<UserName cache={cache} id={1} load={load} />)).toContain('loading');
    expect(load).not.toHaveBeenCalled();
  });
});
