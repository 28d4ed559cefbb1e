// For the TypeORM CLI: `npx typeorm migration:show -d dist/apps/portfolio/src/database/data-source.js`.
import { loadServiceConfig } from '@qollqa/config';
import { serviceDataSourceOptions } from '@qollqa/persistence';
import { DataSource } from 'typeorm';
import { entities, migrations } from './entities';

const config = loadServiceConfig('portfolio');
export default new DataSource(
  serviceDataSourceOptions({
    databaseUrl: config.databaseUrl,
    schema: config.schema,
    entities,
    migrations,
  }),
);
