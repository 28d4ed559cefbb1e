export * from './database';
export * from './decimal.transformer';
export * from './persistence.module';
export * from './trigram';
export * from './database-unavailable';
