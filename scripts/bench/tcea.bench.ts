import {
  buildFrenchSchedule,
  buildReprogrammedSchedule,
  Decimal,
  quoteTcea,
  tcea,
} from '@qollqa/money';
import { performance } from 'node:perf_hooks';
import { percentile } from './bench-database';

const QUOTES = 2_000;

/**
 * The TCEA (SPEC.md, "Cost disclosure"): API.md's example and a loan with grace printed, then the
 * root finder timed over QUOTES random loans (a loan opening and a score each compute one), and a
 * reprogrammed schedule's cost. Pure computation: no database.
 */
export async function run(): Promise<void> {
  const example = buildFrenchSchedule({
    principal: '6000.00',
    tea: '0.18',
    termMonths: 18,
    disbursedOn: '2026-03-02',
  });
  console.log(
    `API.md's example (6000.00, 18 months, TEA 18 %, fee 63.00 = 1.5 % of 70 %): TCEA ${tcea({
      principal: '6000.00',
      guaranteeFee: '63.00',
      installments: example.map((line) => line.installment),
    })}`,
  );
  const grace = quoteTcea({
    amount: '6000.00',
    tea: '0.18',
    termMonths: 18,
    graceMonths: 2,
    coverage: '0.70',
    feeRate: '0.015',
  });
  console.log(`the same with 2 months of grace: TCEA ${grace.tcea}`);
  const reprogrammed = buildReprogrammedSchedule({
    principal: '6000.00',
    deferredInterest: '85.73',
    tea: '0.18',
    replaced: 12,
    extensionMonths: 3,
    graceMonths: 2,
    disbursedOn: '2026-01-15',
    businessDate: '2026-03-07',
    lastNumber: 12,
  });
  console.log(
    `a reprogrammed schedule (6000.00, 12 + 3 installments, 2 of grace, 85.73 deferred): ` +
      `${reprogrammed.length} lines, first ${reprogrammed[0].installment.toFixed(2)}, third ` +
      `${reprogrammed[2].installment.toFixed(2)}`,
  );

  const timings: number[] = [];
  let seed = 7;
  const next = (max: number) => (seed = (seed * 48271) % 2147483647) % max;
  for (let n = 0; n < QUOTES; n++) {
    const termMonths = 3 + next(34);
    const started = performance.now();
    quoteTcea({
      amount: new Decimal(500 + next(29_500)).toFixed(2),
      tea: new Decimal(500 + next(3_500)).div(10_000),
      termMonths,
      graceMonths: next(Math.min(7, termMonths)),
      coverage: '0.70',
      feeRate: '0.015',
    });
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  console.log(
    `${QUOTES} quotes (3–36 months): p50 ${percentile(timings, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(timings, 99).toFixed(2)} ms each`,
  );
}
