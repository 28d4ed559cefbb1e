export * from './health/nats.health';
export * from './platform.module';
export * from './service-app';
export * from './validation';
export * from './public.decorator';
export * from './coded.exception';
export * from './security/credential-hasher';
export * from './security/concurrency-limit';
