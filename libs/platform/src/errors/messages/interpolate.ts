/** `{name}` → the value of `name`; a name without a value stays as it is. */
export function interpolate(template: string, ...args: unknown[]): string {
  const values = (args[0] ?? {}) as Record<string, unknown>;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
