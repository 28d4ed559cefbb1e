import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, ServiceName } from '@qollqa/config';
import { distPath } from './dist-paths';
import { freePorts } from './free-port';

/** One process of one service, as `npm start` runs it (dist/apps/<service>/src/main.js). */
export interface Replica {
  service: ServiceName;
  /** `gateway#2` */
  name: string;
  /** Its HTTP port: the API for a gateway, /health and /metrics for the others. */
  port: number;
  child?: ChildProcess;
  /** Set while the fault injector holds it down: its exit is no crash. */
  heldDown: boolean;
}

/**
 * `count` replicas of every service, each its own process with its own port, all on the same
 * database, NATS cluster and prefix. A replica that exits without being killed on purpose is
 * restarted a second later (as its orchestrator would) and counted: the summary reports it.
 */
export class ServiceReplicas {
  readonly replicas: Replica[] = [];
  /** Replicas that exited on their own, by name (each one a crash to look into). */
  readonly crashes: string[] = [];
  private stopping = false;
  private readonly logs = new Map<string, WriteStream>();

  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {}

  static async start(options: {
    env: NodeJS.ProcessEnv;
    count: number;
    logDir: string;
  }): Promise<ServiceReplicas> {
    const set = new ServiceReplicas(options.env, options.logDir);
    const ports = await freePorts(SERVICE_NAMES.length * options.count);
    for (const [s, service] of SERVICE_NAMES.entries()) {
      for (let i = 0; i < options.count; i++) {
        set.replicas.push({
          service,
          name: `${service}#${i + 1}`,
          port: ports[s * options.count + i],
          heldDown: false,
        });
      }
    }
    // One replica of each first: the first start migrates each schema (under an advisory lock).
    for (const replica of set.replicas.filter((r) => r.name.endsWith('#1'))) set.spawn(replica);
    await set.waitUntilReady(
      set.replicas.filter((r) => r.child),
      180_000,
    );
    for (const replica of set.replicas.filter((r) => !r.child)) set.spawn(replica);
    await set.waitUntilReady(set.replicas, 180_000);
    return set;
  }

  gatewayUrls(): string[] {
    return this.replicas
      .filter((replica) => replica.service === 'gateway')
      .map((replica) => `http://127.0.0.1:${replica.port}`);
  }

  of(service: ServiceName): Replica[] {
    return this.replicas.filter((replica) => replica.service === service);
  }

  isRunning(replica: Replica): boolean {
    const child = replica.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** kill -9, and the replica stays down until `restart`. */
  async kill(replica: Replica): Promise<void> {
    replica.heldDown = true;
    const child = replica.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  restart(replica: Replica): void {
    replica.heldDown = false;
    if (!this.isRunning(replica)) this.spawn(replica);
  }

  async isReady(replica: Replica): Promise<boolean> {
    if (!this.isRunning(replica)) return false;
    return fetch(`http://127.0.0.1:${replica.port}/health/ready`, {
      signal: AbortSignal.timeout(3000),
    })
      .then((response) => response.ok)
      .catch(() => false);
  }

  async waitUntilReady(replicas: Replica[] = this.replicas, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await Promise.all(replicas.map((replica) => this.isReady(replica)));
      if (ready.every(Boolean)) return;
      if (Date.now() > deadline) {
        const late = replicas.filter((_, i) => !ready[i]).map((replica) => replica.name);
        throw new Error(
          `not ready within ${timeoutMs / 1000} s: ${late.join(', ')} (logs in ${this.logDir})`,
        );
      }
      await sleep(300);
    }
  }

  /** SIGTERM to every replica, and waits until all are gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    const running = this.replicas.filter((replica) => this.isRunning(replica));
    await Promise.all(
      running.map(async (replica) => {
        const exited = once(replica.child!, 'exit');
        replica.child!.kill('SIGTERM');
        const forced = setTimeout(() => replica.child?.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(forced);
      }),
    );
    for (const log of this.logs.values()) log.end();
  }

  private spawn(replica: Replica): void {
    const portVariable =
      replica.service === 'gateway'
        ? 'PORT'
        : `${replica.service.toUpperCase().replace('-', '_')}_PORT`;
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', distPath('apps', replica.service, 'src', 'main.js')],
      {
        env: { ...this.env, [portVariable]: String(replica.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    replica.child = child;
    const log = this.logOf(replica);
    log.write(`=== ${replica.name} started (pid ${child.pid})\n`);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.on('exit', (code, signal) => {
      if (this.stopping || replica.heldDown || replica.child !== child) return;
      // It died by itself: a crash. Restarted as an orchestrator would, and reported.
      this.crashes.push(`${replica.name} (${signal ?? `exit ${code}`})`);
      log.write(`\n=== ${replica.name} exited by itself (${signal ?? code}); restarting\n`);
      setTimeout(() => !this.stopping && !replica.heldDown && this.spawn(replica), 1000);
    });
  }

  private logOf(replica: Replica): WriteStream {
    let log = this.logs.get(replica.name);
    if (!log) {
      log = createWriteStream(join(this.logDir, `${replica.name.replace('#', '-')}.log`), {
        flags: 'a',
      });
      this.logs.set(replica.name, log);
    }
    return log;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
