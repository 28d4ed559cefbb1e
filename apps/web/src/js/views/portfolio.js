// Portfolio risk for the fund manager: PAR, SBS classes with provisions, concentration by value
// chain and district, and the trend over the closes of business.
import { api } from '../api.js';
import { CLASSIFICATIONS } from '../domain.js';
import { addDays, count, date, money, percent, ratio, shortId, todayInLima } from '../format.js';
import { field } from '../forms.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { lineChart } from '../components/chart.js';
import { kpi } from '../components/kpi.js';
import { card, errorBanner, loading, notice, pageTitle, scrollTable } from '../ui.js';

export async function render(root, ctx) {
  const summaryBox = h('div', {}, loading());
  const trendBox = h('div', {});
  mount(root, pageTitle(t('portfolio.title')), summaryBox, trendBox);

  let summary = null;
  try {
    summary = await api('/portfolio/summary');
    if (!ctx.isCurrent()) return;
    mount(summaryBox, summaryView(summary));
  } catch (error) {
    mount(summaryBox, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
  drawTrend(trendBox, ctx, summary?.asOf);
}

/** Women-led share of the families financed, exact (0 places: "46 %"). */
function share(part, whole) {
  const value = ratio(String(part ?? ''), String(whole ?? ''), 4);
  return value === null ? t('common.none') : percent(value, 0);
}

/**
 * The concentration alerts the summary raises (`concentration.alerts`), each as a sentence with its
 * share and the policy's threshold; a calm line when none is raised.
 */
function alertsView(concentration) {
  const alerts = concentration?.alerts ?? [];
  const thresholds = concentration?.thresholds ?? {};
  if (alerts.length === 0)
    return h('p', { class: 'muted concentration__none' }, t('portfolio.alerts.none'));
  const sentence = (code) => {
    switch (code) {
      case 'VALUE_CHAIN_CONCENTRATION': {
        const { name, share: part } = concentration.largestValueChain ?? {};
        return t('portfolio.alerts.valueChain', {
          name: tOr(`valueChain.${name}`, name),
          share: percent(part),
          threshold: percent(thresholds.valueChainShare),
        });
      }
      case 'MUNICIPALITY_CONCENTRATION': {
        const { name, share: part } = concentration.largestMunicipality ?? {};
        return t('portfolio.alerts.municipality', {
          name,
          share: percent(part),
          threshold: percent(thresholds.municipalityShare),
        });
      }
      case 'SINGLE_LOAN_CONCENTRATION': {
        const loan = concentration.largestLoan ?? {};
        return [
          t('portfolio.alerts.loan', {
            share: percent(loan.share),
            threshold: percent(thresholds.loanShare),
          }),
          ' ',
          loan.loanId
            ? h(
                'a',
                { href: `#/loans/${loan.loanId}` },
                t('portfolio.alerts.seeLoan', { id: shortId(loan.loanId) }),
              )
            : null,
        ];
      }
      case 'LEVERAGE_NEAR_LIMIT':
        return t('portfolio.alerts.leverage', {
          share: percent(concentration.guaranteeFund?.limitUsed),
          threshold: percent(thresholds.limitUsed),
        });
      default:
        return t('portfolio.alerts.other');
    }
  };
  return notice(
    'warning',
    h('p', { class: 'banner__lead' }, t('portfolio.alerts.title')),
    h(
      'ul',
      { class: 'concentration__alerts' },
      alerts.map((code) => h('li', {}, sentence(code))),
    ),
  );
}

/** Loans reprogrammed after an emergency (SBS), still in the portfolio. */
function reprogrammedCard(reprogrammed) {
  return card(
    t('portfolio.reprogrammed.title'),
    h(
      'div',
      { class: 'kpis' },
      kpi(t('portfolio.loans'), count(reprogrammed?.loans ?? 0)),
      kpi(t('portfolio.outstanding'), money(reprogrammed?.outstanding ?? '0.00')),
    ),
    h('p', { class: 'muted small' }, t('portfolio.reprogrammed.hint')),
  );
}

function summaryView(s) {
  const byClass = s.byClassification ?? {};
  const classKeys = [
    ...CLASSIFICATIONS.filter((c) => c in byClass),
    ...Object.keys(byClass).filter((c) => !CLASSIFICATIONS.includes(c)),
  ];
  return h(
    'div',
    { class: 'portfolio__summary' },
    h('p', { class: 'muted' }, t('portfolio.asOf', { date: date(s.asOf, 'long') })),
    alertsView(s.concentration),
    h(
      'div',
      { class: 'kpis kpis--wide' },
      kpi(t('portfolio.gross'), money(s.grossPortfolio)),
      kpi(t('portfolio.activeLoans'), count(s.activeLoans)),
      kpi(t('portfolio.par1'), percent(s.par1)),
      kpi(t('portfolio.par30'), percent(s.par30)),
      kpi(t('portfolio.par90'), percent(s.par90)),
      kpi(t('portfolio.provisionRequired'), money(s.provisionRequired)),
      kpi(t('portfolio.enterprises'), count(s.enterprisesFinanced)),
      kpi(
        t('portfolio.womenLed'),
        t('portfolio.womenShare', {
          n: count(s.womenLed),
          pct: share(s.womenLed, s.enterprisesFinanced),
        }),
      ),
    ),
    h('p', { class: 'muted small' }, t('portfolio.parHint')),
    h(
      'div',
      { class: 'grid grid--two' },
      classCard(
        t('portfolio.byClassification'),
        scrollTable(
          t('portfolio.byClassification'),
          [
            t('portfolio.class'),
            t('portfolio.loans'),
            t('portfolio.outstanding'),
            t('portfolio.provision'),
          ],
          [
            ...classKeys.map((c) => [
              tOr(`classification.${c}`, c),
              count(byClass[c]?.loans),
              money(byClass[c]?.outstanding),
              money(byClass[c]?.provision),
            ]),
            {
              className: 'total',
              cells: [
                t('portfolio.total'),
                count(s.activeLoans),
                money(s.grossPortfolio),
                money(s.provisionRequired),
              ],
            },
          ],
          { numeric: [1, 2, 3], stack: true },
        ),
      ),
      card(
        t('portfolio.byValueChain'),
        breakdown(
          t('portfolio.byValueChain'),
          s.byValueChain,
          (k) => tOr(`valueChain.${k}`, k),
          t('list.valueChain'),
        ),
      ),
      card(
        t('portfolio.byMunicipality'),
        breakdown(
          t('portfolio.byMunicipality'),
          s.byMunicipality,
          (k) => k,
          t('list.municipality'),
        ),
      ),
      reprogrammedCard(s.reprogrammed),
    ),
  );
}

/** The SBS classes' card: the whole width of the grid (styles.css), so its table never scrolls. */
function classCard(title, ...children) {
  const el = card(title, ...children);
  el.classList.add('portfolio__classes');
  return el;
}

/** { key: { loans, outstanding, par30 } } as a table, largest outstanding first. */
function breakdown(caption, rows, labelOf, column) {
  const entries = Object.entries(rows ?? {});
  if (entries.length === 0) return h('p', { class: 'muted' }, t('common.empty'));
  // Money strings all have two decimals, so zero-padded they sort correctly as text: no floats.
  const key = (v) => String(v?.outstanding ?? '0').padStart(20, '0');
  entries.sort((a, b) => (key(b[1]) > key(a[1]) ? 1 : key(b[1]) < key(a[1]) ? -1 : 0));
  return scrollTable(
    caption,
    [column, t('portfolio.loans'), t('portfolio.outstanding'), t('portfolio.par30Col')],
    entries.map(([k, v]) => [
      labelOf(k),
      count(v?.loans),
      money(v?.outstanding),
      percent(v?.par30),
    ]),
    { numeric: [1, 2, 3], stack: true },
  );
}

function drawTrend(box, ctx, asOf) {
  const to = ctx.query.to || asOf || todayInLima();
  const from = ctx.query.from || addDays(to, -90);
  const fromField = field({
    label: t('portfolio.from'),
    name: 'from',
    type: 'date',
    value: from,
    required: true,
  });
  const toField = field({
    label: t('portfolio.to'),
    name: 'to',
    type: 'date',
    value: to,
    required: true,
  });
  const form = h(
    'form',
    { class: 'filters filters--inline' },
    fromField.el,
    toField.el,
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'btn' }, t('portfolio.show')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go('portfolio', { from: fromField.input.value, to: toField.input.value });
  });
  const charts = h('div', {}, loading());
  mount(box, card(t('portfolio.trend'), form, charts));

  api('/portfolio/history', { query: { from, to } })
    .then((history) => {
      // One summary row per close of business; accept a bare array or a page of items.
      const rows = (Array.isArray(history) ? history : (history?.items ?? history?.rows ?? []))
        .map((row) => ({ ...row, day: row.asOf ?? row.businessDate ?? row.date }))
        .filter((row) => row.day)
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      if (rows.length === 0)
        return mount(charts, notice('info', h('p', {}, t('portfolio.noHistory'))));
      mount(
        charts,
        h(
          'div',
          { class: 'grid grid--two' },
          lineChart({
            title: t('portfolio.chartPar30'),
            points: rows.map((r) => ({ x: r.day, y: Number(r.par30) * 100 })),
            formatY: (v, decimals) => `${v.toFixed(decimals)}%`,
            tone: 'terracotta',
          }),
          lineChart({
            title: t('portfolio.chartGross'),
            points: rows.map((r) => ({ x: r.day, y: Number(r.grossPortfolio) })),
            formatY: compactSoles,
            tone: 'green',
          }),
        ),
        h(
          'details',
          { class: 'data-table' },
          h('summary', {}, t('common.showData')),
          scrollTable(
            t('portfolio.trend'),
            [
              t('portfolio.date'),
              t('portfolio.par30'),
              t('portfolio.gross'),
              t('portfolio.activeLoans'),
            ],
            rows.map((r) => [
              date(r.day),
              percent(r.par30),
              money(r.grossPortfolio),
              count(r.activeLoans),
            ]),
            { numeric: [1, 2, 3] },
          ),
        ),
      );
    })
    .catch((error) => mount(charts, errorBanner(error)));
}

/** Axis labels: "S/ 250k", "S/ 1.2M" (a label, not an amount anyone adds up). */
function compactSoles(value) {
  if (value >= 1e6) return `S/ ${(value / 1e6).toFixed(value >= 1e7 ? 0 : 1)}M`;
  if (value >= 1e3) return `S/ ${(value / 1e3).toFixed(value >= 1e4 ? 0 : 1)}k`;
  return `S/ ${Math.round(value)}`;
}
