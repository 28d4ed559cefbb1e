// Compiles apps/, libs/ and scripts/ to dist/ with swc (about a second for the whole monorepo) and
// rewrites the @qollqa/* path aliases to relative requires. Type-checking is `npm run typecheck`.
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { readFileSync } from 'node:fs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const outDir = join(root, 'dist');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (dir.includes('/apps/web/')) continue;
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts'))
      yield path;
  }
}

await rm(outDir, { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs', 'scripts']) {
  for await (const file of sources(join(root, top))) {
    const { code, map } = await transformFile(file, {
      sourceMaps: true,
      module: { type: 'commonjs' },
      jsc: {
        target: 'es2023',
        baseUrl: root,
        paths: tsconfig.compilerOptions.paths,
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        keepClassNames: true,
      },
    });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map`);
    await writeFile(`${target}.map`, map);
    count++;
  }
}
// The web app: bundled, fingerprinted and precompressed into dist/web (served by the gateway).
const { buildWeb } = await import('../apps/web/build.mjs');
await buildWeb(join(outDir, 'web'));
console.log(`built ${count} files into dist/`);
