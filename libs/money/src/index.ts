export * from './decimal';
export * from './rates';
export * from './dates';
export * from './schedule';
export * from './reprogramming';
export * from './tcea';
export * from './guarantee-rules';
