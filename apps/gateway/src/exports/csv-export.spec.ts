import { StreamableFile } from '@nestjs/common';
import { csvFile, everyBatch, everyPage, wantsCsv } from './csv-export';
import { fieldPaths, flattenRow } from './flatten';

const text = async (file: StreamableFile): Promise<string> => {
  let out = '';
  for await (const chunk of file.getStream()) out += chunk.toString();
  return out;
};

describe('wantsCsv', () => {
  it.each([
    ['text/csv', true],
    ['text/csv; charset=utf-8', true],
    ['TEXT/CSV', true],
    ['application/json, text/csv;q=0.5', false],
    ['text/csv, application/json;q=0.9', true],
    ['text/csv;q=0', false],
    ['*/*', false],
    ['application/json', false],
    [undefined, false],
  ])('Accept %p → %p', (accept, expected) => {
    expect(wantsCsv(accept)).toBe(expected);
  });
});

describe('flattenRow', () => {
  const item = {
    id: 'a1',
    enterprise: { name: 'Familia Quíspe', womenLed: true, years: 6 },
    score: { reasons: ['CAPACITY', 'NO_HISTORY'], value: 80 },
    decision: null,
    timeline: [{ status: 'submitted' }],
    amount: '1500.00',
    netSurplus: '-300.00',
  };

  it('names nested fields with dots, keeps amounts as strings, joins plain lists', () => {
    expect(
      flattenRow(item, [
        'id',
        'enterprise.name',
        'enterprise.womenLed',
        'enterprise.years',
        'score.reasons',
        'decision.by',
        'timeline',
        'amount',
        'netSurplus',
      ]),
    ).toEqual([
      'a1',
      'Familia Quíspe',
      'true',
      '6',
      'CAPACITY; NO_HISTORY',
      '',
      '[{"status":"submitted"}]',
      '1500.00',
      '-300.00',
    ]);
  });

  it('puts an apostrophe before what a spreadsheet would run as a formula', () => {
    expect(flattenRow({ name: '=HYPERLINK("x")', at: '@SUM(A1)' }, ['name', 'at'])).toEqual([
      `'=HYPERLINK("x")`,
      "'@SUM(A1)",
    ]);
  });

  it('lists the field paths of an item', () => {
    expect(fieldPaths(item)).toEqual([
      'id',
      'enterprise.name',
      'enterprise.womenLed',
      'enterprise.years',
      'score.reasons',
      'score.value',
      'decision',
      'timeline',
      'amount',
      'netSurplus',
    ]);
  });
});

describe('csvFile', () => {
  it('writes a header and RFC 4180 records, CRLF-separated', async () => {
    const file = await csvFile(
      'loans',
      ['reference', 'enterprise.name', 'note'],
      [
        { reference: 'QL-1', enterprise: { name: 'Familia "La Unión", Ccatca' }, note: 'a\nb' },
        { reference: 'QL-2', enterprise: { name: 'Familia Mamani' }, note: null },
      ],
    );
    expect(file.getHeaders()).toMatchObject({
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="loans.csv"',
    });
    expect(await text(file)).toBe(
      'reference,enterprise.name,note\r\n' +
        'QL-1,"Familia ""La Unión"", Ccatca","a\nb"\r\n' +
        'QL-2,Familia Mamani,\r\n',
    );
  });

  it('has its header with no rows', async () => {
    expect(await text(await csvFile('empty', ['id', 'enterprise.name'], []))).toBe(
      'id,enterprise.name\r\n',
    );
  });

  it('reads every batch, one after the other', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}` }));
    const asked: (string | undefined)[] = [];
    const fetch = jest.fn(async (after: string | undefined) => {
      asked.push(after);
      const start = after === undefined ? 0 : rows.findIndex((row) => row.id === after) + 1;
      const items = rows.slice(start, start + 3);
      return { items, next: items.length === 3 ? items[2].id : null };
    });
    const out = await text(await csvFile('rows', ['id'], everyBatch(fetch)));
    expect(out.split('\r\n').filter(Boolean)).toEqual(['id', ...rows.map((row) => row.id)]);
    expect(asked).toEqual([undefined, 'r2', 'r5']);
  });

  it('reads every page of a paged list', async () => {
    const fetch = jest.fn(async (page: number, pageSize: number) => ({
      items: Array.from(
        { length: Math.max(0, Math.min(pageSize, 5 - (page - 1) * pageSize)) },
        (_, i) => ({
          n: (page - 1) * pageSize + i,
        }),
      ),
      total: 5,
      page,
      pageSize,
    }));
    const out = await text(await csvFile('rows', ['n'], everyPage(fetch, 2)));
    expect(out).toBe('n\r\n0\r\n1\r\n2\r\n3\r\n4\r\n');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('a refusal of the first batch is an error before any answer', async () => {
    const refused = new Error('403');
    await expect(
      csvFile(
        'rows',
        ['id'],
        everyBatch(async () => {
          throw refused;
        }),
      ),
    ).rejects.toBe(refused);
  });

  it('a failure after the first batch breaks the stream', async () => {
    let calls = 0;
    const file = await csvFile(
      'rows',
      ['id'],
      everyBatch(async () => {
        calls += 1;
        if (calls > 1) throw new Error('service gone');
        return { items: [{ id: 'r1' }], next: 'r1' };
      }),
    );
    await expect(text(file)).rejects.toThrow('service gone');
  });
});
