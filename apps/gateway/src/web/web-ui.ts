import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `apps/web/build.mjs` puts the built web app: dist/web at the repository's root. */
export function webBuildDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}

/**
 * Serves the built web app at the root; the API stays under /api. Fingerprinted assets are kept by
 * browsers for a year; the HTML shell, the service worker and the manifest are checked every time,
 * so a new build reaches everyone on their next visit. Files are sent precompressed (brotli, gzip).
 */
export function registerWebUi(
  app: NestFastifyApplication,
  // WEB_DIR: another build of the web app (the test suites build their own).
  root = process.env.WEB_DIR ?? webBuildDir(),
): void {
  app.useStaticAssets({
    root,
    prefix: '/',
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    // An unknown /api/… path is the API's 404 (ROUTE_NOT_FOUND), never a file looked up on disk.
    allowedPath: (pathName) => !pathName.startsWith('/api/'),
    // @fastify/static hands over Fastify's reply here, not the Node response its types declare.
    setHeaders: (response, path) => {
      const reply = response as unknown as { header(name: string, value: string): void };
      const immutable = path.includes(join('web', 'assets'));
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
