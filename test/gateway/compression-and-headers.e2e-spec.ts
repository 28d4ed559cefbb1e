import { get, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { applicationBody, newDocumentId } from '../support/application-factory';
import { TestSystem } from '../support/test-system';

const API_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

/** Compressed answers and security headers, on the API, its errors, the web UI and the docs. */
describe('compression and security headers', () => {
  let system: TestSystem;
  let officer: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'applications'], label: 'headers' });
    officer = await system.token('officer');
    for (let i = 0; i < 6; i++) {
      await system
        .http()
        .post('/api/applications')
        .set('Authorization', `Bearer ${officer}`)
        .send(applicationBody({ enterprise: { documentId: newDocumentId() } }))
        .expect(201);
    }
  });
  afterAll(() => system?.close());

  /** The answer as sent, bytes and headers (supertest would decompress it). */
  const list = async (encoding: string) => {
    const server = system.app('gateway').getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
        get(
          {
            port,
            host: '127.0.0.1',
            path: '/api/applications?pageSize=100',
            headers: { authorization: `Bearer ${officer}`, 'accept-encoding': encoding },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({ headers: response.headers, body: Buffer.concat(chunks) }),
            );
          },
        ).on('error', reject),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  };

  it('gzips a large list when asked, and the JSON inside is the same', async () => {
    const plain = await list('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(plain.body.toString('utf8'));
    expect(json.items).toHaveLength(6);
    expect(plain.body.length).toBeGreaterThan(4000); // 6 applications of about 750 bytes

    const gzipped = await list('gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    const body = gzipped.body;
    expect(body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(json);
  });

  it('prefers brotli when the client takes it, and leaves small answers as they are', async () => {
    expect((await list('br, gzip')).headers['content-encoding']).toBe('br');
    const small = await system
      .http()
      .get('/api/admin/business-date')
      .set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('sends the security headers on API answers and error answers', async () => {
    for (const response of [
      await system.http().get('/api/applications').set('Authorization', `Bearer ${officer}`),
      await system.http().get('/api/applications'),
      await system.http().get('/api/nothing'),
    ]) {
      expect(response.headers).toMatchObject({
        'content-security-policy': API_CSP,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('serves the web UI under a policy without inline scripts or styles', async () => {
    const page = await system.http().get('/').expect(200);
    expect(page.headers['content-security-policy']).toBe(API_CSP);
    // The shell is checked on every visit, so a new build reaches every phone on its next load.
    expect(page.headers['cache-control']).toBe('no-cache');
    // What the UI loads: its own fingerprinted bundle and stylesheet, the icon — nothing inline.
    const script = /<script type="module" src="(\/assets\/app\.[A-Z0-9]{8}\.js)"><\/script>/.exec(
      page.text,
    );
    expect(script).not.toBeNull();
    expect(page.text).toMatch(/<link rel="stylesheet" href="\/assets\/styles\.[A-Z0-9]{8}\.css"/);
    expect(page.text).not.toMatch(/<script>|<style|\sstyle="|\son[a-z]+="/i);
    const bundle = await system
      .http()
      .get(script![1])
      .set('Accept-Encoding', 'br, gzip')
      .expect(200);
    expect(bundle.headers['content-encoding']).toBe('br');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzipped = await system.http().get(script![1]).set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const worker = await system.http().get('/sw.js').expect(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.text).toContain(script![1]);
  });

  it('lets the API docs page use its inline styles, and nothing more', async () => {
    const docs = await system.http().get('/api/docs').expect(200);
    expect(docs.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });
});
