/**
 * `npm run bench -- web`: the web app on a rural link, in a real Chromium (Debian's, through
 * playwright-core; CHROMIUM_PATH to use another).
 *
 * Builds the web app, starts every service with one family whose loan is paid out, then prints:
 * - the first load of the sign-in screen: every response the page received (HTML and each asset),
 *   the bytes that crossed the network (compressed as served, headers included) and each file's
 *   encoding and Cache-Control as the browser saw them (target: under 80 KB in all);
 * - on a 400 kbit/s link (down and up) with 400 ms latency (Chromium's network emulation), the
 *   median of RUNS: first paint and first contentful paint of the sign-in screen with an empty
 *   cache, the same on a second visit (the fingerprinted assets kept for a year), and a family's
 *   time from pressing "Ingresar" with its code and PIN to its next installment on screen.
 *
 * Nothing is asserted: the figures are for reading.
 */
import { createServer, connect, Server } from 'node:net';
import { Browser, BrowserContext, CDPSession, Page, Request } from 'playwright-core';
import { launchChromium } from '@qollqa/testing';
import { buildWebApp, startBenchSystem } from './web-system';

const RUNS = 3;
const TARGET_BYTES = 80 * 1024;
/** 400 kbit/s each way, 400 ms round-trip latency added to every request. */
const RURAL_LINK = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1000) / 8,
  uploadThroughput: (400 * 1000) / 8,
};
const PHONE = { width: 360, height: 740 };

// Runs in the page before its own scripts (through the DevTools protocol, which the page's CSP
// does not govern): the moment the sign-in screen's heading and the next installment appear.
const MARKS = `(() => {
  const marks = (window.__benchMarks = {});
  new MutationObserver(() => {
    if (!marks.signIn && document.querySelector('main h1')) marks.signIn = performance.now();
    if (!marks.installment && document.querySelector('.next-installment'))
      marks.installment = performance.now();
  }).observe(document, { childList: true, subtree: true });
  addEventListener('click', (event) => {
    if (event.target.closest && event.target.closest('button[type="submit"]'))
      marks.submitted = performance.now();
  }, true);
})()`;

interface Served {
  path: string;
  status: number;
  /** Bytes that crossed the network for it: headers and body, compressed as served. */
  transferred: number;
  encoding: string;
  cacheControl: string;
  /**
   * Who answered: the network, the browser's HTTP cache, or the app's service worker. A request
   * of the service worker's own that got no body was a cache hit or a 304 (the browser does not
   * say which; the relay's count of the bytes on the wire does).
   */
  via: 'network' | 'HTTP cache' | 'service worker' | 'cache or 304';
  /** A request the service worker made itself (its precache of the shell, a navigation it forwards). */
  worker: boolean;
}

const lower = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/**
 * Every response of a visit: the page's, from the DevTools protocol's network events, and the
 * service worker's own requests (Playwright reports them on the context).
 */
