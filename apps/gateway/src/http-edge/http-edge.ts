import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MAX_BODY_BYTES, parseStrictJson, RouteTable } from '@qollqa/platform';
import { constants as zlib } from 'node:zlib';

/**
 * The Content-Security-Policy of the web UI and the API: exactly what the UI uses — its own
 * scripts (ES modules) and stylesheet, the data: favicon, fetch to the same origin. No inline
 * script or style (the UI sets styles through the CSSOM), nothing from another origin, no frames.
 * No `upgrade-insecure-requests`: a field office may open the UI over plain HTTP on its network.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Swagger UI (/api/docs) writes inline styles; its scripts are files of the same origin. */
const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The gateway's HTTP edge, registered before its routes: JSON bodies only (strict parser, 128 KiB;
 * any other content type → 415), security headers, compressed answers, and the route table that
 * tells a wrong method (405) from an unknown path (404).
 */
export async function registerHttpEdge(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  app.get(RouteTable).watch(fastify);

  fastify.removeAllContentTypeParsers();
  app.useBodyParser('application/json', { bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => {
    try {
      done(null, parseStrictJson(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    }
  });

  await app.register(compress, {
    encodings: ['br', 'gzip', 'deflate'],
    threshold: 1024,
    // Brotli's default (11) costs far more CPU than it saves bytes on JSON this size.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
