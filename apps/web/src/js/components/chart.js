// A small line chart drawn as inline SVG (no chart library, nothing to download).
// Values become JavaScript numbers here, and only here: they place points on a screen, they are
// never added up or stored, so binary floating point does no harm.
import { date } from '../format.js';
import { h, s } from '../render.js';

const W = 360;
const H = 190;
const PAD = { top: 14, right: 16, bottom: 30, left: 66 };

/**
 * Round axis ticks: a step of 1, 2 or 5 × 10^n giving about four intervals, and the top of the
 * axis on a whole step, so the labels read 0 · 0.5 · 1 · 1.5 rather than 0 · 1.3 · 2.5.
 */
function ticks(maxValue) {
  const max = maxValue > 0 ? maxValue : 1;
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].find((m) => m * power >= rough) * power;
  const top = Math.ceil(max / step - 1e-9) * step;
  const values = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(v);
  // Decimals the labels need for this step (0.25 → 2, 0.5 → 1, 5 → 0).
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { top, values, decimals };
}

/**
 * @param {{ title: string, points: Array<{ x: string, y: number }>, formatY: (n: number, decimals: number) => string, tone: string }} options
 * `x` is a YYYY-MM-DD date; the points are drawn in the order given.
 */
export function lineChart({ title, points, formatY, tone = 'terracotta' }) {
  const valid = points.filter((p) => Number.isFinite(p.y));
  const axis = ticks(Math.max(0, ...valid.map((p) => p.y)));
  const max = axis.top;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (valid.length <= 1 ? innerW / 2 : (i * innerW) / (valid.length - 1));
  const y = (v) => PAD.top + innerH - (v / max) * innerH;

  const grid = axis.values.map((v) =>
    s(
      'g',
      { class: 'chart__grid' },
      s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }),
      s('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, formatY(v, axis.decimals)),
    ),
  );
  // Date labels at the start, middle and end, so they never overlap on a phone.
  const labelled = [...new Set([0, Math.floor((valid.length - 1) / 2), valid.length - 1])].filter(
    (i) => i >= 0,
  );
  const xLabels = labelled.map((i) =>
    s(
      'text',
      {
        class: 'chart__x',
        x: x(i),
        y: H - 8,
        'text-anchor':
          valid.length === 1
            ? 'middle'
            : i === 0
              ? 'start'
              : i === valid.length - 1
                ? 'end'
                : 'middle',
      },
      date(valid[i].x, 'short'),
    ),
  );
  const path = valid
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.y).toFixed(1)}`)
    .join(' ');
  const last = valid[valid.length - 1];
  const summary = last
    ? `${title}: ${formatY(valid[0].y, axis.decimals + 1)} → ${formatY(last.y, axis.decimals + 1)}`
    : title;

  return h(
    'figure',
    { class: `chart chart--${tone}` },
    h('figcaption', { class: 'chart__title' }, title),
    s(
      'svg',
      {
        viewBox: `0 0 ${W} ${H}`,
        role: 'img',
        'aria-label': summary,
        preserveAspectRatio: 'xMidYMid meet',
      },
      s('title', {}, summary),
      grid,
      valid.length > 1 ? s('path', { class: 'chart__line', d: path }) : null,
      // Dots only when there are few points; a long history reads better as a plain line.
      valid.length <= 40
        ? valid.map((p, i) => s('circle', { class: 'chart__dot', cx: x(i), cy: y(p.y), r: 3 }))
        : null,
      xLabels,
    ),
  );
}
