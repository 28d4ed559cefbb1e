import { ArgumentMetadata, HttpException } from '@nestjs/common';
import { createValidationPipe } from '@qollqa/platform';
import { IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CreateApplicationDto } from '../applications/create-application.dto';
import {
  IsArrayOf,
  IsBoundedLine,
  IsBoundedText,
  IsMoney,
  IsNestedObject,
} from './money.validators';
import { ListLoansQuery } from '../loans/repayment.rpc';

class Item {
  @IsMoney() amount: string;
  @IsBoundedLine(20) label: string;
}

class Order {
  @IsDefined() @IsNestedObject(() => Item) main: Item;
  @IsOptional() @IsArrayOf(() => Item, 5) extras?: Item[];
  @IsOptional() @IsBoundedText(200) note?: string;
  // Decorators in the usual order: the range is declared after the type.
  @IsOptional() @IsInt() @Min(1) @Max(36) termMonths?: number;
}

/** The problems (catalogue key and field) the validation pipe answers for `value`. */
async function problems(
  value: unknown,
  metatype: ArgumentMetadata['metatype'],
  type: ArgumentMetadata['type'] = 'body',
) {
  try {
    await createValidationPipe().transform(value, { type, metatype });
  } catch (error) {
    const response = (error as HttpException).getResponse() as {
      code: string;
      details: { key: string; params: Record<string, string | number> }[];
    };
    expect(response.code).toBe('VALIDATION_FAILED');
    return response.details.map(({ key, params }) =>
      [params.field ?? params.count, key.replace('validation.', ''), params.constraint1]
        .filter((part) => part !== undefined)
        .join(' '),
    );
  }
  return [];
}

const item = { amount: '10.00', label: 'seed' };

describe('the validation policy', () => {
  it('accepts a good body', async () => {
    expect(
      await problems({ main: item, extras: [item], note: 'a\nb', termMonths: 12 }, Order),
    ).toEqual([]);
  });

  it('refuses an array where an object is expected as one problem, whatever its length', async () => {
    // (The body parser refuses a list of more than 1,000 items before this point.)
    expect(await problems({ main: Array.from({ length: 1000 }, () => ({})) }, Order)).toEqual([
      'main isObject',
    ]);
    expect(await problems({ main: 'text' }, Order)).toEqual(['main isObject']);
  });

  it('refuses an object where an array is expected', async () => {
    expect(await problems({ main: item, extras: item }, Order)).toEqual(['extras isArray']);
    expect(await problems({ main: item, extras: { amount: 1 } }, Order)).toEqual([
      'extras isArray',
    ]);
    expect(
      await problems({ main: item, extras: [item, item, item, item, item, item] }, Order),
    ).toEqual(['extras arrayMaxSize 5']);
  });

  it("names each field's most basic problem once, with the rule's limits", async () => {
    expect(
      await problems({ main: { amount: 10, label: 'x'.repeat(21) }, termMonths: 40 }, Order),
    ).toEqual(['main.amount isMoney', 'main.label maxLength 20', 'termMonths max 36']);
    // A number where a bounded text goes is "must be a string", not also "too long".
    expect(await problems({ main: { amount: '1', label: 42 }, termMonths: 'x' }, Order)).toEqual([
      'main.label isString',
      'termMonths isInt',
    ]);
  });

  it('says a missing field is required, and refuses unknown and single-line-breaking fields', async () => {
    expect(await problems({ main: { label: 'a\tb' }, extra: 1 }, Order)).toEqual([
      'extra whitelistValidation',
      'main.amount isDefined',
      'main.label isSingleLine',
    ]);
  });

  it('names at most 20 problems and counts the rest', async () => {
    const extras = Array.from({ length: 1000 }, () => ({ amount: 1, label: 2 }));
    expect(await problems({ main: item, extras }, Order)).toEqual(['extras arrayMaxSize 5']);
    const found = await problems({ main: item, extras: extras.slice(0, 5) }, Order);
    expect(found).toHaveLength(10);
    expect(found.slice(0, 2)).toEqual(['extras.0.amount isMoney', 'extras.0.label isString']);
    const body = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 1]));
    const unknown = await problems({ main: item, ...body }, Order);
    expect(unknown).toHaveLength(21);
    expect(unknown[20]).toBe('80 more');
  });

  it('reads page and pageSize only as plain integers in range', async () => {
    const query = (q: Record<string, string>) => problems(q, ListLoansQuery, 'query');
    expect(await query({ page: '1000000', pageSize: '100' })).toEqual([]);
    for (const page of ['0', '-1', '1.5', '1e300', '1e3', '0x10', ' 5', '1000001', '']) {
      expect(await query({ page })).toEqual(['page isIntegerInRange 1']);
    }
    expect(await query({ pageSize: '101' })).toEqual(['pageSize isIntegerInRange 1']);
  });

  it('checks every nested object of an application the same way', async () => {
    expect(
      await problems({ enterprise: [], request: [], cashflow: {} }, CreateApplicationDto),
    ).toEqual(
      expect.arrayContaining([
        'enterprise isObject',
        'request isObject',
        'cashflow.monthlyRevenue isDefined',
      ]),
    );
  });
});
