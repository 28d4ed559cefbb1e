export * from './decimal';
export * from './rates';
export * from './dates';
export * from './schedule';
