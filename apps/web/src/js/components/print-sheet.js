// Paper where people need paper: a sheet built for printing (the family's credentials slip, a
// repayment receipt) is placed in its own root outside the app and printed alone, on one A4/Letter
// page. On screen the root stays hidden; it is emptied when the person moves to another screen.
import { h, mount } from '../render.js';

const ROOT_ID = 'print-root';

function printRoot() {
  let root = document.getElementById(ROOT_ID);
  if (!root) {
    root = h('div', { id: ROOT_ID, class: 'print-root' });
    document.body.append(root);
    window.addEventListener('hashchange', () => root.replaceChildren());
  }
  return root;
}

/**
 * Puts `sheet` in the print root and opens the browser's print dialog.
 *
 * @param {Node} sheet the printable page (give it the class `print-sheet`)
 */
export function printSheet(sheet) {
  mount(printRoot(), sheet);
  window.print();
}

/**
 * A "Print" button that prints what `build()` returns.
 *
 * @param {string} label
 * @param {() => Node} build
 */
export function printButton(label, build) {
  return h(
    'button',
    { type: 'button', class: 'btn btn--ghost no-print', onclick: () => printSheet(build()) },
    label,
  );
}
