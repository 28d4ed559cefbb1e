import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorResponse } from '@qollqa/contracts';
import { MAX_BODY_BYTES, X_PUBLIC } from '@qollqa/platform';
import { X_ROLES } from '../auth/decorators/auth.decorators';
import { API_TAGS } from './tags';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const IDEMPOTENCY_KEY = 'IdempotencyKey';

/** What every route may answer, whatever it does (a route's own text for a status comes first). */
const COMMON_ERRORS: Record<number, string> = {
  400:
    'The body, query or path fails validation (VALIDATION_FAILED, MALFORMED_JSON, JSON_TOO_DEEP, BODY_NOT_AN_OBJECT): ' +
    'unknown fields and query keys, control characters, JSON nested deeper than 32 levels, page outside 1–1,000,000',
  503: 'A service did not answer in time (SERVICE_TIMEOUT, SERVICE_UNREACHABLE): nothing was done, try again',
};
const SIGNED_IN_ERRORS: Record<number, string> = {
  401: 'No token, or a token that is not valid or has expired (TOKEN_REQUIRED, TOKEN_INVALID)',
};
const ROLE_ERRORS: Record<number, string> = {
  403: 'A role that may not do this (ROLE_NOT_ALLOWED)',
};
const BODY_ERRORS: Record<number, string> = {
  413: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB (BODY_TOO_LARGE)`,
  415: 'The body is not application/json (UNSUPPORTED_MEDIA_TYPE)',
};
const POST_ERRORS: Record<number, string> = {
  409: 'A request with this Idempotency-Key is still being processed (IDEMPOTENCY_KEY_IN_PROGRESS)',
  422: 'This Idempotency-Key was used with a different body (IDEMPOTENCY_KEY_REUSED)',
};

/** `ApplicationsController.decide` → `applicationsDecide`. */
function operationId(controllerKey: string, methodKey: string): string {
  const feature = controllerKey.replace(/Controller$/, '');
  return `${feature[0].toLowerCase()}${feature.slice(1)}${methodKey[0].toUpperCase()}${methodKey.slice(1)}`;
}

/**
 * The OpenAPI document of the public API (/api/docs-json): what the controllers declare
 * (@ApiRoute, DTO and response classes), completed with what every route shares — its roles in
 * its description, bearer security (none for @Public), the common refusals in the contract's error
 * shape, `Idempotency-Key` (defined once) on every POST, UUID path parameters.
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Qollqa API')
    .setDescription(
      'Credit for Andean family enterprises: applications, loans, funds and portfolio. ' +
        'Amounts are decimal strings with two places, dates YYYY-MM-DD, ids UUIDs. ' +
        "Every error answer is `{ statusCode, message, error, code }`, `message` in the request's " +
        'Accept-Language (es, en; Spanish by default).',
    )
    .setVersion('1.1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This gateway')
    .addBearerAuth();
  for (const tag of API_TAGS) builder.addTag(tag.name, tag.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationId,
    extraModels: [ErrorResponse],
  });
  return completeOpenApiDocument(document);
}

export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.security = [{ bearer: [] }];
  document.components = {
    ...document.components,
    parameters: {
      ...document.components?.parameters,
      [IDEMPOTENCY_KEY]: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 200 },
        description:
          'The same key with the same body returns the first answer again and does nothing new; ' +
          'the same key with another body → 422; while the first is still being processed → 409. Keys belong to the caller.',
      },
    },
  };
  typeNullableUnions(document);
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (operation) completeOperation(operation, method);
    }
  }
  return document;
}

/**
 * A nullable property that is one of several objects (a timeline entry's `detail`): OpenAPI 3.0
 * wants its `type` next to `nullable`, which the generator leaves out when it writes `oneOf`.
 */
function typeNullableUnions(document: OpenAPIObject) {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    const properties = 'properties' in schema ? (schema.properties ?? {}) : {};
    for (const property of Object.values(properties)) {
      if ('nullable' in property && property.nullable && !property.type && property.oneOf) {
        property.type = 'object';
      }
    }
  }
}

function completeOperation(operation: Operation, method: string) {
  const extensions = operation as Operation & { [X_ROLES]?: string[]; [X_PUBLIC]?: boolean };
  const isPublic = extensions[X_PUBLIC] === true;
  const roles = extensions[X_ROLES];
  const who = isPublic
    ? 'anyone (no token)'
    : roles
      ? roles.map((role) => `\`${role}\``).join(', ')
      : 'any signed-in role';
  operation.description = [`**Roles:** ${who}.`, operation.description]
    .filter(Boolean)
    .join('\n\n');
  if (isPublic) operation.security = [];
  delete extensions[X_PUBLIC];

  operation.parameters = (operation.parameters ?? [])
    .filter((p) => !('name' in p && p.name.toLowerCase() === 'idempotency-key'))
    .map((p) =>
      'in' in p && p.in === 'path'
        ? {
            ...p,
            schema: { type: 'string', format: 'uuid' },
            description: p.description ?? 'A UUID',
          }
        : p,
    );
  if (method === 'post') {
    operation.parameters.push({ $ref: `#/components/parameters/${IDEMPOTENCY_KEY}` });
  }

  const errors = {
    ...COMMON_ERRORS,
    ...(isPublic ? {} : SIGNED_IN_ERRORS),
    ...(roles ? ROLE_ERRORS : {}),
    ...(['post', 'put', 'patch'].includes(method) ? BODY_ERRORS : {}),
    ...(method === 'post' ? POST_ERRORS : {}),
  };
  for (const [status, description] of Object.entries(errors)) {
    addError(operation.responses, Number(status), description);
  }
  // Every error answer has the contract's shape, whoever documented it; a route's own error class
  // (the shape with fields of its own, such as a sign-in's `attemptsLeft`) is kept.
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) >= 400 && response && 'description' in response) {
      response.content = {
        'application/json': {
          schema: ownErrorSchema(response) ?? { $ref: getSchemaPath(ErrorResponse) },
        },
      };
    }
  }
  operation.responses = sortByStatus(operation.responses);
}

/** The schema of an error answer a route documented with a class of its own (not ErrorResponse). */
function ownErrorSchema(response: { content?: Record<string, { schema?: unknown }> }) {
  const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
  return schema?.$ref && schema.$ref !== getSchemaPath(ErrorResponse)
    ? { $ref: schema.$ref }
    : null;
}

function addError(responses: Responses, status: number, description: string) {
  const existing = responses[status];
  if (existing && 'description' in existing) {
    if (!existing.description.includes(description)) {
      const alsoWhen = `${description[0].toLowerCase()}${description.slice(1)}`;
      existing.description = `${existing.description}; or ${alsoWhen}`;
    }
    return;
  }
  responses[status] = { description };
}

function sortByStatus(responses: Responses): Responses {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
