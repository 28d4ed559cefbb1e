import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { messagingMetrics, RpcClient, RpcServer } from '@qollqa/messaging';
import { ConcurrencyLimit } from '@qollqa/platform';
import { eventually } from '../support/eventually';
import { uniqueName } from '../support/test-env';

/** What the probe service was asked to do, in the order it began; each waits until released. */
const begun: string[] = [];
let release: () => void = () => undefined;
let released = Promise.resolve();
const hold = () => (released = new Promise<void>((resolve) => (release = resolve)));

@Controller()
class ProbeRpcController {
  @MessagePattern('probe.work')
  async work(@Payload() body: { name: string }): Promise<{ done: string }> {
    begun.push(body.name);
    await released;
    return { done: body.name };
  }
}

@Module({ controllers: [ProbeRpcController] })
class ProbeRpcModule {}

const expiredCount = async () =>
  (await messagingMetrics.rpcExpired.get()).values.find(
    (value) => value.labels.service === 'probe-rpc',
  )?.value ?? 0;

// An overloaded service does the work of the requests whose callers still wait, not of those that
// have given up: a request still waiting for its turn when its caller's timeout has passed is
// dropped unhandled, so the service's time goes to requests that can still be answered.
describe('Request–reply under overload', () => {
  const servers = [process.env.NATS_URL ?? 'nats://127.0.0.1:4222'];
  const prefix = uniqueName('rpcload');
  let service: INestMicroservice;
  let patient: RpcClient;
  let hurried: RpcClient;

  beforeAll(async () => {
    service = await NestFactory.createMicroservice(ProbeRpcModule, {
      strategy: new RpcServer({
        servers,
        prefix,
        queue: 'probe-rpc',
        limit: new ConcurrencyLimit(1),
      }),
      logger: false,
    });
    await service.listen();
    patient = new RpcClient({ servers, prefix, timeoutMs: 20_000 });
    hurried = new RpcClient({ servers, prefix, timeoutMs: 300 });
  });
  afterAll(async () => {
    release();
    await patient?.onApplicationShutdown();
    await hurried?.onApplicationShutdown();
    await service?.close();
  });

  it('drops the requests whose callers gave up while they waited, and handles the rest in order', async () => {
    begun.length = 0;
    const expiredBefore = await expiredCount();
    hold();
    // One request at a time: `first` holds the service while the others queue behind it.
    const first = patient.request('probe.work', { name: 'first' });
    await eventually(async () => expect(begun).toContain('first'));
    const second = patient.request('probe.work', { name: 'second' });
    const gaveUp = [1, 2, 3].map((n) =>
      hurried.request('probe.work', { name: `hurried-${n}` }).then(
        () => 'answered',
        (err: { getStatus?: () => number }) => err.getStatus?.(),
      ),
    );
    // Their callers answer 503 after 300 ms, while the three still wait behind `first`.
    expect(await Promise.all(gaveUp)).toEqual([503, 503, 503]);
    release();
    expect(await first).toEqual({ done: 'first' });
    expect(await second).toEqual({ done: 'second' });
    // The three that waited past their callers' timeout were never begun.
    expect(begun).toEqual(['first', 'second']);
    expect((await expiredCount()) - expiredBefore).toBe(3);
  });

  it('handles a request that gets its turn at once, even after a spell of slow handling', async () => {
    begun.length = 0;
    hold();
    // Held 3.5 s: this kind of request now "usually" takes longer (smoothed) than the hurried
    // caller's 300 ms.
    const slow = patient.request('probe.work', { name: 'slow' });
    await eventually(async () => expect(begun).toContain('slow'));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    release();
    await slow;
    // Nothing is queued: the hurried request is handled and answered in time all the same.
    expect(await hurried.request('probe.work', { name: 'at once' })).toEqual({ done: 'at once' });
    expect(begun).toEqual(['slow', 'at once']);
  });

  it('handles a request that gets its turn before its caller gives up', async () => {
    begun.length = 0;
    hold();
    release();
    expect(await hurried.request('probe.work', { name: 'in time' })).toEqual({ done: 'in time' });
    expect(begun).toEqual(['in time']);
  });
});
