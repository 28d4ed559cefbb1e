export * from './scorecard';
export * from './scorecard-v1';
export * from './score-application';
