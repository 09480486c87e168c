// One clear to N SSE clients of one server process: the time until the last client has it (from
// the publish request, measured in the clients' process) and the server's memory per connection.
// The baseline of the time is the same round trip with two clients (one per memory reading), in the same run.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openSseClients } from './sse-clients.mjs';
import { summarize } from './stats.mjs';

const SERVER = fileURLToPath(new URL('./remote-fanout-server.mjs', import.meta.url));
const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });

function get(base, path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

async function startServer(root) {
  const child = spawn(process.execPath, ['--expose-gc', SERVER], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('listening ') && resolve(line.slice(10)));
    child.once('exit', (code) => reject(new Error(`fanout server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Two groups of clients as one, indexed first group first. */
function joinClients(first, second, offset) {
  return {
    onClear(listener) {
      first.onClear(listener);
      second.onClear((index, time) => listener(offset + index, time));
    },
    close() {
      first.close();
      second.close();
    },
  };
}

/**
 * Measures one client count.
 * @returns {Promise<{ clients: number, reached: number, timeToLast: object, memory: { rssPerConnection: number, heapPerConnection: number } }>}
 */
async function measureCount(root, count, rounds) {
  const server = await startServer(root);
  let clients;
  try {
    // Memory is read with no client, with half of them and with all: the second half shows what
    // one more connection costs once the heap and the allocator have grown for the first half.
    const before = JSON.parse(await get(server.base, '/memory'));
    const half = Math.floor(count / 2);
    const firstHalf = await openSseClients(`${server.base}/clears`, half);
    const middle = JSON.parse(await get(server.base, '/memory'));
    const secondHalf = await openSseClients(`${server.base}/clears`, count - half);
    clients = joinClients(firstHalf, secondHalf, half);
    const after = JSON.parse(await get(server.base, '/memory'));
    if (after.connections !== count) throw new Error(`fanout: the server holds ${after.connections} connections, expected ${count}`);
    const heap = (usage) => usage.heapUsed + usage.external + usage.arrayBuffers;
    const memory = {
      rssPerConnection: (after.rss - middle.rss) / (count - half),
      rssAllInPerConnection: (after.rss - before.rss) / count,
      heapPerConnection: (heap(after) - heap(middle)) / (count - half),
    };

    const samples = [];
    let reached = count;
    for (let round = 0; round < rounds; round += 1) {
      const seen = new Uint8Array(count);
      let missing = count;
      let last = 0;
      const done = new Promise((resolve) => {
        clients.onClear((index, time) => {
          if (seen[index]) return;
          seen[index] = 1;
          last = time;
          missing -= 1;
          if (missing === 0) resolve();
        });
      });
      const start = performance.now();
      await get(server.base, '/publish', 'POST');
      const timedOut = await Promise.race([done.then(() => false), new Promise((resolve) => setTimeout(resolve, 30_000, true))]);
      if (timedOut) {
        reached = Math.min(reached, count - missing);
        break;
      }
      samples.push(last - start);
      // Let the server's write queues drain before the next round.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { clients: count, reached, timeToLast: summarize(samples), memory };
  } finally {
    clients?.close();
    await server.stop();
  }
}

/**
 * @param root the repository root, with dist/ built
 * @param settings `{ counts: number[], rounds: number, baselineRounds: number }`
 */
export async function measureFanout(root, { counts, rounds, baselineRounds }) {
  const baseline = await measureCount(root, 2, baselineRounds);
  const results = {};
  for (const count of counts) results[count] = await measureCount(root, count, rounds);
  agent.destroy();
  return { baseline, results };
}
