#!/usr/bin/env python3
"""Serves the widget: www/ at /, and the generated WebAssembly package pkg/ at /pkg/
(or, with --root dist, the folder `make dist` wrote, as it is).

Usage: python3 scripts/serve.py [--port 8080] [--root DIR]
Binds 127.0.0.1 only. Prints "serving http://127.0.0.1:PORT/" once listening.

For the browser tests (VI_SERVE_TEST=1): a `delay=MS` query parameter holds the
response back that long (at most 10 s), /__fixtures__/ serves tests/fixtures/
and /__host__/ the CMS-like host pages of tests/host/.
"""
import argparse
import functools
import http.server
import os
import socketserver
import sys
import time
import urllib.parse

TEST = os.environ.get("VI_SERVE_TEST") == "1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Handler(http.server.SimpleHTTPRequestHandler):
    # www/ has no pkg/ of its own: /pkg/ and /pkg-analysis/ are the generated packages (dist/ has its own copy).
    map_pkg = True
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".css": "text/css",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path):
        # /pkg/... and /pkg-analysis/... come from the generated packages at the repository root.
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if TEST and clean.startswith("/__fixtures__/"):
            rel = clean[len("/__fixtures__/"):]
            return os.path.join(ROOT, "tests", "fixtures", *[p for p in rel.split("/") if p not in ("", ".", "..")])
        if TEST and clean.startswith("/__host__/"):
            rel = clean[len("/__host__/"):]
            return os.path.join(ROOT, "tests", "host", *[p for p in rel.split("/") if p not in ("", ".", "..")])
        for pkg in ("pkg", "pkg-analysis"):
            if self.map_pkg and clean.startswith(f"/{pkg}/"):
                rel = clean[len(pkg) + 2:]
                return os.path.join(ROOT, pkg, *[p for p in rel.split("/") if p not in ("", ".", "..")])
        return super().translate_path(path)

    def send_head(self):
        if TEST:
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            try:
                time.sleep(min(10.0, max(0.0, float(query.get("delay", ["0"])[0]) / 1000)))
            except ValueError:
                pass
        return super().send_head()

    def end_headers(self):
        # Development server: always fresh files.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("VI_SERVE_QUIET") != "1":
            super().log_message(fmt, *args)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--root", default=os.path.join(ROOT, "www"))
    a = ap.parse_args()
    Handler.map_pkg = os.path.realpath(a.root) == os.path.realpath(os.path.join(ROOT, "www"))
    handler = functools.partial(Handler, directory=a.root)
    with Server(("127.0.0.1", a.port), handler) as httpd:
        print(f"serving http://127.0.0.1:{httpd.server_address[1]}/", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            sys.exit(0)


if __name__ == "__main__":
    main()
