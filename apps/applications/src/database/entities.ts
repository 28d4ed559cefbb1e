import { Application } from '../applications/entities/application.entity';
import { TimelineEntry } from '../applications/entities/timeline-entry.entity';
import { Enterprise } from '../enterprises/entities/enterprise.entity';
import { Product } from '../products/entities/product.entity';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema';
import { ApplicationVersion1764600000000 } from './migrations/1764600000000-application-version';
import { SearchAndRegistrar1764731000000 } from './migrations/1764731000000-search-and-registrar';
import { TimelineDetail1764810000000 } from './migrations/1764810000000-timeline-detail';

export const entities = [Application, TimelineEntry, Enterprise, Product];
export const migrations = [
  InitialSchema1763800000000,
  ApplicationVersion1764600000000,
  SearchAndRegistrar1764731000000,
  TimelineDetail1764810000000,
];
