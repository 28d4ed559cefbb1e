import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Actor } from '@qollqa/contracts';
import { RequestContext } from '@qollqa/messaging';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuditRecord, AuditRecorder } from './audit-recorder.service';
import { SignInSubjects, Subject } from './sign-in-subjects.service';

const AUDITED_METHODS = new Set(['POST', 'PATCH']);
const CREATED_ID = Symbol('createdResourceId');
const MAX_PATH = 200;
const MAX_ID = 128;

type AuditedRequest = FastifyRequest & { actor?: Actor; [CREATED_ID]?: string };
type SubjectOfSignIn = (
  body: Record<string, unknown>,
  signedIn: boolean,
) => Promise<Subject | null>;

/**
 * Records every POST and PATCH under /api in the audit trail, whatever answered it: a route, a
 * guard's 401 or 403, the body parser, the 404 of an unknown route, an idempotent replay. Fastify's
 * onResponse hook sees them all, once each, after the answer has gone, so recording never delays or
 * changes an answer.
 */
@Injectable()
export class AuditHook implements OnModuleInit {
  /** Sign-in routes: no token names the caller, the attempt does. */
  private readonly signIns: Partial<Record<string, SubjectOfSignIn>>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly recorder: AuditRecorder,
    subjects: SignInSubjects,
  ) {
    this.signIns = {
      'POST /api/auth/login': (body) => subjects.staff(body.username),
      'POST /api/auth/enterprise': (body, ok) => subjects.enterprise(body.reference, ok),
    };
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // The id of what a 201 created, read from the answer before it is serialised.
    fastify.addHook('preSerialization', (request: AuditedRequest, reply, payload, done) => {
      const id = (payload as { id?: unknown } | null)?.id;
      if (reply.statusCode === 201 && typeof id === 'string') request[CREATED_ID] = id;
      done(null, payload);
    });
    fastify.addHook('onResponse', (request: AuditedRequest, reply, done) => {
      if (isAudited(request)) {
        RequestContext.run(request.id, () =>
          this.recorder.record(() => this.describe(request, reply)),
        );
      }
      done();
    });
  }

  private async describe(request: AuditedRequest, reply: FastifyReply): Promise<AuditRecord> {
    const at = new Date();
    const template = routeTemplate(request);
    const action = `${request.method} ${template ?? request.url.split('?')[0].slice(0, MAX_PATH)}`;
    const params = request.params as Record<string, unknown> | undefined;
    const routeId =
      template?.includes('{id}') && typeof params?.id === 'string'
        ? params.id.slice(0, MAX_ID)
        : undefined;
    const signIn = this.signIns[action];
    const subject: Subject | null = request.actor
      ? { actor: request.actor.name, role: request.actor.role }
      : signIn && isObject(request.body)
        ? await signIn(request.body, reply.statusCode === 200)
        : null;
    return {
      at,
      actor: subject?.actor ?? null,
      role: subject?.role ?? null,
      action,
      resourceId: routeId ?? request[CREATED_ID] ?? null,
      statusCode: reply.statusCode,
      requestId: request.id,
    };
  }
}

function isAudited(request: FastifyRequest): boolean {
  return AUDITED_METHODS.has(request.method) && request.url.startsWith('/api/');
}

/** The route as API.md writes it ("/api/loans/{id}/repayments"); undefined for an unknown route. */
function routeTemplate(request: FastifyRequest): string | undefined {
  return request.routeOptions.url?.replace(/:(\w+)/g, '{$1}');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
