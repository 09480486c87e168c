// Many SSE clients on raw sockets, for the fanout and latency benchmarks: an EventSource object per
// client would measure the client library, not the server. Each client sends one GET and only
// looks for the event names it is told to count.
import { connect } from 'node:net';

/**
 * Opens `count` SSE connections to `url` in batches (the listen backlog is finite) and resolves once
 * each has received `event: ready`.
 * @returns {Promise<{ sockets: import('node:net').Socket[], onClear: (listener: (index: number, time: number) => void) => void, close: () => void }>}
 */
export async function openSseClients(url, count, { batch = 100 } = {}) {
  const { hostname, port, pathname, search } = new URL(url);
  const request = `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`;
  const sockets = [];
  let listener = () => undefined;
  const openOne = (index) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.setNoDelay(true);
      socket.setEncoding('utf8');
      let ready = false;
      // The tail of the previous chunk, in case an event name is split across two reads.
      let tail = '';
      socket.on('connect', () => socket.write(request));
      socket.on('data', (chunk) => {
        const text = tail + chunk;
        tail = text.slice(-16);
        if (!ready && text.includes('event: ready')) {
          ready = true;
          resolve(socket);
        }
        if (text.includes('event: clear')) listener(index, performance.now());
      });
      socket.on('error', (error) => (ready ? undefined : reject(error)));
      sockets.push(socket);
    });
  for (let start = 0; start < count; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, offset) => openOne(start + offset)));
  }
  return {
    sockets,
    onClear(next) {
      listener = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
    },
  };
}
