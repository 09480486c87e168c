// The server process of the fanout benchmark: one feed on the embedded stream, as a one-process
// app runs it. Started with --expose-gc so its memory can be read after a collection.
//   GET /clears    the SSE endpoint
//   POST /publish  publishes one clear, answers its id
//   GET /memory    process.memoryUsage() after two full collections
import { createServer } from 'node:http';
import { createClearFeed } from 'local-sync-cache/server';

const feed = createClearFeed({ heartbeat: 0 });
const server = createServer((req, res) => {
  if (req.url.startsWith('/clears')) return void feed.handler(req, res);
  if (req.url === '/publish') {
    feed.publish({ ids: ['bench'] }).then((id) => res.end(id));
    return;
  }
  if (req.url === '/memory') {
    globalThis.gc();
    globalThis.gc();
    res.end(JSON.stringify({ ...process.memoryUsage(), connections: feed.statistics().connections }));
    return;
  }
  res.statusCode = 404;
  res.end();
});
// The default backlog (511) refuses bursts of new connections; clients connect in batches anyway.
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => console.log(`listening ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
