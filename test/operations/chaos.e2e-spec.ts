import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChaosReport, runChaos } from '../../scripts/chaos/run-chaos';

const ROOT = join(__dirname, '..', '..');

/** The newest (or oldest) modification time of the files under `dir` that `keep` accepts. */
function mtimes(dir: string, keep: (path: string) => boolean): number[] {
  const times: number[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && keep(path)) times.push(statSync(path).mtimeMs);
  }
  return times;
}

/**
 * The run starts the services from dist/, as `npm run chaos` does: compiled afresh when a source
 * is newer than what was compiled (or nothing is), else left alone (it may be serving `npm start`).
 */
function buildIfStale(): void {
  const built = ['apps', 'libs', 'scripts'].flatMap((top) => {
    try {
      return mtimes(join(ROOT, 'dist', top), (path) => path.endsWith('.js'));
    } catch {
      return [];
    }
  });
  const sources = ['apps', 'libs', 'scripts'].flatMap((top) =>
    mtimes(join(ROOT, top), (path) => /\.(ts|mjs|js|css|html)$/.test(path)),
  );
  if (built.length === 0 || Math.max(...sources) > Math.min(...built)) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' });
  }
}

/**
 * `npm run chaos` in short: two replicas of every service, a 3-node NATS cluster and a PostgreSQL of
 * the run's own, a small season through the API with retrying clients while at least ten faults hit
 * (replicas killed, NATS servers killed, PostgreSQL restarted and crashed), then every invariant the
 * full run checks. The seed is fixed: the same faults and applications each time.
 */
describe('The fault run (npm run chaos), short', () => {
  let report: ChaosReport;

  beforeAll(async () => {
    buildIfStale();
    report = await runChaos({
      faults: 10,
      durationS: 50,
      seed: 2026,
      applications: 14,
      closes: 3,
      journeys: 4,
    });
  }, 300_000);

  it('injects at least ten faults, of every kind, a PostgreSQL crash among them', () => {
    expect(report.faults.length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(report.faults.map((fault) => fault.kind));
    expect([...kinds].sort()).toEqual(['nats', 'postgres', 'replica']);
    expect(report.faults.some((fault) => fault.how.startsWith('kill -9 and crash recovery'))).toBe(
      true,
    );
  });

  it('drives a season: applications decided every way, repayments, a reversal, closes', () => {
    const { applications, repayments, closes } = report.record;
    expect(report.seasonError).toBeUndefined();
    expect(applications).toHaveLength(14);
    expect(applications.some((a) => a.outcome === 'rejected')).toBe(true);
    expect(applications.some((a) => a.infoRequested)).toBe(true);
    expect(repayments.length).toBeGreaterThan(0);
    expect(repayments.some((repayment) => repayment.reversed)).toBe(true);
    expect(closes.length).toBeGreaterThanOrEqual(3);
  });

  it('holds every invariant', () => {
    const failing = report.invariants
      .filter((check) => !check.holds)
      .map((check) => `${check.name}: ${check.problems.slice(0, 5).join('; ')}`);
    expect(failing).toEqual([]);
    expect(report.invariants.length).toBeGreaterThanOrEqual(10);
  });

  it('has no service process die by itself', () => {
    expect(report.crashes).toEqual([]);
  });
});