async function watchNetwork(page: Page): Promise<{
  cdp: CDPSession;
  served: () => Served[];
  workerServed: () => Promise<Served[]>;
}> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map<string, Served>();
  // A response from the memory cache never crosses the network (this event comes first).
  const fromCache = new Set<string>();
  cdp.on('Network.requestServedFromCache', (event) => fromCache.add(event.requestId));
  cdp.on('Network.responseReceived', (event) => {
    const headers = lower(event.response.headers as Record<string, string>);
    const cached =
      fromCache.has(event.requestId) ||
      event.response.fromDiskCache ||
      event.response.fromPrefetchCache;
    byId.set(event.requestId, {
      path: new URL(event.response.url).pathname,
      status: event.response.status,
      transferred: 0,
      encoding: headers['content-encoding'] ?? '—',
      cacheControl: headers['cache-control'] ?? '—',
      via: event.response.fromServiceWorker ? 'service worker' : cached ? 'HTTP cache' : 'network',
      worker: false,
    });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const served = byId.get(event.requestId);
    // What the service worker answered crossed the network (if at all) as its own request.
    if (served && served.via === 'network') served.transferred = event.encodedDataLength;
  });

  const fromWorker: Promise<Served>[] = [];
  const onWorkerRequest = (request: Request) => {
    if (!request.serviceWorker()) return;
    fromWorker.push(
      (async () => {
        const response = await request.response();
        const headers = response ? lower(await response.allHeaders()) : {};
        const sizes = await request.sizes();
        const fromNetwork = sizes.responseBodySize > 0;
        return {
          path: new URL(request.url()).pathname,
          status: response?.status() ?? 0,
          transferred: fromNetwork ? sizes.responseHeadersSize + sizes.responseBodySize : 0,
          encoding: headers['content-encoding'] ?? '—',
          cacheControl: headers['cache-control'] ?? '—',
          via: fromNetwork ? 'network' : 'cache or 304',
          worker: true,
        } satisfies Served;
      })(),
    );
  };
  page.context().on('requestfinished', onWorkerRequest);
  return {
    cdp,
    served: () => {
      page.context().off('requestfinished', onWorkerRequest);
      return [...byId.values()];
    },
    workerServed: () => Promise.all(fromWorker),
  };
}

async function newWindow(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'es-PE',
    timezoneId: 'America/Lima',
  });
  await context.addInitScript({ content: MARKS });
  return context;
}

/**
 * Opens the sign-in screen and returns its paint times (ms from the navigation's start) and what
 * was served, the service worker's own requests included (once it has installed, if it does).
 */
async function visitSignIn(
  context: BrowserContext,
  base: string,
  throttled: boolean,
): Promise<{ page: Page; paint: Record<string, number>; served: Served[] }> {
  const page = await context.newPage();
  const network = await watchNetwork(page);
  if (throttled) await network.cdp.send('Network.emulateNetworkConditions', RURAL_LINK);
  await page.goto(`${base}/`);
  await page.locator('main h1').waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  // The service worker's install fetches the shell it keeps: part of what a first visit costs.
  await page.evaluate(`Promise.race([
    'serviceWorker' in navigator ? navigator.serviceWorker.ready : Promise.resolve(),
    new Promise((resolve) => setTimeout(resolve, 10000)),
  ]).then(() => true)`);
  await page.waitForLoadState('networkidle');
  const paint = (await page.evaluate(`(() => {
    const out = Object.fromEntries(
      performance.getEntriesByType('paint').map((entry) => [entry.name, entry.startTime]),
    );
    out['sign-in screen'] = window.__benchMarks.signIn;
    return out;
  })()`)) as Record<string, number>;
  const served = [...network.served(), ...(await network.workerServed())];
  return { page, paint, served };
}

/** The family signs in with its code and PIN: ms from pressing the button to its next installment. */
async function familySignIn(
  page: Page,
  family: { reference: string; pin: string },
): Promise<number> {
  await page.locator('input[name="reference"]').fill(family.reference);
  await page.locator('input[name="pin"]').fill(family.pin);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.next-installment').waitFor({ timeout: 60_000 });
  const marks = (await page.evaluate('window.__benchMarks')) as Record<string, number>;
  return marks.installment - marks.submitted;
}

/**
 * A TCP relay in front of the gateway that counts the bytes it carries each way: what crossed the
 * wire, whoever asked (the page, its service worker, a revalidation), headers and all.
 */
