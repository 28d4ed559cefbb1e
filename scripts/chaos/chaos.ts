/**
 * `npm run chaos`: the programme's fault run. Two replicas of every service, a 3-node NATS cluster
 * and a PostgreSQL of the run's own; a season of applications, approvals, repayments, reversals and
 * closes through the API with retrying clients while replicas, NATS servers and PostgreSQL are
 * killed and restarted; then every invariant, one line each, and a summary. Exits 1 when one fails.
 *
 *   npm run chaos
 *   npm run chaos -- --faults 80 --duration 300 --seed 42 --applications 240 --closes 8 --verbose
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { runChaos } from './run-chaos';

const USAGE = `Usage: npm run chaos -- [--faults N] [--duration SECONDS] [--seed N] [--applications N]
                       [--closes N] [--journeys N] [--keep-logs] [--verbose]

  --faults        faults to inject (default 50)
  --duration      seconds over which they are spread (default 180)
  --seed          makes the plan of faults and the applications repeatable (default: random, printed)
  --applications  applications registered over the season (default 180)
  --closes        closes of business at least (default 6)
  --journeys      applications worked on at once (default 6)
  --keep-logs     keep the services' logs even when every invariant holds
  --verbose       print each fault as it happens`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      faults: { type: 'string', default: '50' },
      duration: { type: 'string', default: '180' },
      seed: { type: 'string' },
      applications: { type: 'string', default: '180' },
      closes: { type: 'string', default: '6' },
      journeys: { type: 'string', default: '6' },
      'keep-logs': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const number = (name: string, text: string | undefined, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) {
      console.error(`--${name} must be a whole number of at least ${min}\n\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  const seed = number('seed', values.seed ?? String(Math.floor(Math.random() * 1e6)), 0);
  const report = await runChaos({
    faults: number('faults', values.faults, 1),
    durationS: number('duration', values.duration, 10),
    seed,
    applications: number('applications', values.applications, 1),
    closes: number('closes', values.closes, 1),
    journeys: number('journeys', values.journeys, 1),
    keepLogs: values['keep-logs'],
    say: (line) => {
      if (values.verbose || !line.startsWith('fault ')) console.log(line);
    },
  });
  for (const check of report.invariants) {
    console.log(`${check.holds ? 'PASS' : 'FAIL'} ${check.name}: ${check.figures}`);
    for (const problem of check.problems.slice(0, 10)) console.log(`       ${problem}`);
    if (check.problems.length > 10) console.log(`       … and ${check.problems.length - 10} more`);
  }
  console.log(
    `replicas that exited by themselves: ${report.crashes.length === 0 ? 'none' : report.crashes.join(', ')}`,
  );
  console.log(
    report.unaudited.length === 0
      ? `audit trail: all ${report.acknowledgedPosts} acknowledged changes and sign-ins recorded`
      : `audit trail: ${report.unaudited.length} of ${report.acknowledgedPosts} acknowledged changes ` +
          `and sign-ins have no entry, e.g. ${report.unaudited.slice(0, 3).join('; ')}`,
  );
  console.log(report.summary);
  if (!report.holds) console.log(`seed ${seed}; the services' logs are in ${report.logDir}`);
  // Every process and connection of the run is closed by now; nothing is left to wait for.
  process.exit(report.holds ? 0 : 1);
}

main().catch((err) => {
  console.error(`chaos: the run could not be carried out: ${err?.stack ?? err}`);
  process.exit(2);
});
