// "Are you sure?" before an action that moves money or cannot be taken back (a decision, a
// reversal, a close of business): a native modal <dialog> that says exactly what will happen.
// Cancel has the focus when it opens, so a stray Enter or a double tap cancels; Escape cancels;
// Tab and Shift+Tab stay inside the dialog; focus goes back where it was when it closes.
import { t } from '../i18n.js';
import { h } from '../render.js';

let counter = 0;

/** The elements Tab may reach inside `root`, in order. */
function focusables(root) {
  return /** @type {HTMLElement[]} */ (
    Array.from(
      root.querySelectorAll(
        'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
      ),
    )
  );
}

/**
 * Asks the person to confirm an action; resolves true when they confirm, false when they cancel
 * (the Cancel button, Escape, or leaving the screen).
 *
 * @param {{ title: string, body?: string | Node | Array<string | Node>, confirmLabel: string,
 *   cancelLabel?: string, danger?: boolean }} options
 *   `title` is the question ("¿Aprobar S/ 12,500.00 a 18 meses para Familia Quispe Mamani?");
 *   `body` what will happen, a sentence or several (each string becomes a paragraph);
 *   `danger` colours the confirm button red (a rejection, a reversal).
 * @returns {Promise<boolean>}
 */
export function confirmAction({ title, body, confirmLabel, cancelLabel, danger = false }) {
  const id = `confirm-${++counter}`;
  const previousFocus = /** @type {HTMLElement | null} */ (document.activeElement);
  const paragraphs = (Array.isArray(body) ? body : body ? [body] : []).map((part) =>
    typeof part === 'string' ? h('p', {}, part) : part,
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'btn btn--ghost', autofocus: true, 'data-action': 'cancel' },
    cancelLabel ?? t('common.cancel'),
  );
  const confirm = h(
    'button',
    {
      type: 'button',
      class: ['btn', danger ? 'btn--danger' : 'btn--primary'],
      'data-action': 'confirm',
    },
    confirmLabel,
  );
  const dialog = /** @type {HTMLDialogElement} */ (
    h(
      'dialog',
      {
        class: ['confirm-dialog', 'no-print', danger && 'confirm-dialog--danger'],
        'aria-labelledby': `${id}-title`,
        'aria-describedby': paragraphs.length ? `${id}-body` : null,
      },
      h('h2', { class: 'confirm-dialog__title', id: `${id}-title` }, title),
      paragraphs.length
        ? h('div', { class: 'confirm-dialog__body', id: `${id}-body` }, paragraphs)
        : null,
      h('div', { class: 'confirm-dialog__actions' }, confirm, cancel),
    )
  );

  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('hashchange', onLeave);
      if (dialog.open) dialog.close();
      dialog.remove();
      if (previousFocus && previousFocus.isConnected) previousFocus.focus();
      resolve(answer);
    };
    const onLeave = () => finish(false);

    cancel.addEventListener('click', () => finish(false));
    confirm.addEventListener('click', () => finish(true));
    // Escape: the browser fires `cancel`; close it ourselves so the answer is always false.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        finish(false);
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusables(dialog);
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (
        event.shiftKey &&
        (document.activeElement === first || !dialog.contains(document.activeElement))
      ) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    window.addEventListener('hashchange', onLeave);

    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
