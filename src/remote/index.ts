export { connectRemote, type ConnectRemoteOptions, type RemoteConnection, type RemoteDiagnostics } from './connect-remote.js';
export type { RemoteCore } from './remote-core.js';
export { createPublicApiCore, type CursorStore } from './public-api-core.js';
