import { Decimal, formatRatio, money } from './decimal';
import { coveredAmount, guaranteeFee } from './guarantee-rules';
import { buildFrenchSchedule } from './schedule';

// Cost disclosure (SPEC.md, "Cost disclosure"): the TCEA, tasa de costo efectivo anual.

const ONE = new Decimal(1);
/** Newton stops when a step moves the discount factor by less than this (40 significant digits). */
const TOLERANCE = new Decimal('1e-32');
const MAX_ITERATIONS = 200;

/**
 * The monthly rate r at which `received` (at month 0) equals the present value of `installments`
 * (installment k at month k, 1-based): Σ A_k (1 + r)^−k = received — the internal rate of return.
 *
 * Solved for the discount factor v = 1 / (1 + r): f(v) = Σ A_k v^k − received is a polynomial with
 * non-negative coefficients, so for v > 0 it increases and is convex. Newton's method started to
 * the right of the root (where f ≥ 0) then moves left and never overshoots it: it converges from any
 * such start, quadratically near the root, in 40-digit decimal arithmetic. Unrounded.
 */
export function monthlyInternalRate(
  received: Decimal.Value,
  installments: readonly Decimal.Value[],
): Decimal {
  const amount = money(received);
  const flows = installments.map((a) => money(a));
  if (!amount.gt(0)) throw new RangeError(`received must be positive: ${amount.toString()}`);
  if (flows.some((a) => a.isNegative()) || !flows.some((a) => a.gt(0))) {
    throw new RangeError('installments must be non-negative, and not all zero');
  }
  // k·A_k, the slope's coefficients: the same products each evaluation, so made once.
  const weighted = flows.map((a, index) => a.mul(index + 1));
  const valueAt = (v: Decimal): { f: Decimal; slope: Decimal } => {
    let f = amount.negated();
    let slope = new Decimal(0);
    let power = ONE; // v^(k−1)
    for (let index = 0; index < flows.length; index++) {
      slope = slope.plus(weighted[index].mul(power));
      power = power.mul(v);
      f = f.plus(flows[index].mul(power));
    }
    return { f, slope };
  };
  // A start right of the root: v = 1 (r = 0) when the installments add up to at least what was
  // received (the usual case), else doubled until f(v) ≥ 0 (a negative cost). The evaluation that
  // finds the start is the first Newton step's.
  let v = ONE;
  let at = valueAt(v);
  while (at.f.isNegative()) {
    v = v.mul(2);
    at = valueAt(v);
  }
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    if (at.f.isZero()) break;
    const step = at.f.div(at.slope);
    v = v.minus(step);
    if (step.abs().lt(TOLERANCE)) break;
    at = valueAt(v);
  }
  return ONE.div(v).minus(1);
}

/** The TCEA of a cash flow: (1 + r)^12 − 1 with r its monthly internal rate, unrounded. */
export function annualCostRate(
  received: Decimal.Value,
  installments: readonly Decimal.Value[],
): Decimal {
  return monthlyInternalRate(received, installments).plus(1).pow(12).minus(1);
}

/**
 * TCEA as the API shows it, 4 places half-up ("0.1955"): the family receives `principal −
 * guaranteeFee` (the grant is a gift, outside it) and pays `installments`, one a month.
 */
export function tcea(input: {
  principal: Decimal.Value;
  guaranteeFee: Decimal.Value;
  installments: readonly Decimal.Value[];
}): string {
  const received = money(input.principal).minus(money(input.guaranteeFee));
  return formatRatio(annualCostRate(received, input.installments), 4);
}

/**
 * The TCEA of a quote: `amount` at `tea` over `termMonths` with `graceMonths` of grace (the French
 * schedule a payout would build), less the guarantee fee the fund would charge: `feeRate` of the
 * guaranteed part (`coverage` × amount, rounded to the céntimo), rounded to the céntimo — the fund's
 * own rules (guarantee-rules.ts).
 */
export function quoteTcea(input: {
  amount: Decimal.Value;
  tea: Decimal.Value;
  termMonths: number;
  graceMonths: number;
  coverage: Decimal.Value;
  feeRate: Decimal.Value;
}): { guaranteeFee: Decimal; tcea: string } {
  // As the fund charges it at disbursement: the guaranteed amount rounded first, then its fee.
  const fee = guaranteeFee(coveredAmount(input.amount, input.coverage), input.feeRate);
  // Any date: only the amounts, one a month, count.
  const schedule = buildFrenchSchedule({
    principal: input.amount,
    tea: input.tea,
    termMonths: input.termMonths,
    graceMonths: input.graceMonths,
    disbursedOn: '2000-01-15',
  });
  return {
    guaranteeFee: fee,
    tcea: tcea({
      principal: input.amount,
      guaranteeFee: fee,
      installments: schedule.map((line) => line.installment),
    }),
  };
}
