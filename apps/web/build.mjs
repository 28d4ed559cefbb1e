// Builds the web app into dist/web: a minified, fingerprinted JS bundle and stylesheet (their names
// carry a hash of their content, so the gateway can let browsers keep them for a year), the HTML shell
// pointing at them, the web manifest, and the service worker with the list of files it must cache.
// The fund manager's screens with charts and table exports are split off (`import()` in main.js) into
// chunks of their own, so that a family's phone never downloads Chart.js; the chunks the bundle
// imports statically (code it shares with those screens) are part of the shell.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdir } from 'node:fs/promises';
import { mkdir, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');

/** Short content hash: the service worker's version. */
const fingerprint = (content) => createHash('sha256').update(content).digest('hex').slice(0, 10);

export async function buildWeb(outDir = resolve(here, '../../dist/web')) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });

  const bundled = await build({
    entryPoints: { app: join(src, 'js', 'main.js'), styles: join(src, 'styles.css') },
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    outdir: join(outDir, 'assets'),
    entryNames: '[name].[hash]',
    chunkNames: 'chunk.[hash]',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = bundled.metafile.outputs;
  const name = (path) => relative(outDir, resolve(path)).split('\\').join('/');
  const entry = (ext) =>
    Object.keys(outputs).find((path) => outputs[path].entryPoint && path.endsWith(`.${ext}`));
  const assets = { js: name(entry('js')), css: name(entry('css')) };
  // Every chunk the bundle needs before it runs (static imports, transitively): the shell.
  const statics = new Set();
  const visit = (path) => {
    for (const imported of outputs[path].imports) {
      if (imported.kind !== 'import-statement' || statics.has(imported.path)) continue;
      statics.add(imported.path);
      visit(imported.path);
    }
  };
  visit(entry('js'));

  await cp(join(src, 'static'), outDir, { recursive: true });
  const html = (await readFile(join(src, 'index.html'), 'utf8'))
    .replace('href="styles.css"', `href="/${assets.css}"`)
    .replace('src="js/main.js"', `src="/${assets.js}"`);
  await writeFile(join(outDir, 'index.html'), html);

  // The service worker names the shell's files and a version, so a new build replaces the old cache.
  const shell = [
    '/',
    `/${assets.js}`,
    ...[...statics].map((path) => `/${name(path)}`),
    `/${assets.css}`,
    '/manifest.webmanifest',
    '/icon.svg',
  ];
  const version = fingerprint(shell.join('|'));
  const worker = (await readFile(join(src, 'sw.js'), 'utf8'))
    .replace("'__SHELL__'", JSON.stringify(shell))
    .replace('__VERSION__', version);
  await writeFile(join(outDir, 'sw.js'), worker);
  await precompress(outDir);
  return { outDir, assets, shell, version };
}

/** Brotli and gzip copies next to every text file, served as they are (no compression per request). */
async function precompress(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(js|css|html|svg|webmanifest)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const content = await readFile(path);
    await writeFile(
      `${path}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    await writeFile(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outDir, assets } = await buildWeb(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built the web app into ${outDir} (${assets.js}, ${assets.css})`);
}
