import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  StreamableFile,
} from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { Batch, Page } from '@qollqa/contracts';
import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import { flattenRow } from './flatten';

/**
 * CSV exports of the list routes (API.md "Exports"): the same route, the same roles and filters,
 * answers `text/csv` when the request's Accept asks for it — a header row, RFC 4180 quoting, and
 * every matching row (no paging), read from the service in batches and streamed as they come.
 *
 * A route adopts it with `@ProducesCsv()` on the handler, `@CsvRequested() csv: boolean` among its
 * parameters, and one line:
 *
 *     if (csv) return csvFile('loans', LOAN_CSV_COLUMNS, everyBatch((after) => rpc(…, { batch: { after, limit } })));
 *
 * (`everyPage` for a service that only pages, `csvFile(name, columns, items)` for a list in hand).
 */

/** True when the client prefers CSV: `text/csv` listed (q > 0) and JSON not preferred over it. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string) =>
    Math.max(
      0,
      ...accept
        .split(',')
        .map((range) => range.trim().split(';'))
        .filter(([media]) => media.trim().toLowerCase() === type)
        .map(([, ...params]) => {
          const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
          const value = q ? Number(q.slice(2)) : 1;
          return Number.isFinite(value) ? value : 0;
        }),
    );
  const csv = quality('text/csv');
  return csv > 0 && csv >= quality('application/json');
}

/** `@CsvRequested() csv: boolean`: whether this request's Accept asks for CSV. */
export const CsvRequested = createParamDecorator((_: unknown, context: ExecutionContext): boolean =>
  wantsCsv(context.switchToHttp().getRequest().headers?.accept),
);

/** OpenAPI: the route answers JSON, or CSV when asked. */
export const ProducesCsv = () => applyDecorators(ApiProduces('application/json', 'text/csv'));

/**
 * Every row of a list read in keyset batches (`Batch`), the next asked only when the stream wants
 * more. `fetch(after)` asks for the batch after the row `after` (none for the first).
 */
export async function* everyBatch<T>(
  fetch: (after: string | undefined) => Promise<Batch<T>>,
): AsyncGenerator<T> {
  let after: string | undefined;
  do {
    const batch = await fetch(after);
    yield* batch.items;
    after = batch.next ?? undefined;
  } while (after);
}

/**
 * Every row of a paged list (`Page`), page after page of `pageSize`. For lists that only grow at
 * their end (new rows would otherwise shift rows across pages); prefer `everyBatch`.
 */
export async function* everyPage<T>(
  fetch: (page: number, pageSize: number) => Promise<Page<T>>,
  pageSize = 100,
): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page, pageSize);
    yield* items;
    if (items.length < pageSize || page * pageSize >= total) return;
  }
}

/**
 * The CSV answer: `<name>.csv` as an attachment, UTF-8, CRLF between records, fields quoted when
 * they hold a comma, a double quote (doubled) or a line break (RFC 4180). The first row is read
 * before the answer starts, so a refusal (403, 404, 422…) is still a proper error answer; a
 * failure later cuts the stream (the client sees an incomplete transfer, never a short file).
 */
export async function csvFile(
  name: string,
  columns: readonly string[],
  rows: Iterable<unknown> | AsyncIterable<unknown>,
): Promise<StreamableFile> {
  const iterator =
    Symbol.asyncIterator in rows
      ? (rows as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (rows as Iterable<unknown>)[Symbol.iterator]();
  const first = await iterator.next();
  async function* records(): AsyncGenerator<string[]> {
    for (let next = first; !next.done; next = await iterator.next()) {
      yield flattenRow(next.value, columns);
    }
  }
  const csv = stringify({
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    // A lone LF or CR is a line break too for the programs that open these files.
    quoted_match: /[\r\n]/,
  });
  // pipeline, not pipe: a failed batch destroys the CSV stream (and the answer) instead of hanging
  // it, and a client that goes away stops the reading of further batches.
  pipeline(Readable.from(records()), csv, () => undefined);
  return new StreamableFile(csv, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`,
  });
}
