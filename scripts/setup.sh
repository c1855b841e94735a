#!/usr/bin/env bash
# Installs what the widget's build needs, only where missing: the wasm32
# target, wasm-pack and the npm packages (binaryen's wasm-opt, playwright-core,
# Biome and TypeScript for `make test-js`).
# With --browser, also what the browser tests need: Debian's Chromium and
# ChromeDriver, and a Japanese font for their screenshots.
set -euo pipefail
browser=0
[ "${1:-}" = "--browser" ] && browser=1
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  echo "setup: installing wasm-pack (about 80 s)"
  cargo install wasm-pack
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/biome ] || [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/esbuild ] ||
  [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi

# The page's runtime libraries as relative ES modules in www/vendor/ (git-ignored; README,
# "In the workshop room"): the un-bundled page imports them from there, `make dist` bundles them.
if [ ! -f www/vendor/qrcode-generator.mjs ] || [ node_modules/.package-lock.json -nt www/vendor/qrcode-generator.mjs ]; then
  node scripts/vendor.mjs
fi

# Chromium for the browser tests, and a Japanese font so that their screenshots
# show the page as people see it (not boxes); poppler-utils (pdftoppm, pdftotext)
# for the print handout's test, which turns the printed PDF into PNG and text.
need_browser=0
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || need_browser=1
fc-list :lang=ja 2>/dev/null | grep -q . || need_browser=1
[ -x /usr/bin/pdftoppm ] && [ -x /usr/bin/pdftotext ] || need_browser=1
if [ "$browser" = "1" ] && [ "$need_browser" = "1" ]; then
  echo "setup: installing Debian's chromium, chromium-driver, a Japanese font and poppler-utils"
  SUDO=""
  [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver fonts-ipafont-gothic poppler-utils
fi
