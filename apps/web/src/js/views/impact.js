// What the programme has done against its goal, for the fund manager and the donors' report: the
// families financed against the target, the women-led among them, first and repeat loans, the grants
// paid, and where the money went — by value chain and by district.
import { api } from '../api.js';
import { count, money, percent } from '../format.js';
import { t, tOr } from '../i18n.js';
import { h, mount } from '../render.js';
import { kpi, kpis } from '../components/kpi.js';
import { csvExportButton } from '../components/table-csv.js';
import { card, errorBanner, loading, pageTitle, scrollTable } from '../ui.js';

export async function render(root, ctx) {
  const box = h('div', {}, loading());
  mount(root, pageTitle(t('impact.title')), box);
  try {
    const impact = await api('/portfolio/impact');
    if (ctx.isCurrent()) mount(box, impactView(impact));
  } catch (error) {
    if (ctx.isCurrent()) mount(box, errorBanner(error, { onRetry: () => render(root, ctx) }));
  }
}

function impactView(impact) {
  return h(
    'div',
    {},
    card(t('impact.goalTitle'), goal(impact)),
    kpis(
      [
        kpi(
          t('portfolio.womenLed'),
          t('portfolio.womenShare', {
            n: count(impact.womenLed),
            pct: percent(impact.womenLedShare),
          }),
        ),
        kpi(t('impact.firstLoan'), count(impact.firstLoan), t('impact.firstLoanHint')),
        kpi(t('impact.repeatLoan'), count(impact.repeatLoan), t('impact.repeatLoanHint')),
        kpi(
          t('impact.grants'),
          money(impact.grants?.amount),
          t('impact.grantsHint', { n: count(impact.grants?.count) }),
        ),
      ],
      true,
    ),
    card(t('portfolio.byValueChain'), valueChains(impact.byValueChain)),
    // The whole width: the districts' grid reads like a map only with room for several cells a row.
    card(t('portfolio.byMunicipality'), districts(impact.byMunicipality)),
  );
}

/** Families financed against the programme's target, as a bar and in words ("23 de 50"). */
function goal(impact) {
  const target = Number(impact.target?.enterprises) || 0;
  const financed = Number(impact.enterprisesFinanced) || 0;
  const words = t('impact.progress', { n: count(financed), target: count(target) });
  return h(
    'div',
    { class: 'goal' },
    h('p', { class: 'goal__figure' }, h('strong', {}, words), ' ', t('impact.families')),
    h('progress', {
      class: 'goal__bar',
      max: String(Math.max(target, 1)),
      value: String(Math.min(financed, Math.max(target, 1))),
      'aria-label': `${t('impact.goalTitle')}: ${words}`,
    }),
    h('p', { class: 'muted small' }, t('impact.targetHint', { target: count(target) })),
  );
}

/** Segments largest first (most families, then most money), as the API names them. */
function ordered(segments) {
  const key = (v) => String(v?.disbursed ?? '0').padStart(20, '0');
  return Object.entries(segments ?? {}).sort(
    ([, a], [, b]) =>
      (Number(b?.enterprises) || 0) - (Number(a?.enterprises) || 0) ||
      (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0),
  );
}

function valueChains(segments) {
  const entries = ordered(segments);
  if (entries.length === 0) return h('p', { class: 'muted' }, t('common.empty'));
  const rows = entries.map(([valueChain, v]) => ({ valueChain, ...v }));
  return h(
    'div',
    {},
    scrollTable(
      t('portfolio.byValueChain'),
      [
        t('list.valueChain'),
        t('impact.enterprises'),
        t('portfolio.womenLed'),
        t('impact.disbursed'),
      ],
      rows.map((r) => [
        tOr(`valueChain.${r.valueChain}`, r.valueChain),
        count(r.enterprises),
        count(r.womenLed),
        money(r.disbursed),
      ]),
      { numeric: [1, 2, 3] },
    ),
    csvExportButton({
      name: 'impacto-cadenas',
      columns: ['valueChain', 'enterprises', 'womenLed', 'disbursed'],
      rows,
    }),
  );
}

/**
 * The districts as a map-like grid: one cell per district, shaded by how many families it has
 * financed (four shades, relative to the district with most), with every number written in it.
 */
function districts(segments) {
  const entries = ordered(segments);
  if (entries.length === 0) return h('p', { class: 'muted' }, t('common.empty'));
  const most = Math.max(1, ...entries.map(([, v]) => Number(v?.enterprises) || 0));
  const rows = entries.map(([municipality, v]) => ({ municipality, ...v }));
  return h(
    'div',
    {},
    h('p', { class: 'muted small' }, t('impact.districtsHint')),
    h(
      'ul',
      { class: 'districts', 'aria-label': t('portfolio.byMunicipality') },
      rows.map((r) => {
        const n = Number(r.enterprises) || 0;
        const shade = n === 0 ? 0 : Math.ceil((4 * n) / most);
        return h(
          'li',
          { class: `district district--${shade}` },
          h('h3', { class: 'district__name' }, r.municipality),
          h(
            'dl',
            { class: 'district__figures' },
            h('dt', {}, t('impact.enterprises')),
            h('dd', {}, count(r.enterprises)),
            h('dt', {}, t('portfolio.womenLed')),
            h('dd', {}, count(r.womenLed)),
            h('dt', {}, t('impact.disbursed')),
            h('dd', {}, money(r.disbursed)),
          ),
        );
      }),
    ),
    csvExportButton({
      name: 'impacto-distritos',
      columns: ['municipality', 'enterprises', 'womenLed', 'disbursed'],
      rows,
    }),
  );
}
