import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './free-port';

/** One server of the cluster: its ports stay the same across restarts, and so does its store. */
export interface NatsNode {
  name: string;
  /** Clients connect here. */
  port: number;
  /** The other servers route to this one here. */
  routePort: number;
  /** HTTP monitoring (`/jsz`, `/healthz`). */
  monitorPort: number;
  storeDir: string;
  process?: ChildProcess;
}

interface MetaCluster {
  leader?: string;
  cluster_size?: number;
}

/**
 * A JetStream cluster of the machine's nats-server (2.9 here) on the loopback: `size` servers with
 * their own store folders, routes to each other and one cluster name. Streams created with
 * `num_replicas: 3` on it survive the loss of any one server. A node is killed with SIGKILL (a crash:
 * nothing flushed, no goodbye to the others) and restarted on the same ports and store, as a pod of a
 * StatefulSet would be.
 */
export class NatsCluster {
  private constructor(
    readonly nodes: NatsNode[],
    private readonly root: string,
    private readonly binary: string,
  ) {}

  static async start(options: { size?: number; binary?: string } = {}): Promise<NatsCluster> {
    const size = options.size ?? 3;
    const root = mkdtempSync(join(tmpdir(), 'qollqa-nats-cluster-'));
    const ports = await freePorts(size * 3);
    const nodes = Array.from({ length: size }, (_, i) => ({
      name: `nats-${i}`,
      port: ports[i * 3],
      routePort: ports[i * 3 + 1],
      monitorPort: ports[i * 3 + 2],
      storeDir: join(root, `nats-${i}`),
    }));
    const cluster = new NatsCluster(
      nodes,
      root,
      options.binary ?? process.env.NATS_SERVER_BIN ?? 'nats-server',
    );
    try {
      for (const node of nodes) cluster.spawn(node);
      await Promise.all(nodes.map((node) => cluster.waitUntilServing(node)));
      await cluster.waitForMetaLeader();
    } catch (err) {
      await cluster.destroy();
      throw err;
    }
    return cluster;
  }

  /** Every client URL, comma-separated: what NATS_URL says for the cluster. */
  get urls(): string {
    return this.servers.join(',');
  }

  get servers(): string[] {
    return this.nodes.map((node) => `nats://127.0.0.1:${node.port}`);
  }

  isRunning(index: number): boolean {
    const child = this.nodes[index].process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Kills a server with SIGKILL and waits until it is gone. */
  async kill(index: number): Promise<void> {
    const node = this.nodes[index];
    const child = node.process;
    node.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /**
   * Starts a killed server again (same ports, same store) and waits until it serves clients and the
   * cluster has a meta leader again.
   */
  async restart(index: number): Promise<void> {
    const node = this.nodes[index];
    if (this.isRunning(index)) return;
    this.spawn(node);
    await this.waitUntilServing(node);
    await this.waitForMetaLeader();
  }

  /**
   * Waits until every running server names the same JetStream meta leader, itself running: the
   * cluster can create streams and consumers and elect their leaders. Returns the leader's name.
   */
  async waitForMetaLeader(timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.nodes.filter((_, i) => this.isRunning(i));
      const leaders = await Promise.all(
        running.map((node) =>
          this.monitor<{ meta_cluster?: MetaCluster }>(node, '/jsz').then(
            (jsz) => jsz?.meta_cluster?.leader,
          ),
        ),
      );
      const leader = leaders[0];
      if (
        leader &&
        leaders.every((name) => name === leader) &&
        running.some((node) => node.name === leader)
      ) {
        return leader;
      }
      if (Date.now() > deadline) {
        throw new Error(`the NATS cluster has no JetStream meta leader (${leaders.join(', ')})`);
      }
      await sleep(200);
    }
  }

  /**
   * Waits until every running server says it is healthy (`/healthz`: JetStream on, and current with
   * the meta leader and with every stream and consumer replica it holds): a restarted server has
   * caught up, and losing another server keeps every replicated stream's quorum.
   */
  async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.nodes.filter((_, i) => this.isRunning(i));
      const healthy = await Promise.all(
        running.map((node) =>
          fetch(`http://127.0.0.1:${node.monitorPort}/healthz`)
            .then((response) => response.ok)
            .catch(() => false),
        ),
      );
      if (healthy.every(Boolean)) return;
      if (Date.now() > deadline) {
        const sick = running.filter((_, i) => !healthy[i]).map((node) => node.name);
        throw new Error(`NATS servers not healthy: ${sick.join(', ')}`);
      }
      await sleep(200);
    }
  }

  /** Kills every server and deletes their stores. */
  async destroy(): Promise<void> {
    for (let i = 0; i < this.nodes.length; i++) await this.kill(i);
    rmSync(this.root, { recursive: true, force: true });
  }

  private spawn(node: NatsNode): void {
    mkdirSync(node.storeDir, { recursive: true });
    const routes = this.nodes
      .filter((other) => other !== node)
      .map((other) => `nats://127.0.0.1:${other.routePort}`)
      .join(',');
    node.process = spawn(
      this.binary,
      [
        '-a',
        '127.0.0.1',
        '-p',
        String(node.port),
        '-m',
        String(node.monitorPort),
        '--server_name',
        node.name,
        '--cluster_name',
        'qollqa',
        '--cluster',
        `nats://127.0.0.1:${node.routePort}`,
        '--routes',
        routes,
        '-js',
        '-sd',
        node.storeDir,
        '-l',
        join(this.root, `${node.name}.log`),
      ],
      {
        stdio: 'ignore',
        env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/usr/local/sbin` },
      },
    );
  }

  private async waitUntilServing(node: NatsNode, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.monitor(node, '/varz'))) {
      if (!node.process || node.process.exitCode !== null) {
        throw new Error(`nats-server ${node.name} exited at start: ${this.logTail(node)}`);
      }
      if (Date.now() > deadline) throw new Error(`nats-server ${node.name} did not start`);
      await sleep(100);
    }
  }

  /** The last lines of a server's log, for an error message. */
  private logTail(node: NatsNode): string {
    try {
      return readFileSync(join(this.root, `${node.name}.log`), 'utf8')
        .trim()
        .split('\n')
        .slice(-3)
        .join(' | ');
    } catch {
      return 'no log';
    }
  }

  private async monitor<T>(node: NatsNode, path: string): Promise<T | undefined> {
    try {
      const response = await fetch(`http://127.0.0.1:${node.monitorPort}${path}`, {
        signal: AbortSignal.timeout(2000),
      });
      return response.ok ? ((await response.json()) as T) : undefined;
    } catch {
      return undefined;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
