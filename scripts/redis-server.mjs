// A throwaway Debian redis-server for the server tests and the remote benchmarks: a free loopback
// port, no persistence, its own scratch folder, stopped by PID. One place, so test/server/ and
// bench/ run Redis the same way. (ENVIRONMENT.md: `--port 0` disables TCP rather than picking a port.)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's path; REDIS_SERVER points elsewhere. */
export const redisServerPath = process.env.REDIS_SERVER || '/usr/bin/redis-server';

/** A port that was free a moment ago (listen on 0, close). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a Redis answers PING on `port`. */
function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
}

/**
 * Starts redis-server on `port` (a free one by default) and waits for its first PONG.
 * @returns {Promise<{ port: number, url: string, stop: () => Promise<void> }>} `stop()` sends
 *   SIGTERM by PID (SIGKILL after 5 s), waits for the exit and removes the scratch folder.
 */
export async function startRedis(port) {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'lsc-redis-'));
  const child = spawn(
    redisServerPath,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await ping(chosen))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not start on port ${chosen} (exit ${child.exitCode}): ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { port: chosen, url: `redis://127.0.0.1:${chosen}`, stop };
}
