import { EdgeException, EdgeExceptionCode as Code } from './edge.exception';
import {
  MAX_REPORTED_ISSUES,
  ValidationFailedException,
  ValidationIssue,
} from './validation-failed.exception';

/** Bodies are small JSON objects: the largest (an application) is a few kilobytes. */
export const MAX_BODY_BYTES = 128 * 1024;

/** JSON nested deeper than this is refused (API.md); our deepest body has three levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * No body of ours has an object of more than a dozen fields or a list of more than a few dozen
 * items. Past these, a body is refused before it is turned into classes: class-transformer's cost
 * grows with the square of an object's keys, and 60,000 items would each become an instance.
 */
export const MAX_OBJECT_KEYS = 100;
export const MAX_ARRAY_ITEMS = 1000;

/**
 * C0 and C1 control characters except tab, line feed and carriage return (free text may hold
 * lines), and lone UTF-16 surrogates: none is text a person typed, and PostgreSQL refuses NUL.
 * Single-line fields refuse tab and line breaks too (`IsBoundedLine`).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;

/**
 * Keys that name a property every object inherits (`__proto__`, `constructor`, `toString`…): never
 * a field of ours, and class-validator's whitelist mistakes several of them for declared fields.
 */
export const INHERITED_KEYS: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a request body: UTF-8 JSON whose top level is an object, at most MAX_JSON_DEPTH deep,
 * without inherited keys or control characters anywhere. Refusals are the contract's 400s.
 */
export function parseStrictJson(body: Buffer | string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : utf8.decode(body));
  } catch {
    throw new EdgeException(Code.MalformedJson, 'The body is not valid UTF-8 JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EdgeException(Code.BodyNotAnObject, 'The body must be a JSON object');
  }
  const problems = new ProblemList();
  inspect(value, '', 1, problems);
  problems.throwIfAny();
  return value as Record<string, unknown>;
}

/** The keys and values of a parsed query string, held to the same rules as a body's. */
export function assertCleanQuery(query: Record<string, unknown>): void {
  const problems = new ProblemList();
  inspect(query, '', 1, problems);
  problems.throwIfAny();
}

class ProblemList {
  readonly issues: ValidationIssue[] = [];
  total = 0;

  add(path: string, constraint: string, args?: unknown[]) {
    this.total++;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push({ path, constraint, args });
  }

  throwIfAny() {
    if (this.total > 0) throw new ValidationFailedException(this.issues, this.total);
  }
}

function inspect(node: object, path: string, depth: number, problems: ProblemList) {
  if (depth > MAX_JSON_DEPTH) {
    throw new EdgeException(
      Code.JsonTooDeep,
      `The body is nested deeper than ${MAX_JSON_DEPTH} levels`,
      { maxDepth: MAX_JSON_DEPTH },
    );
  }
  if (Array.isArray(node)) {
    if (node.length > MAX_ARRAY_ITEMS) return problems.add(path, 'tooManyItems', [MAX_ARRAY_ITEMS]);
    node.forEach((item, index) => inspectValue(item, join(path, String(index)), depth, problems));
    return;
  }
  const keys = Object.keys(node);
  if (keys.length > MAX_OBJECT_KEYS) {
    return problems.add(path, path ? 'tooManyKeys' : 'tooManyKeysInBody', [MAX_OBJECT_KEYS]);
  }
  for (const key of keys) {
    inspectEntry(key, (node as Record<string, unknown>)[key], path, depth, problems);
  }
}

function inspectEntry(
  key: string,
  value: unknown,
  parent: string,
  depth: number,
  problems: ProblemList,
) {
  const path = join(parent, key);
  if (INHERITED_KEYS.has(key)) problems.add(path, 'forbiddenKey');
  else if (CONTROL_CHARACTERS.test(key)) problems.add(path, 'controlCharacters');
  inspectValue(value, path, depth, problems);
}

function inspectValue(value: unknown, path: string, depth: number, problems: ProblemList) {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTERS.test(value)) problems.add(path, 'controlCharacters');
  } else if (typeof value === 'object' && value !== null) {
    inspect(value, path, depth + 1, problems);
  }
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}
