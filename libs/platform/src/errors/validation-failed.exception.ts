import { HttpStatus } from '@nestjs/common';
import { getMetadataStorage, ValidationError } from 'class-validator';
import { CodedException } from './coded.exception';
import { ErrorDetail, ErrorParams } from './error-body';
import { en } from './messages/en';
import { interpolate } from './messages/interpolate';

/** One problem of a body, query or path: where (`enterprise.name`), which rule, the rule's limits. */
export interface ValidationIssue {
  path: string;
  /** class-validator's constraint name (`maxLength`), or one of the edge's own (`controlCharacters`). */
  constraint: string;
  /** The constraint's arguments (`[120]` for maxLength), interpolated as {constraint1}, {constraint2}… */
  args?: unknown[];
}

/**
 * At most this many problems are named in one answer (the rest are counted): a body of 60,000 bad
 * items gets a short answer, not a megabyte of messages.
 */
export const MAX_REPORTED_ISSUES = 20;

export const VALIDATION_FAILED = 'VALIDATION_FAILED';

/** 400 VALIDATION_FAILED: one message per problem, in the caller's language. */
export class ValidationFailedException extends CodedException<typeof VALIDATION_FAILED> {
  constructor(issues: ValidationIssue[], total = issues.length) {
    const shown = issues.slice(0, MAX_REPORTED_ISSUES);
    const details: ErrorDetail[] = shown.map((issue) => ({
      key: `validation.${issue.constraint}`,
      params: issueParams(issue),
    }));
    if (total > shown.length) {
      details.push({ key: 'validation.more', params: { count: total - shown.length } });
    }
    super(VALIDATION_FAILED, HttpStatus.BAD_REQUEST, details.map(inEnglish).join('; '), details);
  }

  /**
   * From class-validator's errors (nested ones flattened to dotted paths), one problem per field:
   * its most basic broken rule (a number sent as a name is "must be a string", not also "at most
   * 120 characters"), whatever order the field's decorators were written in.
   */
  static fromValidationErrors(errors: ValidationError[]): ValidationFailedException {
    const issues: ValidationIssue[] = [];
    let total = 0;
    const visit = (error: ValidationError, parent: string) => {
      const path = parent ? `${parent}.${error.property}` : error.property;
      const constraints = Object.keys(error.constraints ?? {});
      if (constraints.length > 0) {
        total++;
        if (issues.length < MAX_REPORTED_ISSUES) {
          // A field that is missing altogether is "required", whatever its rules say.
          const missing = error.value === undefined && !constraints.includes('whitelistValidation');
          const constraint = missing ? 'isDefined' : mostBasic(constraints);
          issues.push({ path, constraint, args: constraintArgs(error, constraint) });
        }
      }
      for (const child of error.children ?? []) visit(child, path);
    };
    for (const error of errors) visit(error, '');
    return new ValidationFailedException(issues, total);
  }
}

/** Rules in the order a person fixes them: present, allowed, of the right type, not empty, then the rest. */
const RULE_ORDER = [
  ['isDefined'],
  ['whitelistValidation', 'forbiddenKey', 'controlCharacters', 'unknownValue'],
  [
    'isString',
    'isInt',
    'isNumber',
    'isBoolean',
    'isObject',
    'isArray',
    'isMoney',
    'isUuid',
    'isDateString',
    'isIso8601',
    'isCalendarDate',
    'isIntegerInRange',
    'isIn',
    'isEnum',
    'nestedValidation',
  ],
  ['isNotEmpty', 'isNotBlank', 'arrayNotEmpty'],
];

function mostBasic(constraints: string[]): string {
  const rank = (constraint: string) => {
    const index = RULE_ORDER.findIndex((group) => group.includes(constraint));
    return index === -1 ? RULE_ORDER.length : index;
  };
  return [...constraints].sort((a, b) => rank(a) - rank(b))[0];
}

/** The English text of a problem, for logs and dead letters (callers get theirs rendered). */
function inEnglish({ key, params = {} }: ErrorDetail): string {
  const rule = key.replace(/^validation\./, '') as keyof typeof en.validation;
  const template = Object.hasOwn(en.validation, rule) ? en.validation[rule] : en.validation.invalid;
  const text = typeof template === 'string' ? template : template.other;
  return interpolate(text, params);
}

function issueParams({ path, args = [] }: ValidationIssue): ErrorParams {
  const params: ErrorParams = { field: path };
  args.forEach((arg, index) => {
    const value = Array.isArray(arg)
      ? arg.filter(isPrintable).join(', ')
      : isPrintable(arg)
        ? arg
        : undefined;
    if (value !== undefined) params[`constraint${index + 1}`] = value;
  });
  return params;
}

function isPrintable(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The arguments of the decorator that failed (the 120 of `@MaxLength(120)`): class-validator keeps
 * them in its metadata, not in the error, and the message needs them in either language.
 */
function constraintArgs(error: ValidationError, constraint: string): unknown[] {
  const target = error.target as object | undefined;
  if (!target || Array.isArray(target)) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find(
      (m) => m.propertyName === error.property && (m.name === constraint || m.type === constraint),
    );
  return metadata?.constraints ?? [];
}
