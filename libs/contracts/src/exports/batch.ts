import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/**
 * A list read whole, one batch at a time (a CSV export has every row, and a NATS message holds
 * about 1 MB): the rows after the row `after`, in the list's order. Keyset, not offset, so a row
 * added while an export runs never shifts another into a batch twice.
 */
export class BatchRequest {
  /** Id of the last row of the previous batch; none for the first. */
  @IsOptional() @IsUUID() after?: string;
  @IsInt() @Min(1) @Max(1000) limit: number;
}

export interface Batch<T> {
  items: T[];
  /** What to pass as `after` for the next batch; null when this was the last. */
  next: string | null;
}

/** The rows after which the next batch starts: the last row's id when the batch is full. */
export function nextAfter<T extends { id: string }>(rows: T[], limit: number): string | null {
  return rows.length === limit ? rows[rows.length - 1].id : null;
}
