import { type Marker, parseMarker } from '../core/marker.js';

/**
 * A content marker is kept inside a bound Cache Storage cache and says which shared marker its
 * contents belong to: every entry beside it was stored after the clear that wrote that marker and
 * reflects every clear up to it. A stopped worker forgets everything but Cache Storage, so this is
 * what tells a restarted worker whether the contents predate a clear made while it was stopped.
 * Kept in the same cache, it is deleted together with the contents and can never outlive them.
 */
export interface ContentMarker {
  /** The id the contents belong to; a cache renamed from one id to another is not trusted. */
  readonly id: string;
  /** The shared marker (`null`: the id had never been cleared). */
  readonly marker: Marker | null;
  /**
   * The namespace-wide marker (src/core/namespace-id.ts) at the same time: a reset clears every
   * id without touching the id's own marker. `null` when there was none; content markers written
   * before resets existed have no field and read as `null`.
   */
  readonly namespace: Marker | null;
}

/**
 * Where the content marker is stored. `.invalid` is reserved (RFC 2606): no page ever requests
 * it, so it never collides with a real entry, and the URL is not on the worker's origin.
 */
export const CONTENT_MARKER_URL = 'https://local-sync-cache.invalid/content-marker';
const CONTENT_MARKER_TYPE = 'local-sync-cache:content-marker';

/** The Cache Storage entry that records `marker` (and the namespace-wide `namespace`) as the ones the contents of `id` belong to. */
export function contentMarkerResponse(id: string, marker: Marker | null, namespace: Marker | null): Response {
  return new Response(JSON.stringify({ type: CONTENT_MARKER_TYPE, version: 1, id, marker, namespace }));
}

/**
 * Reads the content marker of a cache bound to `expectedId`. Anything else found under its URL
 * (another id's, another version, a hand-made entry, a truncated body) yields `undefined`, as when
 * there is none: the caller then cannot vouch for the contents and empties them.
 */
export async function readContentMarker(cache: Cache, expectedId: string): Promise<ContentMarker | undefined> {
  try {
    // No entry, a body that is not JSON, or JSON `null`: each throws here and reads as none.
    const { type, version, id, marker, namespace = null } = await (await cache.match(CONTENT_MARKER_URL))!.json();
    const parsed = marker === null ? null : parseMarker(marker);
    const parsedNamespace = namespace === null ? null : parseMarker(namespace);
    if (type === CONTENT_MARKER_TYPE && version === 1 && id === expectedId && parsed !== undefined && parsedNamespace !== undefined) {
      return { id, marker: parsed, namespace: parsedNamespace };
    }
  } catch {
    // Foreign data: not a content marker.
  }
  return undefined;
}
