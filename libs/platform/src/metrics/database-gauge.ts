import { Gauge, register } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * A gauge read from the database when Prometheus scrapes it: what replicas share (an outbox table,
 * the business date) is then the same figure whichever replica answers, and nothing is kept in
 * memory. `sql` returns rows of the labels and a `value`.
 */
export interface DatabaseGaugeDefinition {
  name: string;
  help: string;
  labelNames: string[];
  sql: string;
}

interface Source {
  dataSource: DataSource;
  labels: Record<string, string>;
}

// Several services share one process in tests: one gauge per name, one source per service.
const sources = new Map<string, Source[]>();

/** Adds a service's database as a source of the gauge (created on first use). */
export function registerDatabaseGauge(
  definition: DatabaseGaugeDefinition,
  dataSource: DataSource,
  labels: Record<string, string>,
): void {
  const list = sources.get(definition.name) ?? [];
  sources.set(definition.name, [
    ...list.filter((s) => s.dataSource !== dataSource),
    { dataSource, labels },
  ]);
  if (register.getSingleMetric(definition.name)) return;
  new Gauge({
    name: definition.name,
    help: definition.help,
    labelNames: definition.labelNames,
    async collect() {
      this.reset();
      for (const source of sources.get(definition.name) ?? []) {
        if (!source.dataSource.isInitialized) continue;
        // A database that cannot answer leaves the figure out (absent, which alerts can see).
        const rows: Record<string, unknown>[] = await source.dataSource
          .query(definition.sql)
          .catch(() => []);
        for (const { value, ...rowLabels } of rows) {
          const labelValues = Object.fromEntries(
            Object.entries(rowLabels).map(([key, v]) => [key, String(v)]),
          );
          this.set({ ...source.labels, ...labelValues }, Number(value));
        }
      }
    },
  });
}

/** Forgets a service's database (it closed). */
export function unregisterDatabaseGauges(dataSource: DataSource): void {
  for (const [name, list] of sources) {
    sources.set(
      name,
      list.filter((source) => source.dataSource !== dataSource),
    );
  }
}
