import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A TCP port on the loopback that nothing listens on, below the kernel's ephemeral range. A server
 * that is killed and restarted must get its port back: a port of the ephemeral range may meanwhile
 * be the local end of any outgoing connection (a reconnecting client's), and the restart would fail.
 */
export async function freePort(): Promise<number> {
  const [ephemeralStart] = ephemeralRange();
  const low = 20_000;
  const high = Math.max(low + 1000, ephemeralStart) - 1;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${low} and ${high}`);
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function ephemeralRange(): [number, number] {
  try {
    const [start, end] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return [start, end];
  } catch {
    return [32768, 60999];
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
