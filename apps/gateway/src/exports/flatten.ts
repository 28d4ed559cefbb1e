/**
 * One CSV row from a JSON item: each column is a field's path, a nested one with dots
 * (`enterprise.name`). Values are written as the JSON has them — amounts stay decimal strings
 * ("1500.00"), booleans `true`/`false`, null (or an absent nested object) an empty cell; a list of
 * plain values is joined with "; " (`CAPACITY; NO_HISTORY`), a list of objects is written as JSON.
 */
export function flattenRow(item: unknown, columns: readonly string[]): string[] {
  return columns.map((column) => cell(valueAt(item, column)));
}

/** Every field path of an item, nested objects expanded: the columns its CSV has. */
export function fieldPaths(item: unknown, prefix = ''): string[] {
  if (!isPlainObject(item)) return [prefix];
  return Object.entries(item).flatMap(([key, value]) =>
    isPlainObject(value) ? fieldPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function valueAt(item: unknown, path: string): unknown {
  let value = item;
  for (const key of path.split('.')) {
    if (!isPlainObject(value)) return null;
    value = value[key];
  }
  return value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value.some((element) => typeof element === 'object' && element !== null)
      ? JSON.stringify(value)
      : value.map((element) => cell(element)).join('; ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return guardFormula(String(value));
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first: "CSV injection")
 * gets a leading apostrophe, as OWASP advises; numbers such as "-12.50" are left as they are.
 */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
