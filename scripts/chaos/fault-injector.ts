import { NatsCluster } from './nats-cluster';
import { PostgresServer } from './postgres-server';
import { Random } from './random';
import { Replica, ServiceReplicas } from './service-replicas';

export type FaultKind = 'replica' | 'nats' | 'postgres';

/** One fault as it was done. */
export interface Fault {
  kind: FaultKind;
  /** What was hit: `repayment#2`, `nats-1`, `postgres`. */
  target: string;
  /** How: `kill -9, down 1.8 s`, `fast restart`, `kill -9 and recovery`. */
  how: string;
  /** Seconds since the injector started. */
  at: number;
}

export interface FaultTargets {
  replicas: ServiceReplicas;
  nats: NatsCluster;
  postgres: PostgresServer;
}

/**
 * Faults at random (seeded), spread evenly over a bounded time: kill -9 of a service replica
 * (started again after a moment, never both replicas of a service at once — the programme runs two
 * so that one carries on), kill -9 of a NATS server (started again after a moment; the next one only
 * once the cluster is healthy again, so a quorum of two always holds), and a PostgreSQL restart — a
 * fast shutdown and start, or a kill -9 and crash recovery (at least once).
 */
export class FaultInjector {
  readonly faults: Fault[] = [];
  private done = false;
  private readonly restarts = new Set<Promise<void>>();
  private started = 0;

  constructor(
    private readonly targets: FaultTargets,
    private readonly random: Random,
    private readonly say: (line: string) => void = () => undefined,
  ) {}

  get finished(): boolean {
    return this.done;
  }

  /**
   * The kinds of `count` faults in a random order: about a fifth NATS servers, a fifth PostgreSQL
   * restarts (at least one of each), the rest replicas.
   */
  plan(count: number): FaultKind[] {
    const nats = Math.max(1, Math.round(count * 0.2));
    const postgres = Math.max(1, Math.round(count * 0.2));
    const kinds: FaultKind[] = [
      ...Array<FaultKind>(nats).fill('nats'),
      ...Array<FaultKind>(postgres).fill('postgres'),
      ...Array<FaultKind>(Math.max(0, count - nats - postgres)).fill('replica'),
    ];
    return this.random.shuffle(kinds);
  }

  /** Injects `count` faults over about `durationMs`, then waits until everything is back up. */
  async run(count: number, durationMs: number): Promise<Fault[]> {
    this.started = Date.now();
    const plan = this.plan(count);
    const interval = durationMs / count;
    let postgresCrashed = false;
    try {
      for (const [i, kind] of plan.entries()) {
        // Evenly spread, with some jitter so faults do not beat in step with the season.
        const due = this.started + interval * (i + 0.5 + (this.random.next() - 0.5) * 0.8);
        await sleep(due - Date.now());
        if (kind === 'replica') await this.killReplica();
        else if (kind === 'nats') await this.killNatsServer();
        else {
          const isLastChance = plan.slice(i + 1).every((later) => later !== 'postgres');
          const crash: boolean = (!postgresCrashed && isLastChance) || this.random.chance(0.3);
          postgresCrashed ||= crash;
          await this.restartPostgres(crash);
        }
      }
      await Promise.all(this.restarts);
      await this.targets.nats.waitUntilHealthy(120_000);
      await this.targets.replicas.waitUntilReady(undefined, 180_000);
    } finally {
      this.done = true;
    }
    return this.faults;
  }

  /** kill -9 of a replica whose siblings are up; it is started again 0.5–3 s later. */
  private async killReplica(): Promise<void> {
    const { replicas } = this.targets;
    let candidates: Replica[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const ready = await Promise.all(replicas.replicas.map((r) => replicas.isReady(r)));
      const up = new Set(replicas.replicas.filter((_, i) => ready[i]));
      candidates = replicas.replicas.filter(
        (replica) =>
          up.has(replica) &&
          replicas.of(replica.service).every((sibling) => sibling === replica || up.has(sibling)),
      );
      if (candidates.length > 0) break;
      await sleep(500);
    }
    if (candidates.length === 0) throw new Error('no replica could be killed: too many are down');
    const replica = this.random.pick(candidates);
    const downMs = this.random.int(500, 3000);
    await replicas.kill(replica);
    this.record('replica', replica.name, `kill -9, down ${(downMs / 1000).toFixed(1)} s`);
    this.later(downMs, async () => replicas.restart(replica));
  }

  /** kill -9 of a NATS server once the cluster is whole and current; started again 1–4 s later. */
  private async killNatsServer(): Promise<void> {
    const { nats } = this.targets;
    await nats.waitUntilHealthy(120_000);
    const index = this.random.int(0, nats.nodes.length - 1);
    const downMs = this.random.int(1000, 4000);
    await nats.kill(index);
    this.record('nats', nats.nodes[index].name, `kill -9, down ${(downMs / 1000).toFixed(1)} s`);
    this.later(downMs, () => nats.restart(index));
  }

  /** PostgreSQL stopped (fast shutdown) or killed, and started again 0.5–3 s later (a failover). */
  private async restartPostgres(crash: boolean): Promise<void> {
    const { postgres } = this.targets;
    const began = Date.now();
    if (crash) await postgres.kill();
    else await postgres.stop();
    await sleep(this.random.int(500, 3000));
    await postgres.start();
    const down = ((Date.now() - began) / 1000).toFixed(1);
    this.record(
      'postgres',
      'postgres',
      crash ? `kill -9 and crash recovery, down ${down} s` : `fast restart, down ${down} s`,
    );
  }

  private later(ms: number, action: () => Promise<void>): void {
    const restart: Promise<void> = sleep(ms)
      .then(action)
      .finally(() => this.restarts.delete(restart));
    this.restarts.add(restart);
  }

  private record(kind: FaultKind, target: string, how: string): void {
    const fault = { kind, target, how, at: (Date.now() - this.started) / 1000 };
    this.faults.push(fault);
    this.say(`fault ${this.faults.length} at ${fault.at.toFixed(1)} s: ${target} ${how}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
