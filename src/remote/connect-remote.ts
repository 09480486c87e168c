import { getDefaultHub } from '../hub/default-hub.js';
import { describeValue, errorText } from '../errors.js';
import { findWindow } from '../environment.js';
import type { SyncHub } from '../hub/sync-hub.js';
import { onOnline } from '../triggers/on-online.js';
import { onResume } from '../triggers/on-resume.js';
import { onVisible } from '../triggers/on-visible.js';
import { listen } from '../triggers/trigger.js';
import { createCatchUp } from './catch-up.js';
import { createHubCore } from './hub-core.js';
import type { RemoteCore } from './remote-core.js';
import { findEventSource, findLocks, realmAge } from './remote-environment.js';
import { FIRST_READ_SLACK } from '../core/protocol.js';
import { MAX_AGE } from '../core/replay-age.js';
import { isStreamId, parseClear, parseReady } from './remote-events.js';

/** Options of {@link connectRemote}. */
export interface ConnectRemoteOptions {
  /** The SSE endpoint of `local-sync-cache/server`, absolute or relative to the page. */
  url: string;
  /** The hub whose caches server clears empty. @default the default hub */
  hub?: SyncHub;
  /** Send cookies to a cross-origin endpoint (EventSource `withCredentials`). @default false */
  withCredentials?: boolean;
  /**
   * A connection that delivered nothing (not even an `event: heartbeat`) for this long is
   * reopened when the page becomes visible or the network returns. The server sends an
   * `event: heartbeat` every 15 s by default (`heartbeatEvent`); `:` comments are invisible to EventSource.
   * @default 45_000
   */
  staleAfter?: number;
  /** First delay before reopening a connection the browser gave up on, in ms; doubled each time, with jitter. @default 1_000 */
  reconnectDelay?: number;
  /** @default 60_000 */
  maxReconnectDelay?: number;
  /**
   * How old, in ms, the oldest data this page may hold is; asked only when the browser connects
   * without a saved cursor (its first connection, or after its storage was wiped), so that clears
   * published between that data's fetch and the connection are replayed. Return more if the page
   * restores data saved earlier (a persisted query cache). Each call's answer is sent as `?age=`;
   * one that is not a finite number (NaN, Infinity) asks for everything, which the feed answers with a reset.
   * @default the time since the page started (`performance.now()`) plus 1 s of slack
   */
  dataAge?: () => number;
  /** Web Locks used to elect one leader tab; `null` makes every tab connect. @default navigator.locks where present */
  locks?: LockManager | null;
  /** The EventSource constructor. @default globalThis.EventSource */
  EventSource?: typeof EventSource;
  /** Where server clears are applied; see remote-core.ts. @default createHubCore({ hub }) */
  core?: RemoteCore;
  /** Warnings (the one "unreachable" warning). @default console */
  logger?: { warn(...details: unknown[]): void };
  /** Failures while applying a clear. @default logger.warn */
  onError?: (error: unknown) => void;
}

/** Counters of one remote connection. */
export interface RemoteDiagnostics {
  /** Server clears applied (markers committed and cursor saved). */
  clears: number;
  /** `reset` events applied (every cache emptied as a precaution). */
  resets: number;
  /** Events whose data or id did not follow the wire format; ignored. */
  malformedEvents: number;
  /** Connections opened (the first one and every reopening). */
  opened: number;
}

/** A running remote connection. */
export interface RemoteConnection {
  /** Whether this tab holds the leader lock (or connects without one). */
  readonly leader: boolean;
  readonly diagnostics: RemoteDiagnostics;
  /**
   * Resolves `true` once this browser has caught up with the feed since this page started: the
   * leader tab (this one or another) connected and applied every clear published before the
   * server's `ready`, those published while the browser was closed included. Resolves `false` after
   * `timeout` ms instead (the server unreachable, no tab leading), so a start-up never hangs on it.
   * In a tab that does not lead, it also checks this tab's caches against the committed markers
   * first. Await it before reading data that outlived the page.
   * @example
   * if (await remote.caughtUp()) restoreQueryCache(); // else start without the persisted copy
   */
  caughtUp(timeout?: number): Promise<boolean>;
  /** Closes the EventSource, releases the lock and removes every listener. */
  close(): void;
}

