import { Decimal } from '@qollqa/money';
import { ValueTransformer } from 'typeorm';

/** Maps a PostgreSQL `numeric` column (which `pg` returns as a string) to an exact Decimal. */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | string | null | undefined) =>
    value === null || value === undefined ? value : new Decimal(value).toFixed(),
  from: (value: string | null) => (value === null ? null : new Decimal(value)),
};
