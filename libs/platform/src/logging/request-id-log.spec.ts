import { RequestContext } from '@qollqa/messaging';
import pino from 'pino';
import { Writable } from 'node:stream';
import { requestIdLogFields } from './request-id-log';

describe('log lines', () => {
  it('name the request they are written for, and no request outside one', async () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const logger = pino({ mixin: requestIdLogFields }, destination);

    await RequestContext.run('rcpt-000123', async () => {
      await Promise.resolve();
      logger.info('repayment recorded');
    });
    logger.info('outbox relay idle');

    expect(lines).toEqual([
      expect.objectContaining({ msg: 'repayment recorded', requestId: 'rcpt-000123' }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
    expect(lines[1].msg).toBe('outbox relay idle');
  });
});
