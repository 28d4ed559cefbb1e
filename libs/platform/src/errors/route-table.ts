import { Injectable } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

/**
 * The methods each route path answers, learnt as Fastify registers the routes: a request for a
 * path that exists, with a method it does not take, is a 405 with `Allow`, not a 404.
 */
@Injectable()
export class RouteTable {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  /** Call before the application's routes are registered (before `app.init()`). */
  watch(instance: FastifyInstance): void {
    instance.addHook('onRoute', (route) => {
      // Catch-all routes (the web UI's static files) would match every path.
      if (route.url.includes('*')) return;
      for (const method of [route.method].flat()) {
        this.routes.push({ pattern: toPattern(route.url), method: String(method).toUpperCase() });
      }
    });
  }

  methodsFor(path: string): string[] {
    const methods = this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method);
    return [...new Set(methods)].sort();
  }
}

function toPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}
