/**
 * `npm run bench`: runs every benchmark in this folder (files named *.bench.ts), one after the other,
 * each against a database of its own. They print their figures; nothing is asserted.
 */
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv[2];
  const benches = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.js'))
    .filter((file) => !only || file.startsWith(only));
  for (const file of benches) {
    console.log(`\n== ${file.replace('.bench.js', '')}`);
    const bench = (await import(join(__dirname, file))) as { run: () => Promise<void> };
    await bench.run();
  }
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
