import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';

// Each rule of our own has a constraint name (`isMoney`…): the error catalogue says it in Spanish
// and English by that name (libs/platform/src/errors/messages), with the rule's limits.

/** A non-negative amount in soles: a string with at most two decimals, e.g. "1500.00". */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** A rule of our own: `name` is its key in the error catalogue, `constraints` its {constraint1}…. */
export function Rule(
  name: string,
  validate: (value: unknown) => boolean,
  constraints: unknown[] = [],
  options?: ValidationOptions,
) {
  return ValidateBy(
    {
      name,
      constraints,
      validator: { validate, defaultMessage: () => `$property breaks the rule ${name}` },
    },
    options,
  );
}

export function IsMoney(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({
      type: String,
      example: '1500.00',
      pattern: MONEY_PATTERN.source,
      ...options,
    } as ApiPropertyOptions),
    Rule('isMoney', (value) => typeof value === 'string' && MONEY_PATTERN.test(value)),
  );
}

/** An amount that moves money: like IsMoney, and more than zero ("0.00" → 400). */
export function IsPositiveMoney(options: ApiPropertyOptions = {}) {
  return applyDecorators(
    IsMoney(options),
    Rule('isPositiveMoney', (value) => typeof value === 'string' && /[1-9]/.test(value)),
  );
}

/**
 * A trimmed, required text of bounded length: "  " is empty and refused. Free text (a purpose, a
 * reason) may hold tabs and line breaks; other control characters never reach a DTO (the body
 * parser refuses them).
 */
export function IsBoundedText(max: number, options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: max, ...options } as ApiPropertyOptions),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );
}

/** A name, a place, a reference: like IsBoundedText, on one line (no tab, no line break). */
export function IsBoundedLine(max: number, options: ApiPropertyOptions = {}) {
  return applyDecorators(
    IsBoundedText(max, { pattern: '^[^\\t\\n\\r]+$', ...options }),
    Rule('isSingleLine', (value) => typeof value === 'string' && !/[\t\n\r]/.test(value)),
  );
}

/** What an array sent in an object's place (or an object in a list's) is validated as. */
const NOT_AN_OBJECT = 'not an object';
const NOT_A_LIST = 'not a list';

/**
 * A nested object of the body, validated as its class. An array sent in its place is one problem
 * ("must be an object"), not a validation of each of its elements — maybe 60,000 of them.
 */
export function IsNestedObject(type: () => new () => object) {
  return applyDecorators(
    IsObject(),
    ValidateNested(),
    Type(type),
    Transform(({ value, obj, key }) =>
      Array.isArray((obj as Record<string, unknown>)[key]) ? NOT_AN_OBJECT : value,
    ),
  );
}

/**
 * A list of nested objects, at most `max` of them. An object sent in its place is refused (400),
 * never validated as if it were one item; a list that is too long is refused without validating
 * each of its items.
 */
export function IsArrayOf(type: () => new () => object, max: number) {
  return applyDecorators(
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
    Transform(({ value, obj, key }) => {
      const sent = (obj as Record<string, unknown>)[key];
      if (!Array.isArray(sent)) return NOT_A_LIST;
      // Empty slots: ArrayMaxSize sees the length, item validation skips them.
      return sent.length > max ? new Array(max + 1) : value;
    }),
  );
}
