import { RequestContext } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request context', () => {
  it('is the request of the code that runs in it, through awaits, and nothing outside', async () => {
    expect(RequestContext.requestId()).toBeUndefined();
    await RequestContext.run('req-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(RequestContext.requestId()).toBe('req-1');
    });
    expect(RequestContext.requestId()).toBeUndefined();
  });

  it('keeps two requests running at once apart', async () => {
    const seen = await Promise.all(
      ['req-a', 'req-b'].map((id, i) =>
        RequestContext.run(id, async () => {
          await new Promise((resolve) => setTimeout(resolve, 10 - i * 5));
          return RequestContext.requestId();
        }),
      ),
    );
    expect(seen).toEqual(['req-a', 'req-b']);
  });

  it('runs work for no request inside a request without that request', () => {
    RequestContext.run('req-1', () => {
      expect(RequestContext.run(undefined, () => RequestContext.requestId())).toBeUndefined();
    });
  });

  it("keeps a client's well-formed id and replaces anything else with a UUID", () => {
    expect(RequestContext.accept('rcpt-000123:retry.2_A')).toBe('rcpt-000123:retry.2_A');
    expect(RequestContext.accept('x'.repeat(128))).toBe('x'.repeat(128));
    for (const bad of [
      '',
      'x'.repeat(129),
      'two words',
      'tab\there',
      'ñandú',
      ['a', 'b'],
      undefined,
    ]) {
      expect(RequestContext.accept(bad)).toMatch(UUID);
    }
  });

  it('travels in NATS headers and is read back only when well-formed', () => {
    expect(RequestContext.natsHeaders()).toBeUndefined();
    const headers = RequestContext.run('req-nats', () => RequestContext.natsHeaders());
    expect(headers?.get('X-Request-Id')).toBe('req-nats');
    expect(RequestContext.fromNatsHeaders(headers)).toBe('req-nats');
    headers!.set('X-Request-Id', 'not valid!');
    expect(RequestContext.fromNatsHeaders(headers)).toBeUndefined();
    expect(RequestContext.fromNatsHeaders(undefined)).toBeUndefined();
  });
});