/** `value` when it is a usable delay in ms, else `fallback`. */
const delayOr = (value: number | undefined, fallback: number): number => (value !== undefined && value >= 0 && Number.isFinite(value) ? value : fallback);

/** The page's age with the slack of the first-read rule (docs/protocol.md, F3); `undefined` where the realm cannot tell. */
function defaultDataAge(): number | undefined {
  const age = realmAge();
  return age === undefined ? undefined : age + FIRST_READ_SLACK;
}

/**
 * Applies clears published by `local-sync-cache/server` to this browser's caches. One tab per
 * browser profile (elected with Web Locks) holds the EventSource and applies each clear like a
 * clear from another tab; the other tabs hear it through the usual nudge or their next check.
 *
 * @example
 * import { connectRemote } from 'local-sync-cache/remote';
 * const remote = connectRemote({ url: '/clears' });
 * // later (tests, hot reload): remote.close();
 */
export function connectRemote(options: ConnectRemoteOptions): RemoteConnection {
  const where = __DEV__ && 'local-sync-cache/remote connectRemote()';
  // Checked in production too: without it the EventSource would quietly request the page itself.
  if (options === null || typeof options !== 'object' || typeof options.url !== 'string' || options.url.length === 0) {
    throw new TypeError(
      errorText('remote-url', __DEV__ && `${where}: url must be the SSE endpoint of local-sync-cache/server, e.g. connectRemote({ url: '/clears' }); got ${describeValue((options as { url?: unknown } | null)?.url)}`),
    );
  }
  if (__DEV__) {
    for (const name of ['staleAfter', 'reconnectDelay', 'maxReconnectDelay'] as const) {
      const value = options[name];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`${where}: ${name} must be a non-negative number of ms, got ${describeValue(value)}`);
    }
    if (options.dataAge !== undefined && typeof options.dataAge !== 'function') {
      throw new TypeError(`${where}: dataAge must be a function returning ms, e.g. { dataAge: () => Date.now() - savedAt }; got ${describeValue(options.dataAge)}`);
    }
  }
  // Unchecked in production, so a bad value falls back to the default: NaN would reconnect in a tight loop.
  const staleAfter = delayOr(options.staleAfter, 45_000);
  const initialDelay = delayOr(options.reconnectDelay, 1_000);
  const maxDelay = delayOr(options.maxReconnectDelay, 60_000);
  const logger = options.logger ?? console;
  const onError = options.onError ?? ((error: unknown) => logger.warn('local-sync-cache/remote:', error));
  const hub = options.hub ?? getDefaultHub();
  const core = options.core ?? createHubCore({ hub });
  const Source = options.EventSource ?? findEventSource();
  const locks = options.locks === null ? undefined : (options.locks ?? findLocks());
  const page = findWindow();
  const dataAge: () => number | undefined = options.dataAge ?? defaultDataAge;
  const diagnostics: RemoteDiagnostics = { clears: 0, resets: 0, malformedEvents: 0, opened: 0 };
  // One leader per browser profile, feed and namespace; its tabs share the catch-up on the same name.
  const lockName = `local-sync-cache:remote:${core.namespace}:${options.url}`;

  let closed = false;
  let leader = false;
  let campaigning = false;
  let source: EventSource | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let attempts = 0;
  let lastActivity = Date.now();
  let warned = false;
  let release: (() => void) | null = null;
  let abortCampaign: AbortController | null = null;
  // Clears are applied one after another, so cursors are saved in stream order.
  let applying: Promise<void> = Promise.resolve();
  /** Bumped by every open() and every failed apply: queued work of an older connection is dropped. */
  let generation = 0;
  /** Bumped whenever the current connection opens or drops: a `ready` read before then vouches for nothing. */
  let connectionEpoch = 0;

  const warnOnce = (code: 'no-event-source' | 'remote-unreachable', message: string | false) => {
    if (warned) return;
    warned = true;
    logger.warn(errorText(code, __DEV__ && `local-sync-cache/remote: ${message}; clears between tabs of this browser keep working.`));
  };
  if (!Source) {
    warnOnce('no-event-source', __DEV__ && 'no EventSource in this runtime, so server clears cannot be received');
    return { leader: false, diagnostics, caughtUp: async () => false, close: () => undefined };
  }
  const catchUp = createCatchUp(lockName);

  const enqueue = (work: () => Promise<void>) => {
    const queuedFor = generation;
    applying = applying
      .then(() => (queuedFor === generation ? work() : undefined))
      .catch((error: unknown) => {
        onError(error);
        // Nothing of the failed event was recorded (the cursor is saved with the markers), so a
        // later event's cursor must not be saved over it: drop what is queued and resume from the
        // saved cursor, which replays the failed clear.
        if (queuedFor !== generation) return;
        generation += 1;
        if (leader && !closed) scheduleReconnect();
      });
  };

  function onClear(event: MessageEvent): void {
    lastActivity = Date.now();
    const clear = parseClear(event.data);
    const cursor = event.lastEventId;
    if (!clear || !isStreamId(cursor)) {
      diagnostics.malformedEvents += 1;
      return;
    }
    if (clear.namespace !== undefined && clear.namespace !== core.namespace) {
      enqueue(() => core.saveCursor(cursor));
      return;
    }
    enqueue(async () => {
      await (clear.ids ? core.applyRemoteClear(clear.ids, cursor) : core.applyRemoteReset(cursor));
      diagnostics.clears += 1;
    });
  }

  function onReset(event: MessageEvent): void {
    lastActivity = Date.now();
    if (!isStreamId(event.lastEventId)) {
      // A reset is applied even when malformed: when in doubt, clear.
      diagnostics.malformedEvents += 1;
    }
    const cursor = isStreamId(event.lastEventId) ? event.lastEventId : null;
    enqueue(async () => {
      await core.applyRemoteReset(cursor);
      diagnostics.resets += 1;
    });
  }

  function onReady(event: MessageEvent): void {
    lastActivity = Date.now();
    const cursor = parseReady(event.data);
    if (!cursor) {
      diagnostics.malformedEvents += 1;
      return;
    }
    const epoch = connectionEpoch;
    enqueue(async () => {
      await core.saveCursor(cursor);
      // Everything before `ready` is applied (clears are applied in order), on a connection that has
      // not dropped since (the browser's own retry keeps the same EventSource).
      if (epoch === connectionEpoch && source && leader) catchUp.reached();
    });
  }

  /** The current connection ended or dropped: until its next `ready`, this tab cannot vouch for other tabs. */
  function connectionLost(): void {
    connectionEpoch += 1;
    catchUp.lost();
  }

  function disconnect(): void {
    connectionLost();
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    source?.close();
    source = null;
  }

  function scheduleReconnect(): void {
    disconnect();
    // Exponential backoff with full jitter: tabs of many browsers dropped together spread out.
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts += 1;
    reconnectTimer = setTimeout(() => void open(), delay);
  }

  async function open(): Promise<void> {
    disconnect();
    generation += 1;
    let cursor: string | null = null;
    try {
      // After the clear being applied now, if any: its cursor is the one to resume from.
      cursor = await applying.then(() => core.readCursor());
    } catch (error) {
      onError(error);
    }
    if (!leader || closed || source) return;
    // Without a cursor (this browser never connected, or its storage was wiped) the page may already
    // hold data fetched since it started: ask for every clear published since then, so that none
    // that landed before the connection is missed.
    const resume = cursor && isStreamId(cursor) ? cursor : null;
    const age = resume === null ? dataAge() : undefined;
    // An age that cannot be told (NaN, no clock) asks for the longest: the feed answers with a reset.
    const query = resume !== null ? `lastEventID=${encodeURIComponent(resume)}` : `age=${age !== undefined && Number.isFinite(age) && age < MAX_AGE ? Math.max(0, Math.ceil(age)) : MAX_AGE}`;
    const target = `${options.url}${options.url.includes('?') ? '&' : '?'}${query}`;
    const opened = new Source!(target, { withCredentials: options.withCredentials ?? false });
    source = opened;
    diagnostics.opened += 1;
    let everOpen = false;
    let readySeen = false;
    opened.addEventListener('open', () => {
      everOpen = true;
      lastActivity = Date.now();
    });
    opened.addEventListener('clear', onClear as EventListener);
    opened.addEventListener('reset', onReset as EventListener);
    opened.addEventListener('ready', onReady as EventListener);
    opened.addEventListener('ready', () => {
      // Reset here, not on `open`: a feed that accepts and closes at once (its Redis is down) is backed off from.
      readySeen = true;
      attempts = 0;
    });
    opened.addEventListener('heartbeat', () => (lastActivity = Date.now()));
    opened.addEventListener('error', () => {
      if (source !== opened) return;
      connectionLost();
      if (!everOpen) warnOnce('remote-unreachable', __DEV__ && `cannot reach ${options.url}`);
      // CLOSED: the browser gave up (an error status or a wrong content type). CONNECTING: it retries
      // by itself, with the same URL; an age asked before `ready` would be stale by then (clears of the
      // page's first moments would fall out of the window), so reopen with a fresh one instead.
      if (opened.readyState === 2 || (query.startsWith('age=') && !readySeen)) scheduleReconnect();
    });
  }

  function reconnectIfStale(): void {
    if (!leader || closed || Date.now() - lastActivity <= staleAfter) return;
    attempts = 0;
    void open();
  }

  function lead(): void {
    leader = true;
    lastActivity = Date.now();
    void open();
  }

  function campaign(): void {
    if (closed || campaigning) return;
    campaigning = true;
    if (!locks) {
      lead();
      return;
    }
    const controller = new AbortController();
    abortCampaign = controller;
    locks
      .request(lockName, { signal: controller.signal }, () => {
        if (closed || controller.signal.aborted) return undefined;
        lead();
        // Held until this tab steps down (pagehide, freeze, close); then the next tab in line leads.
        return new Promise<void>((resolve) => (release = resolve));
      })
      .catch(() => undefined); // AbortError: stepped down before being elected
  }

  function stepDown(): void {
    campaigning = false;
    leader = false;
    disconnect();
    abortCampaign?.abort();
    abortCampaign = null;
    release?.();
    release = null;
  }

  const detachers: Array<() => void> = [];
  if (page) {
    // A hidden, frozen or cached tab cannot lead: it would hold the lock while running no code.
    detachers.push(listen(page, 'pagehide', stepDown));
    detachers.push(listen(page.document, 'freeze', stepDown));
    detachers.push(listen(page, 'pageshow', campaign));
    detachers.push(onResume(page.document)(campaign));
    detachers.push(onVisible(page.document)(reconnectIfStale));
    detachers.push(onOnline(page)(reconnectIfStale));
  }
  campaign();

  return {
    get leader() {
      return leader;
    },
    get diagnostics() {
      return { ...diagnostics };
    },
    async caughtUp(timeout = 5_000) {
      if (closed) return false;
      const caughtUp = await catchUp.wait(timeout);
      // Another tab may have applied the clears (a leader before this one, or every tab where Web Locks
      // are missing): this tab's caches hear them by nudges that may still be on their way, on another
      // channel. A check of the committed markers makes sure before the app reads; unchanged, it costs
      // one small read.
      if (caughtUp && !hub.closed) await hub.checkAll();
      return caughtUp;
    },
    close() {
      if (closed) return;
      closed = true;
      stepDown();
      catchUp.close();
      for (const detach of detachers.splice(0)) detach();
    },
  };
}
