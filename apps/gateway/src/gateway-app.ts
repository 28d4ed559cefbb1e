import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ServiceAppOptions } from '@qollqa/platform';
import { registerHttpEdge } from './http-edge/http-edge';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { registerWebUi } from './web/web-ui';

/** The gateway: the public API under /api, its OpenAPI document, /health and /metrics at the root. */
export async function configureGateway(app: NestFastifyApplication): Promise<void> {
  await registerHttpEdge(app);
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });
  registerWebUi(app);
}

export const GATEWAY_OPTIONS: ServiceAppOptions = { configure: configureGateway };
