// The guarantee fund for the fund manager and the board: what it has guaranteed, paid and recovered,
// its leverage against the limit over the closes of business, the vintages (the loans of each month
// of disbursement) and a stress test: what the fund would pay if a share of each SBS class defaulted,
// and whether it would still be within its leverage limit.
import { api } from '../api.js';
import { CLASSIFICATIONS } from '../domain.js';
import {
  addDays,
  addMoney,
  capitalToRestoreLimit,
  compareMoney,
  count,
  date,
  decimal,
  money,
  monthYear,
  monthsBetween,
  percent,
  rateFromPercentInput,
  rateToPercentInput,
} from '../format.js';
import { field, submitButton } from '../forms.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { chart } from '../components/chart.js';
import { kpi, kpis } from '../components/kpi.js';
import { csvExportButton } from '../components/table-csv.js';
import { card, errorBanner, loading, notice, pageTitle, scrollTable } from '../ui.js';

// The API's defaults (API.md "Guarantee fund analytics"): the form starts with them.
const DEFAULT_RATES = {
  normal: '0.01',
  cpp: '0.05',
  deficiente: '0.25',
  dudoso: '0.60',
  perdida: '1.00',
};

export async function render(root, ctx) {
  const figuresBox = h('div', {}, loading());
  const leverageBox = h('div', {});
  const vintagesBox = h('div', {});
  const stressBox = h('div', {});
  mount(root, pageTitle(t('guarantee.title')), figuresBox, leverageBox, vintagesBox, stressBox);

  const funds = api('/funds');
  // The stress test does not wait for the analytics; it needs the fund's limit for its sentence.
  drawStressTest(stressBox, ctx, funds);
  let analytics;
  try {
    analytics = await api('/funds/guarantee/analytics');
  } catch (error) {
    if (ctx.isCurrent())
      mount(figuresBox, errorBanner(error, { onRetry: () => render(root, ctx) }));
    return;
  }
  if (!ctx.isCurrent()) return;
  mount(figuresBox, figuresView(analytics));
  mount(vintagesBox, vintagesView(analytics));
  drawLeverage(leverageBox, ctx, analytics.asOf, funds);
}

/** The fund's record since it began, each figure with what it is made of. */
function figuresView(a) {
  return h(
    'div',
    {},
    a.asOf ? h('p', { class: 'muted' }, t('guarantee.asOf', { date: date(a.asOf, 'long') })) : null,
    kpis(
      [
        kpi(
          t('guarantee.issued'),
          money(a.guaranteesIssued?.amount),
          t('guarantee.issuedHint', { n: count(a.guaranteesIssued?.count) }),
        ),
        kpi(
          t('guarantee.claims'),
          money(a.claims?.amount),
          t('guarantee.claimsHint', { n: count(a.claims?.count) }),
        ),
        kpi(t('guarantee.recoveries'), money(a.recoveries), t('guarantee.recoveriesHint')),
        kpi(t('guarantee.claimsRatio'), percent(a.claimsRatio), t('guarantee.claimsRatioHint')),
        kpi(t('guarantee.recoveryRate'), percent(a.recoveryRate), t('guarantee.recoveryRateHint')),
        kpi(t('guarantee.netLoss'), money(a.netLoss), t('guarantee.netLossHint')),
      ],
      true,
    ),
  );
}

/** "4×" rather than "4.00×": a limit is a policy's round number. */
const limitText = (limit) => decimal(limit).replace(/\.?0+$/, '');

/** Axis labels of a multiple: "1.5×". */
const times = (value, decimals) => `${value.toFixed(decimals)}×`;

