export { connectRemote, type ConnectRemoteOptions, type RemoteConnection, type RemoteDiagnostics } from './connect-remote.js';
export type { RemoteCore } from './remote-core.js';
export { createHubCore, type HubCoreOptions } from './hub-core.js';
