import { basename, join } from 'node:path';

/** The repository's root, from dist/scripts/chaos (compiled) or from scripts/chaos (under jest). */
const ROOT =
  basename(join(__dirname, '..', '..')) === 'dist'
    ? join(__dirname, '..', '..', '..')
    : join(__dirname, '..', '..');

/** A file of the compiled tree, e.g. `distPath('apps', 'gateway', 'src', 'main.js')`. */
export function distPath(...parts: string[]): string {
  return join(ROOT, 'dist', ...parts);
}