function drawLeverage(box, ctx, asOf, fundsAnswer) {
  const body = h('div', {}, loading());
  mount(
    box,
    card(
      t('guarantee.leverageTitle'),
      h('p', { class: 'muted' }, t('guarantee.leverageIntro')),
      body,
    ),
  );
  // A year of closes up to the figures' date is enough to see the trend.
  const query = asOf ? { from: addDays(asOf, -365), to: asOf } : {};
  Promise.all([api('/portfolio/history', { query }), fundsAnswer.catch(() => null)])
    .then(([history, funds]) => {
      if (!ctx.isCurrent()) return;
      const g = funds?.guarantee;
      const now = g
        ? h(
            'p',
            { class: 'meter__label' },
            t('guarantee.leverageNow'),
            ' ',
            h(
              'strong',
              {},
              t('funds.leverageOf', {
                value: decimal(g.leverage),
                limit: limitText(g.leverageLimit),
              }),
            ),
          )
        : null;
      const rows = (Array.isArray(history) ? history : (history?.items ?? [])).map((row) => ({
        businessDate: row.asOf,
        leverage: row.concentration?.guaranteeFund?.leverage ?? null,
        leverageLimit: row.concentration?.guaranteeFund?.leverageLimit ?? null,
      }));
      const known = rows.filter((r) => r.leverage !== null);
      if (known.length === 0)
        return mount(body, now, notice('info', h('p', {}, t('portfolio.noHistory'))));
      const first = known[0];
      const last = known[known.length - 1];
      mount(
        body,
        now,
        chart({
          title: t('guarantee.leverageChart'),
          labels: rows.map((r) => date(r.businessDate, 'short')),
          series: [
            {
              label: t('funds.leverage'),
              values: rows.map((r) => Number(r.leverage ?? NaN)),
              tone: 'terracotta',
            },
            {
              label: t('funds.leverageLimit'),
              values: rows.map((r) => Number(r.leverageLimit ?? NaN)),
              tone: 'ink',
              dashed: true,
            },
          ],
          formatY: times,
          summary: t('guarantee.leverageSummary', {
            from: date(first.businessDate),
            to: date(last.businessDate),
            first: decimal(first.leverage),
            last: decimal(last.leverage),
            limit: limitText(last.leverageLimit),
          }),
        }),
        h(
          'details',
          { class: 'data-table' },
          h('summary', {}, t('common.showData')),
          scrollTable(
            t('guarantee.leverageTitle'),
            [t('portfolio.date'), t('funds.leverage'), t('funds.leverageLimit')],
            rows.map((r) => [date(r.businessDate), decimal(r.leverage), decimal(r.leverageLimit)]),
            { numeric: [1, 2] },
          ),
          csvExportButton({
            name: 'apalancamiento',
            columns: ['businessDate', 'leverage', 'leverageLimit'],
            rows,
            date: asOf,
          }),
        ),
      );
    })
    .catch((error) => {
      if (ctx.isCurrent()) mount(body, errorBanner(error));
    });
}

/** Months on book in words ("1 mes", "4 meses"). */
const age = (n) => (n === 1 ? t('guarantee.ageOne') : t('guarantee.age', { n }));

/** The vintages: PAR 30 by months on book as a chart, and every figure in the table under it. */
function vintagesView(a) {
  const vintages = (a.vintages ?? []).map((v) => ({
    ...v,
    monthsOnBook: monthsBetween(v.month, a.asOf),
  }));
  const intro = h('p', { class: 'muted' }, t('guarantee.vintagesIntro'));
  if (vintages.length === 0)
    return card(t('guarantee.vintagesTitle'), intro, h('p', {}, t('guarantee.noVintages')));
  // The youngest vintage on the left: the chart reads as loans ageing.
  const byAge = [...vintages].sort((x, y) => (x.monthsOnBook ?? 0) - (y.monthsOnBook ?? 0));
  const columns = [
    'month',
    'monthsOnBook',
    'loans',
    'principal',
    'outstanding',
    'par30',
    'claimed',
    'claimedAmount',
  ];
  return card(
    t('guarantee.vintagesTitle'),
    intro,
    chart({
      kind: 'bar',
      title: t('guarantee.par30Chart'),
      labels: byAge.map((v) => age(v.monthsOnBook)),
      series: [
        {
          label: t('portfolio.par30'),
          values: byAge.map((v) => Number(v.par30) * 100),
          tone: 'terracotta',
        },
      ],
      formatY: (value, decimals) => percent(String(value / 100), decimals),
      summary: t('guarantee.par30Summary', { n: vintages.length }),
    }),
    scrollTable(
      t('guarantee.vintagesTitle'),
      [
        t('guarantee.month'),
        t('guarantee.monthsOnBook'),
        t('portfolio.loans'),
        t('guarantee.principal'),
        t('portfolio.outstanding'),
        t('portfolio.par30'),
        t('guarantee.claimed'),
        t('guarantee.claimedAmount'),
      ],
      vintages.map((v) => [
        monthYear(v.month),
        count(v.monthsOnBook),
        count(v.loans),
        money(v.principal),
        money(v.outstanding),
        percent(v.par30),
        count(v.claimed),
        money(v.claimedAmount),
      ]),
      { numeric: [1, 2, 3, 4, 5, 6, 7] },
    ),
    csvExportButton({ name: 'cosechas', columns, rows: vintages, date: a.asOf }),
  );
}

/**
 * The stress test: one rate per SBS class, typed as a percentage. The rates the test ran with live
 * in the address as the API's decimals (#/guarantee?dudoso=0.8…), so a reload or a shared link
 * shows the same scenario; rates from the address go to the API as they are, which says what is
 * wrong with one it refuses.
 */
