export * from './database';
export * from './decimal.transformer';
export * from './persistence.module';
export * from './trigram';
export * from './database-unavailable';
export * from './run-alone';
export * from './retention/retention-rule';
export * from './retention/retention.service';