async function countingRelay(target: string): Promise<{
  url: string;
  bytes: () => { down: number; up: number };
  close: () => Promise<void>;
}> {
  const { hostname, port } = new URL(target);
  let down = 0;
  let up = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    client.on('data', (chunk: Buffer) => (up += chunk.length));
    upstream.on('data', (chunk: Buffer) => (down += chunk.length));
    client.pipe(upstream).on('error', () => client.destroy());
    upstream.pipe(client).on('error', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${relayPort}`,
    bytes: () => ({ down, up }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.unref();
      }),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function table(head: string[], rows: string[][], right: number[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (right.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
    .map((text) => `  ${text}`)
    .join('\n');
}

export async function run(): Promise<void> {
  const build = buildWebApp();
  const system = await startBenchSystem(build.dir);
  const relay = await countingRelay(system.url);
  /** What crossed the wire (server to browser) while `step` ran. */
  const wire = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
    const before = relay.bytes().down;
    const result = await step();
    return [result, relay.bytes().down - before];
  };
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();

    // (a) The first load, unthrottled: what crosses the network, file by file as the browser saw it.
    const first = await newWindow(browser);
    const [{ served }, firstWire] = await wire(() => visitSignIn(first, relay.url, false));
    await first.close();
    const sum = (files: Served[]) => files.reduce((total, file) => total + file.transferred, 0);
    const page = sum(served.filter((file) => !file.worker));
    console.log(
      `web: first load of the sign-in screen — ${kb(firstWire)} crossed the wire ` +
        `(${firstWire <= TARGET_BYTES ? 'under' : 'OVER'} the ${kb(TARGET_BYTES)} target): ` +
        `the page's own responses ${kb(page)}, the rest its service worker's install`,
    );
    const built = new Map(build.files.map((file) => [file.path, file.bytes]));
    console.log(
      table(
        ['file', 'status', 'transferred', 'on disk', 'from', 'encoding', 'cache-control'],
        served.map((file) => {
          const onDisk = built.get(file.path === '/' ? '/index.html' : file.path);
          return [
            `${file.worker ? '(service worker) ' : ''}${file.path}`,
            String(file.status),
            kb(file.transferred),
            onDisk === undefined ? '—' : kb(onDisk),
            file.via,
            file.encoding,
            file.cacheControl,
          ];
        }),
        [1, 2, 3],
      ),
    );

    // (b) On the rural link: cold cache, second visit, the family's sign-in.
    const runs: Record<string, number | undefined>[] = [];
    let secondVisit: Served[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await newWindow(browser);
      const [cold, coldWire] = await wire(() => visitSignIn(context, relay.url, true));
      await cold.page.close();
      const [warm, warmWire] = await wire(() => visitSignIn(context, relay.url, true));
      if (i === 0) secondVisit = warm.served;
      const [signIn, signInWire] = await wire(() => familySignIn(warm.page, system.family));
      runs.push({
        'cold: first paint': cold.paint['first-paint'],
        'cold: first contentful paint': cold.paint['first-contentful-paint'],
        'cold: sign-in form on screen': cold.paint['sign-in screen'],
        'cold: bytes over the wire': coldWire,
        'warm: first paint': warm.paint['first-paint'],
        'warm: first contentful paint': warm.paint['first-contentful-paint'],
        'warm: sign-in form on screen': warm.paint['sign-in screen'],
        'warm: bytes over the wire': warmWire,
        'family: "Ingresar" → next installment on screen': signIn,
        'family: bytes over the wire': signInWire,
      });
      await context.close();
    }
    console.log(
      `web: on a 400 kbit/s link (down and up) with 400 ms latency, phone screen, ${RUNS} runs ` +
        '(cold: empty cache; warm: a second visit, the assets cached)',
    );
    console.log(
      table(
        ['measure', 'median', 'runs'],
        Object.keys(runs[0]).map((measure) => {
          const values = runs.map((r) => r[measure]).filter((v): v is number => v !== undefined);
          const show = measure.endsWith('wire') ? kb : ms;
          return [
            measure,
            values.length ? show(median(values)) : '—',
            values.map((v) => show(v)).join(', '),
          ];
        }),
        [1],
      ),
    );
    console.log('web: the second visit, file by file');
    console.log(
      table(
        ['file', 'status', 'transferred', 'from'],
        secondVisit.map((file) => [
          `${file.worker ? '(service worker) ' : ''}${file.path}`,
          String(file.status),
          kb(file.transferred),
          file.via,
        ]),
        [1, 2],
      ),
    );
  } finally {
    await browser?.close();
    await relay.close();
    await system.stop();
  }
}
