// `make dist`: the self-contained folder to publish (dist/, entry dist/index.html).
// The page's modules are bundled and minified with esbuild (the parts the page
// loads on demand stay separate chunks), file names carry a content hash, every
// path is relative, and nothing is fetched from another host. The WebAssembly
// module is the one `make wasm` built in pkg/ (no test hooks), beside its glue.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'dist');
const PKG = path.join(ROOT, 'pkg');

if (!existsSync(path.join(PKG, 'vision_index_bg.wasm'))) {
  console.error('dist: pkg/ is missing: run `make wasm` first');
  process.exit(1);
}
const glueText = readFileSync(path.join(PKG, 'vision_index.js'), 'utf8');
if (glueText.includes('debugPanic')) {
  console.error('dist: pkg/ was built with the test hooks (debugPanic): run `make wasm` first');
  process.exit(1);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.join(OUT, 'assets'), { recursive: true });
mkdirSync(path.join(OUT, 'pkg'), { recursive: true });

// The analysis worker (modules/analysis-worker.js): its own bundle, hashed, built
// first; the page's bundle is given its name (`__VI_WORKER__`, see
// modules/analysis.js), so a new worker gives the page's bundle a new hash too.
const workerBuilt = await esbuild.build({
  entryPoints: [path.join(WWW, 'modules', 'analysis-worker.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outdir: path.join(OUT, 'assets'),
  entryNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const workerName = path.basename(Object.keys(workerBuilt.metafile.outputs)[0]);

// The element and its modules: one entry, lazy parts as chunks, hashed names.
const built = await esbuild.build({
  entryPoints: [path.join(WWW, 'vision-index.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outdir: path.join(OUT, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  define: { __VI_WORKER__: JSON.stringify(`./${workerName}`) },
});
// (each lazy import() is an entry point of its own to esbuild: the element's is the one from vision-index.js)
const entry = Object.entries(built.metafile.outputs).find(([, o]) => o.entryPoint && path.basename(o.entryPoint) === 'vision-index.js')?.[0];
if (!entry) throw new Error('dist: esbuild wrote no entry');
const entryName = path.basename(entry);


// The files the modules find next to themselves (`new URL(…, import.meta.url)`):
// the shadow root's stylesheet beside the bundle, the glue and module in ../pkg/.
const css = await esbuild.transform(readFileSync(path.join(WWW, 'vision-index.css'), 'utf8'), { loader: 'css', minify: true, legalComments: 'none' });
writeFileSync(path.join(OUT, 'assets', 'vision-index.css'), css.code);
const cssA = await esbuild.transform(readFileSync(path.join(WWW, 'analysis-views.css'), 'utf8'), { loader: 'css', minify: true, legalComments: 'none' });
writeFileSync(path.join(OUT, 'assets', 'analysis-views.css'), cssA.code);
const glue = await esbuild.transform(glueText, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
writeFileSync(path.join(OUT, 'pkg', 'vision_index.js'), glue.code);
copyFileSync(path.join(PKG, 'vision_index_bg.wasm'), path.join(OUT, 'pkg', 'vision_index_bg.wasm'));
// The analysis module (make wasm-analysis) in ../pkg-analysis/, loaded by the worker.
const PKG_A = path.join(ROOT, 'pkg-analysis');
if (!existsSync(path.join(PKG_A, 'vision_index_bg.wasm'))) throw new Error('dist: pkg-analysis/ is missing: run `make wasm` first');
mkdirSync(path.join(OUT, 'pkg-analysis'), { recursive: true });
const glueA = await esbuild.transform(readFileSync(path.join(PKG_A, 'vision_index.js'), 'utf8'), { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
writeFileSync(path.join(OUT, 'pkg-analysis', 'vision_index.js'), glueA.code);
copyFileSync(path.join(PKG_A, 'vision_index_bg.wasm'), path.join(OUT, 'pkg-analysis', 'vision_index_bg.wasm'));

// The host page and its own files.
const pageCss = await esbuild.transform(readFileSync(path.join(WWW, 'page.css'), 'utf8'), { loader: 'css', minify: true, legalComments: 'none' });
writeFileSync(path.join(OUT, 'page.css'), pageCss.code);
copyFileSync(path.join(WWW, 'favicon.svg'), path.join(OUT, 'favicon.svg'));
// ---- a11y: the page's script (it follows the widget's language: <html lang>, title, heading)
const pageJs = await esbuild.transform(readFileSync(path.join(WWW, 'page.js'), 'utf8'), { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
writeFileSync(path.join(OUT, 'page.js'), pageJs.code);
// The datasets without the whitespace between their tokens: every other
// character is kept as it is (numbers as written, keys in their order, a
// repeated key too), and the result is checked to read as the original does.
const TOKEN = /("(?:[^"\\]|\\.)*")|\s+/g;
const dataDir = path.join(WWW, 'data');
cpSync(dataDir, path.join(OUT, 'data'), { recursive: true });
for (const f of readdirSync(dataDir)) {
  if (!f.endsWith('.json')) continue;
  const text = readFileSync(path.join(dataDir, f), 'utf8');
  const min = text.replace(TOKEN, (_, str) => str ?? '');
  if (JSON.stringify(JSON.parse(min)) !== JSON.stringify(JSON.parse(text))) throw new Error(`dist: data/${f} reads differently without its whitespace`);
  writeFileSync(path.join(OUT, 'data', f), min);
}
let html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
const swap = (from, to) => {
  if (!html.includes(from)) throw new Error(`dist: the page has no ${from}`);
  html = html.replace(from, to);
};
swap('src="vision-index.js"', `src="assets/${entryName}"`);
swap('href="vision-index.css"', 'href="assets/vision-index.css"');
writeFileSync(path.join(OUT, 'index.html'), html);

// ---- embed: the ways to put the widget on another page (README, "Embedding on a website").
// vision-index.js: a stable name for a CMS page's <script type="module">, importing the hashed bundle.
writeFileSync(path.join(OUT, 'vision-index.js'), `import './assets/${entryName}';\n`);
// embed.html (the widget alone, for an iframe) with its script hashed, embed.css beside it,
// and embed-host.js (the embedding page's script) under a stable name.
const hashed = (code, name) => {
  const file = `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 8).toUpperCase()}.js`;
  writeFileSync(path.join(OUT, 'assets', file), code);
  return file;
};
const min = async (file) => (await esbuild.transform(readFileSync(path.join(WWW, file), 'utf8'), { loader: file.endsWith('.css') ? 'css' : 'js', minify: true, target: 'es2022', legalComments: 'none' })).code;
const embedJs = hashed(await min('embed.js'), 'embed');
writeFileSync(path.join(OUT, 'embed.css'), await min('embed.css'));
writeFileSync(path.join(OUT, 'embed-host.js'), await min('embed-host.js'));
html = readFileSync(path.join(WWW, 'embed.html'), 'utf8');
swap('src="embed.js"', `src="assets/${embedJs}"`);
swap('src="vision-index.js"', `src="assets/${entryName}"`);
swap('href="vision-index.css"', 'href="assets/vision-index.css"');
writeFileSync(path.join(OUT, 'embed.html'), html);

const hash = createHash('sha256');
for (const o of Object.keys(built.metafile.outputs).sort()) hash.update(readFileSync(path.join(ROOT, o)));
console.log(`dist: dist/index.html, assets/${entryName} and ${Object.keys(built.metafile.outputs).length - 1} chunk(s); bundle ${hash.digest('hex').slice(0, 12)}`);
