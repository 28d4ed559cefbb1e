// Form fields with their labels, hints and error messages wired for screen readers, and the
// submit logic every form shares (busy button, one Idempotency-Key per form).
import { keepKeyAfter, newIdempotencyKey } from './api.js';
import { t } from './i18n.js';
import { h } from './render.js';

let counter = 0;
const nextId = (name) => `f-${name}-${++counter}`;

/**
 * A labelled input, select or textarea. Returns { el, input, setError }.
 * `options` makes a <select>: [[value, label], …]. `kind: 'money'` gives a decimal keyboard.
 * `optional: true` adds "(optional)" to the label, for forms where most fields are required.
 * Any other property (maxlength, inputmode, autocomplete…) becomes an attribute of the input.
 *
 * @param {{ label: string, name: string, type?: string, value?: string, hint?: string,
 *   required?: boolean, optional?: boolean, options?: string[][], textarea?: boolean,
 *   kind?: string, [attribute: string]: unknown }} spec
 */
export function field({
  label,
  name,
  type = 'text',
  value = '',
  hint,
  required = false,
  optional = false,
  options,
  textarea = false,
  kind,
  ...attrs
}) {
  const id = nextId(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const common = {
    id,
    name,
    required,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    ...attrs,
  };
  let input;
  if (options) {
    input = h(
      'select',
      common,
      options.map(([v, text]) =>
        h('option', { value: v, selected: String(v) === String(value) }, text),
      ),
    );
  } else if (textarea) {
    input = h('textarea', { ...common, rows: attrs.rows ?? 3 }, value);
  } else if (kind === 'money') {
    // type=text + inputmode=decimal: type=number would turn "1500.00" into a float and drop zeros.
    input = h('input', {
      ...common,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      value,
      placeholder: attrs.placeholder ?? '0.00',
    });
  } else {
    input = h('input', { ...common, type, value });
  }
  const error = h('p', { class: 'field__error', id: errorId, 'aria-live': 'polite' });
  const el = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id, class: 'field__label' },
      label,
      !optional ? null : h('span', { class: 'field__optional' }, ` (${t('common.optional')})`),
    ),
    hint ? h('p', { class: 'field__hint', id: hintId }, hint) : null,
    input,
    error,
  );
  const setError = (message) => {
    error.textContent = message ?? '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  // Once the person edits the field, the old complaint no longer applies.
  input.addEventListener('input', () => setError(null));
  input.addEventListener('change', () => setError(null));
  return { el, input, setError };
}

export function checkbox({ label, name, checked = false }) {
  const id = nextId(name);
  const input = h('input', { type: 'checkbox', id, name, checked });
  return { el: h('div', { class: 'check' }, input, h('label', { for: id }, label)), input };
}

/** A group of radio buttons inside a fieldset with a legend. */
export function radios({ legend, name, options, value }) {
  const inputs = [];
  const el = h(
    'fieldset',
    { class: 'radios' },
    h('legend', {}, legend),
    options.map(([v, text]) => {
      const id = nextId(`${name}-${v}`);
      const input = h('input', { type: 'radio', id, name, value: v, checked: v === value });
      inputs.push(input);
      return h('div', { class: 'radios__option' }, input, h('label', { for: id }, text));
    }),
  );
  return {
    el,
    inputs,
    get value() {
      return inputs.find((i) => i.checked)?.value ?? null;
    },
  };
}

export function submitButton(label) {
  return h('button', { type: 'submit', class: 'btn btn--primary' }, label);
}

/**
 * Runs `action(key)` for a form submit: the button is disabled and relabelled while it runs (a
 * double tap sends nothing twice), and the form keeps one Idempotency-Key until the server has
 * refused the request, so a retry after a lost answer cannot create a second record.
 */
export function idempotentSubmitter(button, busyLabel) {
  let key = newIdempotencyKey();
  let running = false;
  return {
    renewKey() {
      key = newIdempotencyKey();
    },
    async run(action) {
      if (running) return undefined;
      running = true;
      const label = button.textContent;
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      button.textContent = busyLabel;
      try {
        return await action(key);
      } catch (error) {
        if (!keepKeyAfter(error)) key = newIdempotencyKey();
        throw error;
      } finally {
        running = false;
        button.disabled = false;
        button.removeAttribute('aria-busy');
        button.textContent = label;
      }
    },
  };
}
