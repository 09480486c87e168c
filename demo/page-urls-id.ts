// The id every realm keeps its computed page URLs under (demo/page-urls.ts), and that the server
// panel (demo/demo-server.mjs) and the service worker clear or bind.
export const PAGE_URLS = 'page-urls';