function drawStressTest(box, ctx, fundsAnswer) {
  // A class the address leaves out keeps its default rate.
  const rates = Object.fromEntries(
    CLASSIFICATIONS.map((c) => [c, ctx.query[c] ?? DEFAULT_RATES[c]]),
  );
  const fields = CLASSIFICATIONS.map((c) => {
    const f = field({
      label: t('guarantee.rateOf', { class: tOr(`classification.${c}`, c) }),
      name: c,
      value: rateToPercentInput(rates[c]) || rates[c],
      inputmode: 'decimal',
      autocomplete: 'off',
      required: true,
    });
    return { classification: c, ...f };
  });
  const result = h('div', { 'aria-live': 'polite' });
  const button = submitButton(t('guarantee.stressSubmit'));
  const form = h(
    'form',
    { class: 'form stress', novalidate: true },
    h('p', { class: 'muted' }, t('guarantee.stressHint')),
    h(
      'div',
      { class: 'stress__rates' },
      fields.map((f) => f.el),
    ),
    h(
      'div',
      { class: 'form__actions' },
      button,
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--ghost',
          onClick: () => {
            for (const f of fields) {
              f.input.value = rateToPercentInput(DEFAULT_RATES[f.classification]);
              f.setError(null);
            }
          },
        },
        t('guarantee.stressDefaults'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = fields.map((f) => ({ f, rate: rateFromPercentInput(f.input.value) }));
    for (const { f, rate } of typed) f.setError(rate === null ? t('guarantee.badRate') : null);
    const wrong = typed.find(({ rate }) => rate === null);
    if (wrong) return wrong.f.input.focus();
    const chosen = Object.fromEntries(typed.map(({ f, rate }) => [f.classification, rate]));
    // The scenario in the address without a new render (replaceState fires no hashchange).
    history.replaceState(null, '', `#/guarantee?${new URLSearchParams(chosen)}`);
    run(chosen);
  });
  mount(box, card(t('guarantee.stressTitle'), form, result));

  async function run(chosen) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    mount(result, loading());
    try {
      const [stress, funds] = await Promise.all([
        api('/funds/guarantee/stress', { query: chosen }),
        fundsAnswer.catch(() => null),
      ]);
      if (ctx.isCurrent()) mount(result, stressView(stress, funds?.guarantee?.leverageLimit));
    } catch (error) {
      if (ctx.isCurrent()) mount(result, errorBanner(error));
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
  run(rates);
}

/** What the fund would pay and how it would stand, in words first. */
function stressView(s, leverageLimit) {
  const limit = leverageLimit ? limitText(leverageLimit) : null;
  let verdict;
  if (s.withinLimit) {
    verdict = notice('success', h('p', {}, t('guarantee.withinLimit')));
  } else {
    const needed = leverageLimit
      ? capitalToRestoreLimit(s.exposureAfter, leverageLimit, s.availableCapitalAfter)
      : null;
    verdict = notice(
      'warning',
      h(
        'p',
        {},
        needed && needed !== '0.00'
          ? t('guarantee.needsCapital', { amount: money(needed) })
          : t('guarantee.overLimit'),
      ),
    );
  }
  const noCapital = compareMoney(s.availableCapitalAfter, '0.00') <= 0;
  const byClass = s.byClassification ?? {};
  const classRows = CLASSIFICATIONS.filter((c) => byClass[c]).map((c) => ({
    classification: c,
    ...byClass[c],
  }));
  return h(
    'div',
    { class: 'stress__result' },
    verdict,
    kpis(
      [
        kpi(t('guarantee.projectedClaims'), money(s.projectedClaims)),
        kpi(t('guarantee.capitalAfter'), money(s.availableCapitalAfter)),
        kpi(t('guarantee.exposureAfter'), money(s.exposureAfter)),
        kpi(
          t('guarantee.leverageAfter'),
          noCapital
            ? t('guarantee.noCapitalLeft')
            : limit
              ? t('funds.leverageOf', { value: decimal(s.leverageAfter), limit })
              : `${decimal(s.leverageAfter)}×`,
        ),
      ],
      true,
    ),
    classRows.length > 0
      ? [
          scrollTable(
            t('guarantee.byClass'),
            [
              t('portfolio.class'),
              t('portfolio.loans'),
              t('guarantee.guaranteed'),
              t('guarantee.rate'),
              t('guarantee.projectedClaims'),
            ],
            [
              ...classRows.map((r) => [
                tOr(`classification.${r.classification}`, r.classification),
                count(r.loans),
                money(r.guaranteed),
                percent(r.rate, 4),
                money(r.projectedClaims),
              ]),
              {
                className: 'total',
                cells: [
                  t('portfolio.total'),
                  count(classRows.reduce((n, r) => n + (Number(r.loans) || 0), 0)),
                  money(addMoney(...classRows.map((r) => r.guaranteed))),
                  '',
                  money(s.projectedClaims),
                ],
              },
            ],
            { numeric: [1, 2, 3, 4] },
          ),
          csvExportButton({
            name: 'prueba-de-estres',
            columns: ['classification', 'loans', 'guaranteed', 'rate', 'projectedClaims'],
            rows: classRows,
          }),
        ]
      : null,
  );
}
