import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestSystem } from '../support/test-system';

const run = promisify(execFile);

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/**
 * The OpenAPI document the gateway publishes passes Redocly's recommended rules with no error and
 * no warning: every route has an operationId, response schemas, its status codes…
 */
describe('the published OpenAPI document', () => {
  let system: TestSystem;
  let dir: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway'], label: 'openapi_lint' });
    dir = await mkdtemp(join(tmpdir(), 'qollqa-openapi-'));
  });
  afterAll(async () => {
    await system?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says for every route its roles, its answer schema and, on a POST, the one Idempotency-Key', async () => {
    const document = (await system.http().get('/api/docs-json').expect(200)).body;
    const tags = new Map(
      (document.tags as { name: string; description?: string }[]).map((t) => [t.name, t]),
    );
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(
      document.paths,
    )) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect([where, operation.description]).toEqual([
          where,
          expect.stringMatching(/^\*\*Roles:\*\* /),
        ]);
        for (const tag of operation.tags as string[]) {
          expect([where, tags.get(tag)?.description]).toEqual([where, expect.any(String)]);
        }
        const responses = operation.responses as Record<string, { content?: object }>;
        for (const [status, response] of Object.entries(responses)) {
          expect([where, status, response.content]).toEqual([where, status, expect.any(Object)]);
        }
        const idempotencyKeys = (operation.parameters as { $ref?: string }[]).filter(
          (p) => p.$ref === '#/components/parameters/IdempotencyKey',
        );
        expect([where, idempotencyKeys.length]).toEqual([where, method === 'post' ? 1 : 0]);
      }
    }
  });

  it('passes `redocly lint` (recommended rules) with zero errors and zero warnings', async () => {
    const document = (await system.http().get('/api/docs-json').expect(200)).body;
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    const { stdout } = await run(process.execPath, [cli, 'lint', file, '--format', 'json'], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const { totals, problems } = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: LintProblem[];
    };
    const found = problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(found).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);
});
