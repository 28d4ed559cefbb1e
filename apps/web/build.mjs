// Builds the web app into dist/web: one minified, fingerprinted JS bundle and stylesheet (their names
// carry a hash of their content, so the gateway can let browsers keep them for a year), the HTML shell
// pointing at them, the web manifest, and the service worker with the list of files it must cache.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdir } from 'node:fs/promises';
import { mkdir, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');

/** Short content hash used in a fingerprinted file name. */
const fingerprint = (content) => createHash('sha256').update(content).digest('hex').slice(0, 10);

export async function buildWeb(outDir = resolve(here, '../../dist/web')) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });

  const bundled = await build({
    entryPoints: [join(src, 'js', 'main.js'), join(src, 'styles.css')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    write: false,
    outdir: join(outDir, 'assets'),
    legalComments: 'none',
    logLevel: 'warning',
  });
  const assets = {};
  for (const file of bundled.outputFiles) {
    const ext = file.path.endsWith('.css') ? 'css' : 'js';
    const name = `assets/${ext === 'css' ? 'styles' : 'app'}.${fingerprint(file.contents)}.${ext}`;
    await writeFile(join(outDir, name), file.contents);
    assets[ext] = name;
  }

  await cp(join(src, 'static'), outDir, { recursive: true });
  const html = (await readFile(join(src, 'index.html'), 'utf8'))
    .replace('href="styles.css"', `href="/${assets.css}"`)
    .replace('src="js/main.js"', `src="/${assets.js}"`);
  await writeFile(join(outDir, 'index.html'), html);

  // The service worker names the shell's files and a version, so a new build replaces the old cache.
  const shell = ['/', `/${assets.js}`, `/${assets.css}`, '/manifest.webmanifest', '/icon.svg'];
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
