import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';

export const entities: Function[] = [];
export const migrations = [InitialSchema1763800000000];
