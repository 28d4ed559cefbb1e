export * from './health/nats.health';
export * from './health/readiness';
export * from './platform.module';
export * from './service-app';
export * from './errors';
export * from './public.decorator';
export * from './security/credential-hasher';
export * from './security/concurrency-limit';
