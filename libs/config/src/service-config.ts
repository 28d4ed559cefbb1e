import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** The services of the system, in start order. Each owns the PostgreSQL schema of the same name. */
export const SERVICE_NAMES = [
  'gateway',
  'applications',
  'credit-scoring',
  'disbursement',
  'repayment',
  'portfolio',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The environment variables the services read. Anything else in the environment is ignored. */
class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^(nats|tls|ws|wss):\/\/.+|^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, {
    message: 'NATS_URL must be a nats:// URL (several may be given, comma-separated)',
  })
  NATS_URL?: string;

  /** Prefix of every NATS subject and stream of this deployment: lets deployments share a NATS cluster. */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'NATS_PREFIX must be lower-case letters, digits and _' })
  NATS_PREFIX?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Which proxies' X-Forwarded-For the gateway believes (the client address of sign-in limits). */
  @IsOptional()
  @Matches(/^(true|false|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, {
    message:
      'TRUST_PROXY must be true, false, or addresses, CIDR ranges and names (loopback, linklocal, uniquelocal), comma-separated',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsBooleanString()
  DEMO_DATA?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  RPC_TIMEOUT_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  RPC_MAX_CONCURRENT?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  /**
   * How long an Idempotency-Key in flight stays taken without its request renewing it (the gateway
   * renews it every third of this while the request runs): how soon a retry may run a request whose
   * gateway died.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(500)
  IDEMPOTENCY_LEASE_MS?: number;

  /** How often a service purges what it no longer needs (retention); 0 turns it off. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RETENTION_INTERVAL_MS?: number;

  /**
   * On SIGTERM, how long a service stays up not-ready (GET /health/ready 503) before it shuts down,
   * so that the orchestrator stops sending it work first.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS?: number;

  /** Copies of the JetStream streams and consumers a NATS cluster keeps: 1 for one server, 3 in a cluster. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  STREAM_REPLICAS?: number;

  /** How long JetStream waits for an event's ack before it redelivers it (set on the consumer's creation). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  EVENT_ACK_WAIT_MS?: number;
}

export interface ServiceConfig {
  service: ServiceName;
  production: boolean;
  databaseUrl: string;
  databasePoolSize: number;
  /** The PostgreSQL schema this service owns. */
  schema: string;
  natsServers: string[];
  natsPrefix: string;
  /** HTTP port: the public API for the gateway; /health and /metrics for the others. */
  port: number;
  /**
   * The secret that signs access tokens, when the deployment gives one (required for the gateway in
   * production). Without it the gateway generates one at its first start and keeps it in its schema.
   */
  jwtSecret?: string;
  /** Fastify's trustProxy: whose X-Forwarded-For names the client address. */
  trustProxy: boolean | string;
  demoData: boolean;
  rpcTimeoutMs: number;
  /** Requests a service handles at once; later ones wait, and are dropped once their caller gave up. */
  rpcMaxConcurrent: number;
  logLevel: string;
  /** JetStream's ack_wait for the service's durable consumer: well above its slowest handler. */
  eventAckWaitMs: number;
  /** The lease of an Idempotency-Key in flight (the gateway). */
  idempotencyLeaseMs: number;
  /** How often the retention purge runs (0: never). */
  retentionIntervalMs: number;
  /** On SIGTERM, how long the service stays not-ready before shutting down. */
  shutdownGraceMs: number;
  /** Copies of the streams and consumers in the NATS cluster (applied when they are created). */
  streamReplicas: number;
}

/** Each service's default HTTP port is the gateway's PORT plus its position in SERVICE_NAMES. */
export function defaultPort(service: ServiceName, gatewayPort: number): number {
  return gatewayPort + SERVICE_NAMES.indexOf(service);
}

/**
 * Reads and validates the environment for one service. Fails fast with every problem listed, so a
 * misconfigured service never starts half-working.
 */
export function loadServiceConfig(
  service: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration for ${service}:\n  - ${lines.join('\n  - ')}`);
  }
  const production = env.NODE_ENV === 'production';
  // Only the gateway signs and checks tokens; the other services never see one.
  if (production && service === 'gateway' && !env.JWT_SECRET) {
    throw new Error(
      `Invalid configuration for ${service}:\n  - JWT_SECRET is required in production`,
    );
  }
  const gatewayPort = vars.PORT ?? 3000;
  const ownPortVar = `${service.toUpperCase().replace('-', '_')}_PORT`;
  const ownPort = env[ownPortVar] ? Number(env[ownPortVar]) : undefined;
  if (ownPort !== undefined && !(Number.isInteger(ownPort) && ownPort >= 0 && ownPort <= 65535)) {
    throw new Error(
      `Invalid configuration for ${service}:\n  - ${ownPortVar} must be a port number`,
    );
  }
  return {
    service,
    production,
    databaseUrl: vars.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qollqa',
    databasePoolSize: vars.DATABASE_POOL_SIZE ?? 10,
    schema: service.replace('-', '_'),
    natsServers: (vars.NATS_URL ?? 'nats://127.0.0.1:4222').split(',').map((s) => s.trim()),
    natsPrefix: vars.NATS_PREFIX ?? 'qollqa',
    port: service === 'gateway' ? gatewayPort : (ownPort ?? defaultPort(service, gatewayPort)),
    jwtSecret: vars.JWT_SECRET,
    trustProxy: trustProxy(vars.TRUST_PROXY ?? 'loopback'),
    // Demo data is never loaded in production, whatever DEMO_DATA says.
    demoData: !production && (vars.DEMO_DATA ?? 'true') === 'true',
    rpcTimeoutMs: vars.RPC_TIMEOUT_MS ?? 5000,
    rpcMaxConcurrent: vars.RPC_MAX_CONCURRENT ?? 16,
    logLevel: vars.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    eventAckWaitMs: vars.EVENT_ACK_WAIT_MS ?? 60_000,
    idempotencyLeaseMs: vars.IDEMPOTENCY_LEASE_MS ?? 15_000,
    retentionIntervalMs: vars.RETENTION_INTERVAL_MS ?? 3_600_000,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS ?? 0,
    streamReplicas: vars.STREAM_REPLICAS ?? 1,
  };
}

/** TRUST_PROXY as Fastify takes it: a boolean, or a list of addresses, ranges and names. */
function trustProxy(value: string): boolean | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return value.replace(/\s+/g, '');
}
