import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';

/** Serves the web UI (static files, no build step) at the root; the API stays under /api. */
export function registerWebUi(app: NestFastifyApplication): void {
  app.useStaticAssets({ root: join(__dirname, 'public'), prefix: '/', index: ['index.html'] });
}
