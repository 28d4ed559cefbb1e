import { INestApplication, Type } from '@nestjs/common';
import { IncomingHttpHeaders } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { CustomTransportStrategy, NestMicroservice } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig, ServiceConfig, ServiceName } from '@qollqa/config';
import { REQUEST_ID_HEADER } from '@qollqa/contracts';
import {
  JetStreamServer,
  OutboxRelay,
  RequestContext,
  RpcExceptionFilter,
  RpcServer,
} from '@qollqa/messaging';
import { SessionLease } from '@qollqa/persistence';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, MAX_BODY_BYTES } from './errors';
import { Readiness } from './health/readiness';
import { ConcurrencyLimit } from './security/concurrency-limit';
import { httpRequestDuration } from './metrics/service-metrics';

export interface ServiceAppOptions {
  /** Answers request–reply @MessagePattern handlers. */
  rpc?: boolean;
  /** Consumes domain events with @EventPattern handlers. */
  events?: boolean;
  /** Anything else the app needs before it starts (the gateway's prefix and OpenAPI). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Builds a service: a Fastify HTTP app (the public API for the gateway; /health and /metrics for
 * every service) with the NATS request–reply and JetStream event transports attached. Used by each
 * service's main.ts and by the tests, which run the real services in-process.
 */
export async function createServiceApp(
  module: Type<unknown>,
  service: ServiceName,
  options: ServiceAppOptions = {},
): Promise<{ app: NestFastifyApplication; config: ServiceConfig }> {
  const config = loadServiceConfig(service);
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      // Only the proxies named by TRUST_PROXY may set the client address (sign-in limits count by it).
      trustProxy: config.trustProxy,
      bodyLimit: MAX_BODY_BYTES,
      // request.id: the client's X-Request-Id when well-formed, else a new UUID.
      genReqId: (req: { headers: IncomingHttpHeaders }) =>
        RequestContext.accept(req.headers[REQUEST_ID_HEADER.toLowerCase()]),
    }),
    // Body parsers are the app's to choose (the gateway's strict JSON); services take no bodies.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  openRequestContext(app);
  measureRequests(app);
  app.useGlobalPipes(createValidationPipe());

  if (options.rpc) {
    attachTransport(
      app,
      new RpcServer({
        servers: config.natsServers,
        prefix: config.natsPrefix,
        queue: service,
        limit: new ConcurrencyLimit(config.rpcMaxConcurrent),
      }),
    );
  }
  if (options.events) {
    const events = new JetStreamServer({
      servers: config.natsServers,
      prefix: config.natsPrefix,
      consumer: service,
      ackWaitMs: config.eventAckWaitMs,
      replicas: config.streamReplicas,
      deliverOnlyHandled: true,
      lease: new SessionLease(config.databaseUrl, `consumer:${config.natsPrefix}:${service}`),
    });
    attachTransport(app, events);
    app.get(Readiness).register('events', async () => events.problem());
    // A service that takes events writes them too: its relay (the gateway has neither).
    const relay = providerOrNothing(app, OutboxRelay);
    if (relay) app.get(Readiness).register('outbox', async () => relay.problem());
  }
  await options.configure?.(app);
  return { app, config };
}

/** A provider the app may not have (a service without an outbox has no relay). */
function providerOrNothing<T>(app: NestFastifyApplication, token: Type<T>): T | undefined {
  try {
    return app.get(token, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Every HTTP answer names its request (X-Request-Id, set before anything can fail, so errors, 404s
 * and the body parser's refusals carry it too), and the whole request runs in its context.
 */
function openRequestContext(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      RequestContext.run(request.id, done);
    });
}

/**
 * Every answer's duration by route template, method and status (qollqa_http_request_duration_seconds),
 * but for the probes and the scrape themselves.
 */
function measureRequests(app: NestFastifyApplication): void {
  const histogram = httpRequestDuration();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      if (!route.startsWith('/health') && route !== '/metrics') {
        histogram.observe(
          { route, method: request.method, status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      }
      done();
    });
}

/**
 * Connects a message transport with its own validation pipe and exception filter (the HTTP side keeps
 * Nest's HTTP error handling). Initialisation is deferred only so the pipe and filter are in place
 * before the handlers are registered; then it is completed the way connectMicroservice would.
 */
export function attachTransport(
  app: NestFastifyApplication,
  strategy: CustomTransportStrategy,
): void {
  const microservice = app.connectMicroservice(
    { strategy },
    { inheritAppConfig: false, deferInitialization: true },
  ) as unknown as NestMicroservice;
  microservice.useGlobalPipes(createValidationPipe());
  microservice.useGlobalFilters(new RpcExceptionFilter());
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
}

/** Initialises (database migrated), then starts the message transports, then HTTP. */
export async function startServiceApp(
  app: NestFastifyApplication,
  config: ServiceConfig,
): Promise<void> {
  await app.init();
  await app.startAllMicroservices();
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

/** Stops taking messages first, so no handler runs on a closing database, then closes the rest. */
export async function closeServiceApp(app: INestApplication): Promise<void> {
  for (const microservice of app.getMicroservices()) await microservice.close();
  await app.close();
}

/** The longest wait between two attempts to start while a dependency is down. */
const START_RETRY_MAX_MS = 30_000;
/** A shutdown that takes longer than this (a handler stuck on a dead connection) is cut short. */
const SHUTDOWN_LIMIT_MS = 25_000;

/**
 * Entry point of a service process. It starts even while PostgreSQL or NATS is down: each failed
 * attempt is logged and tried again with a growing delay (1 s, 2 s, … up to 30 s), never an exit.
 * On SIGTERM/SIGINT it turns not-ready first (GET /health/ready 503 for SHUTDOWN_GRACE_MS), then
 * stops taking messages, lets the handlers in flight finish, closes, and exits — within
 * SHUTDOWN_GRACE_MS + 25 s whatever happens.
 */
export async function runService(
  module: Type<unknown>,
  service: ServiceName,
  options: ServiceAppOptions,
): Promise<void> {
  let started: Awaited<ReturnType<typeof createServiceApp>> | undefined;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const app = started?.app;
    if (!app) process.exit(0);
    const limit = (started?.config.shutdownGraceMs ?? 0) + SHUTDOWN_LIMIT_MS;
    setTimeout(() => {
      console.error(`${service} did not stop within ${limit} ms: exiting`);
      process.exit(1);
    }, limit).unref();
    await app
      .get(Readiness)
      .beforeApplicationShutdown(signal)
      .catch(() => undefined);
    await closeServiceApp(app).catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));

  for (let attempt = 1; !stopping; attempt++) {
    try {
      started = await createServiceApp(module, service, options);
      await startServiceApp(started.app, started.config);
      return;
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      // A configuration error never cures itself: say so and stop.
      if (/^Invalid configuration/.test(message)) {
        console.error(`${service} could not start: ${message}`);
        process.exit(1);
      }
      await started?.app.close().catch(() => undefined);
      started = undefined;
      const delay = Math.min(START_RETRY_MAX_MS, 1000 * 2 ** Math.min(attempt - 1, 5));
      console.error(
        `${service} could not start (attempt ${attempt}): ${message}; retrying in ${delay} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
