import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';

/** Serves the web UI (static files, no build step) at the root; the API stays under /api. */
export function registerWebUi(app: NestFastifyApplication): void {
  app.useStaticAssets({
    root: join(__dirname, 'public'),
    prefix: '/',
    index: ['index.html'],
    // An unknown /api/… path is the API's 404 (ROUTE_NOT_FOUND), never a file looked up on disk.
    allowedPath: (pathName) => !pathName.startsWith('/api/'),
  });
}
