import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ServiceAppOptions } from '@qollqa/platform';
import { registerHttpEdge } from './http-edge/http-edge';
import { registerWebUi } from './web/web-ui';

/** The gateway: the public API under /api, its OpenAPI document, /health and /metrics at the root. */
export async function configureGateway(app: NestFastifyApplication): Promise<void> {
  await registerHttpEdge(app);
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Qollqa API')
      .setDescription(
        'Credit for Andean family enterprises: applications, loans, funds and portfolio.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  registerWebUi(app);
}

export const GATEWAY_OPTIONS: ServiceAppOptions = { configure: configureGateway };
