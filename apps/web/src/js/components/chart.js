// Charts drawn by Chart.js on a <canvas>, bundled into the app by esbuild (nothing is loaded from
// outside). Only the pieces used here are registered, so the rest of the library is left out of the
// bundle. Every chart is an image for a screen reader (role="img" and a sentence saying what it
// shows); its numbers are in the table the caller puts next to it.
//
// Values become JavaScript numbers here, and only here: they place points on a screen, they are never
// added up or stored, so binary floating point does no harm.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { date } from '../format.js';
import { h } from '../render.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

// Charts that have been drawn on screen at least once: when their screen is left, their canvas
// leaves the page and the chart is destroyed the next time one is made (no listeners left behind).
const drawn = new Set();
const markDrawn = { id: 'qollqaDrawn', afterRender: (chart) => void drawn.add(chart) };

function destroyLeftCharts() {
  for (const chart of drawn) {
    if (chart.canvas?.isConnected) continue;
    drawn.delete(chart);
    chart.destroy();
  }
}

/** A colour of the stylesheet's palette ("terracotta" → the value of --terracotta). */
function colour(tone) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(`--${tone}`).trim();
  return value || '#1f2a44';
}

/** Decimals an axis label needs for the step between two ticks (0.25 → 2, 0.5 → 1, 5 → 0). */
function decimalsOf(ticks) {
  const step = ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : 1;
  return step > 0 ? Math.max(0, -Math.floor(Math.log10(step) + 1e-9)) : 0;
}

/**
 * A chart in a <figure> with its title.
 *
 * @param {{
 *   kind?: 'line' | 'bar',
 *   title: string,
 *   labels: string[],
 *   series: Array<{ label: string, values: number[], tone?: string, dashed?: boolean }>,
 *   formatY: (value: number, decimals: number) => string,
 *   summary: string,
 *   yMin?: number,
 * }} spec `summary` is the sentence a screen reader reads for the chart (the table has the numbers).
 */
export function chart({ kind = 'line', title, labels, series, formatY, summary, yMin = 0 }) {
  destroyLeftCharts();
  const canvas = h('canvas', { role: 'img', 'aria-label': summary }, summary);
  const datasets = series.map((s) => {
    const tone = colour(s.tone ?? 'terracotta');
    return {
      label: s.label,
      data: s.values.map((v) => (Number.isFinite(v) ? v : null)),
      borderColor: tone,
      backgroundColor: tone,
      borderWidth: kind === 'bar' ? 0 : 2.5,
      borderDash: s.dashed ? [6, 4] : [],
      // Dots only when there are few points; a long history reads better as a plain line.
      pointRadius: s.dashed || s.values.length > 40 ? 0 : 3,
      tension: 0,
    };
  });
  const ink = colour('muted');
  const grid = '#e6ddcd';
  const font = { family: getComputedStyle(document.body).fontFamily, size: 13 };
  /** @type {any} the configuration of Chart.js (its generic types do not follow a JSDoc union) */
  const config = {
    type: kind,
    data: { labels, datasets },
    plugins: [markDrawn],
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          grid: { display: false },
          ticks: { color: ink, font, maxRotation: 0, autoSkip: true, maxTicksLimit: 4 },
        },
        y: {
          min: yMin,
          beginAtZero: true,
          grid: { color: grid },
          ticks: {
            color: ink,
            font,
            maxTicksLimit: 5,
            callback(value, _index, ticks) {
              return formatY(Number(value), decimalsOf(ticks));
            },
          },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${formatY(Number(item.parsed.y), 2)}`,
          },
        },
      },
    },
  };
  new Chart(canvas, config);
  // The key of several lines is written in the page (Chart.js's own legend would draw it on the
  // canvas, where a screen reader cannot read it).
  const legend =
    series.length > 1
      ? h(
          'ul',
          { class: 'chart__legend' },
          datasets.map((d) =>
            h(
              'li',
              {},
              h('span', {
                class: ['chart__swatch', d.borderDash.length > 0 && 'chart__swatch--dashed'],
                'aria-hidden': 'true',
                style: `border-top-color: ${d.borderColor}`,
              }),
              d.label,
            ),
          ),
        )
      : null;
  return h(
    'figure',
    { class: `chart chart--${kind}` },
    h('figcaption', { class: 'chart__title' }, title),
    legend,
    h('div', { class: 'chart__canvas' }, canvas),
  );
}

/**
 * A line over dates (kept for the portfolio's trend): `x` is a YYYY-MM-DD date, the points are drawn
 * in the order given.
 *
 * @param {{ title: string, points: Array<{ x: string, y: number }>,
 *   formatY: (n: number, decimals: number) => string, tone?: string }} options
 */
export function lineChart({ title, points, formatY, tone = 'terracotta' }) {
  const valid = points.filter((p) => Number.isFinite(p.y));
  const first = valid[0];
  const last = valid[valid.length - 1];
  return chart({
    kind: 'line',
    title,
    labels: valid.map((p) => date(p.x, 'short')),
    series: [{ label: title, values: valid.map((p) => p.y), tone }],
    formatY,
    summary: last ? `${title}: ${formatY(first.y, 2)} → ${formatY(last.y, 2)}` : title,
  });
}
