// "Exportar CSV" for a table whose rows are already on screen (the fund's analytics, the impact for
// the donors' report): the rows as the API gave them — amounts stay decimal strings ("1500.00"),
// rates stay decimals ("0.0210") — written as RFC 4180 CSV in the browser and saved as a file. The
// API's own list exports (ui.js `exportButton`) are fetched from the server instead.
import { stringify } from 'csv-stringify/browser/esm/sync';
import { todayInLima } from '../format.js';
import { t } from '../i18n.js';
import { h } from '../render.js';

/**
 * The rows as CSV: a header row of `columns`, CRLF between records, a field quoted when it holds a
 * comma, a double quote (doubled) or a line break — the same options as the API's exports.
 *
 * @param {string[]} columns
 * @param {Array<Record<string, unknown>>} rows
 */
export function tableCsv(columns, rows) {
  return stringify(rows, {
    header: true,
    columns,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

/** Saves text as a file through a Blob (no server round trip). */
function save(text, filename) {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const link = h('a', { href, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  return { filename, size: blob.size };
}

/**
 * The button under a table: `name` is the file's first word ("cosechas" → cosechas-2026-05-11.csv),
 * `date` the day the figures are as of (default: today in Lima).
 *
 * @param {{ name: string, columns: string[], rows: Array<Record<string, unknown>>, date?: string | null }} spec
 */
export function csvExportButton({ name, columns, rows, date }) {
  const status = h('div', { class: 'export__status', 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'button', class: 'btn btn--ghost btn--small export__button' },
    t('common.exportCsv'),
  );
  button.addEventListener('click', () => {
    const file = save(tableCsv(columns, rows), `${name}-${date || todayInLima()}.csv`);
    status.replaceChildren(h('p', { class: 'muted small' }, t('common.exported', file)));
  });
  return h('div', { class: 'export' }, button, status);
}
