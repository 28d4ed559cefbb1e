import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceConfig } from '@qollqa/config';

/** A condition of readiness: null when it holds, else what is wrong, in a few words. */
export type ReadinessCheck = () => Promise<string | null>;

/**
 * Whether this replica should be sent work (GET /health/ready), beyond reaching its database and
 * NATS: the conditions parts of the service register (the event consumer running, the relay not
 * stuck), and that it is not shutting down. On SIGTERM it turns not-ready first, then waits
 * SHUTDOWN_GRACE_MS so that the orchestrator stops routing to it, and only then does the rest of the
 * shutdown (consumers drained, connections closed) begin.
 */
@Injectable()
export class Readiness implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Readiness.name);
  private readonly checks = new Map<string, ReadinessCheck>();
  private stopping = false;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Each registered condition, checked now: null when it holds, else why not. */
  async evaluate(): Promise<Record<string, string | null>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch (err) {
          return [name, String((err as Error)?.message ?? err)] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.stopping = true;
    if (signal && this.config.shutdownGraceMs > 0) {
      this.logger.log(`${signal}: not ready; shutting down in ${this.config.shutdownGraceMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.config.shutdownGraceMs));
    }
  }
}
