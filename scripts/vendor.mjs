// Copies the page's runtime libraries from node_modules/ into www/vendor/ (git-ignored) as
// plain ES modules, so the un-bundled page (scripts/serve.py) imports them by a relative
// path; `make dist` bundles the same files with esbuild. Run by scripts/setup.sh.
//   qrcode-generator (Kazuhiko Arase, MIT): the presenter view's QR code of the share link.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(ROOT, 'www', 'vendor');
mkdirSync(OUT, { recursive: true });

const FILES = [
  {
    from: 'node_modules/qrcode-generator/dist/qrcode.mjs',
    to: 'qrcode-generator.mjs',
    // the types tsc reads for it (the package's own .d.ts declares a CommonJS module)
    types: `// qrcode-generator's ES module, as the page uses it (written by scripts/vendor.mjs)
export interface QRCode {
  addData(data: string, mode?: 'Numeric' | 'Alphanumeric' | 'Byte' | 'Kanji'): void;
  make(): void;
  getModuleCount(): number;
  isDark(row: number, col: number): boolean;
}
export declare function qrcode(typeNumber: number, errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H'): QRCode;
export default qrcode;
`,
  },
];

for (const f of FILES) {
  const from = path.join(ROOT, f.from);
  if (!existsSync(from)) throw new Error(`vendor: ${f.from} is missing: run npm ci`);
  const to = path.join(OUT, f.to);
  if (!existsSync(to) || readFileSync(to, 'utf8') !== readFileSync(from, 'utf8')) copyFileSync(from, to);
  writeFileSync(path.join(OUT, f.to.replace(/\.mjs$/, '.d.mts')), f.types);
}
console.log(`vendor: www/vendor/ (${FILES.map((f) => f.to).join(', ')})`);
