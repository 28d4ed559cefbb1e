// A loan's repayment schedule: a list of large rows for a family's phone, a full table for staff.
// Installments a reprogramming replaced (`rescheduled`: kept with what was paid on them) are shown
// apart: muted and struck for staff, folded away under the new schedule for a family.
import { addMoney, compareMoney, date, money, subtractMoney } from '../format.js';
import { t, tOr } from '../i18n.js';
import { h } from '../render.js';
import { scrollTable } from '../ui.js';

/**
 * The installment to pay next: the one the API names in `nextInstallment` when it sends that
 * (an addition to API.md), else the first one not fully paid; null when all are paid.
 */
export function nextInstallment(loan) {
  const schedule = loan?.schedule ?? [];
  const named = loan?.nextInstallment?.number;
  return (
    (named && schedule.find((line) => line.number === named)) ||
    schedule.find((line) => isOwed(line)) ||
    null
  );
}

/** What is owed on the next installment: the API's figure when given, else installment − paid. */
export function nextAmountDue(loan, line) {
  return loan?.nextInstallment?.amountDue ?? (line ? dueOf(line) : null);
}

/** Whether an installment is still to be paid: neither paid nor replaced by a reprogramming. */
function isOwed(line) {
  return line.status !== 'paid' && line.status !== 'rescheduled';
}

/** Whether a reprogramming replaced this installment. */
export function isRescheduled(line) {
  return line.status === 'rescheduled';
}

export function paidOf(line) {
  return addMoney(line.paidPrincipal ?? '0', line.paidInterest ?? '0');
}

/** What is still owed on an installment (never below zero), in exact céntimos. */
export function dueOf(line) {
  const due = subtractMoney(line.installment, paidOf(line));
  return compareMoney(due, '0') < 0 ? '0.00' : due;
}

function installmentBadge(status) {
  return h(
    'span',
    { class: `badge badge--inst-${status}` },
    tOr(`installmentStatus.${status}`, status),
  );
}

/**
 * The family's schedule: the installments in force, then — folded away — the ones a reprogramming
 * replaced, so the phone shows first what is to be paid.
 */
export function familySchedule(loan) {
  const next = nextInstallment(loan);
  const lines = loan.schedule ?? [];
  const replaced = lines.filter(isRescheduled);
  return h(
    'div',
    {},
    familyRows(
      lines.filter((line) => !isRescheduled(line)),
      next,
    ),
    replaced.length
      ? h(
          'details',
          { class: 'schedule-replaced' },
          h('summary', {}, t('reprogram.replacedTitle', { n: replaced.length })),
          familyRows(replaced, next),
        )
      : null,
  );
}

function familyRows(lines, next) {
  return h(
    'ol',
    { class: 'schedule' },
    lines.map((line) => {
      const isNext = line === next;
      const partlyPaid = compareMoney(paidOf(line), '0') > 0 && isOwed(line);
      return h(
        'li',
        {
          class: ['schedule__row', `schedule__row--${line.status}`, isNext && 'is-next'],
          'aria-current': isNext ? 'step' : null,
        },
        h(
          'div',
          { class: 'schedule__when' },
          h('span', { class: 'schedule__n' }, t('family.installmentN', { n: line.number })),
          h('time', { datetime: line.dueDate }, date(line.dueDate)),
        ),
        h(
          'div',
          { class: 'schedule__amount' },
          h('strong', {}, money(line.installment)),
          partlyPaid
            ? h(
                'span',
                { class: 'schedule__paid' },
                t('family.paidSoFar', { amount: money(paidOf(line)) }),
              )
            : null,
          installmentBadge(line.status),
        ),
      );
    }),
  );
}

export function staffSchedule(loan) {
  const next = nextInstallment(loan);
  return scrollTable(
    t('loan.schedule'),
    [
      t('loan.number'),
      t('loan.dueDate'),
      t('loan.principal'),
      t('loan.interest'),
      t('loan.installment'),
      t('loan.paid'),
      t('loan.status'),
    ],
    (loan.schedule ?? []).map((line) => ({
      className: line === next ? 'is-next' : isRescheduled(line) ? 'is-rescheduled' : null,
      cells: [
        line === next
          ? h('span', {}, String(line.number), ' ', h('span', { class: 'tag' }, t('loan.next')))
          : String(line.number),
        date(line.dueDate),
        money(line.principal),
        money(line.interest),
        money(line.installment),
        money(paidOf(line)),
        installmentBadge(line.status),
      ],
    })),
    // Stacked on a phone (one installment a card); one line a row on a wider screen.
    { numeric: [2, 3, 4, 5], nowrap: true },
  );
}
