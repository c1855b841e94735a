#!/usr/bin/env python3
"""Lists the library's module dependency edges and fails on a cycle.

Every `crate::a::b` and `super::x` path in src/ (the library; the binary in
src/bin/ only uses the library; unit tests are left out) names a module; an edge A -> B means a file of
module A uses something of module B. Checked at two levels:

- top level (`read`, `check`, `model`, ...): the pipeline's layers;
- files (`read::dataset`, `check::scenario`, ...).

A cycle at either level (A uses B and B uses A, or longer) exits 1.
Usage: python3 scripts/module-deps.py [--files]
"""

import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"


def module_of(path):
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return parts


def strip_comments(text):
    # Unit tests (a `#[cfg(test)]` module at the end of a file) may use any module.
    text = text.split("#[cfg(test)]")[0]
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def files():
    for p in sorted(SRC.rglob("*.rs")):
        if "bin" not in p.relative_to(SRC).parts:
            yield p


def known_modules():
    return {tuple(module_of(p)) for p in files()}


def resolve(base, segs, known):
    """The longest known module that `segs` (after `crate`/`super`) starts with."""
    best = None
    for n in range(len(segs) + 1):
        cand = tuple(base + segs[:n])
        if cand in known:
            best = cand
    return best


def edges(level):
    known = known_modules()
    out = set()
    for p in files():
        me = module_of(p)
        text = strip_comments(p.read_text())
        # Paths in `use` trees are flattened crudely: every `crate::x::y` or
        # `super::x` prefix, and the names inside `{...}` right after it.
        for m in re.finditer(r"\b(crate|super)((?:::\w+)*)(::\{([^}]*)\})?", text):
            kind, tail, _, group = m.groups()
            segs = [s for s in tail.split("::") if s]
            is_mod_file = p.name == "mod.rs"
            base = [] if kind == "crate" else (me[:-1] if not is_mod_file else me[:-1])
            if kind == "super" and is_mod_file:
                base = me[:-1]
            heads = [segs]
            if group:
                heads = [segs + [g.strip().split("::")[0].split(" ")[0]] for g in group.split(",") if g.strip()]
            for h in heads:
                target = resolve(base, h, known)
                if target is None:
                    continue
                a, b = tuple(me), target
                if level == "top":
                    a, b = a[:1], b[:1]
                if a and b and a != b and not (b == a[: len(b)] or a == b[: len(a)]):
                    out.add((".".join(a) or "crate", ".".join(b) or "crate"))
    return sorted(out)


def cycle(es):
    graph = {}
    for a, b in es:
        graph.setdefault(a, []).append(b)
    state = {}

    def visit(n, stack):
        state[n] = 1
        for m in graph.get(n, []):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m] if m in stack else [n, m]
            if not state.get(m):
                c = visit(m, stack + [m])
                if c:
                    return c
        state[n] = 2
        return None

    for n in list(graph):
        if not state.get(n):
            c = visit(n, [n])
            if c:
                return c
    return None


def main():
    bad = False
    for level in ("top", "files"):
        es = edges(level)
        if level == "top" or "--files" in sys.argv:
            print(f"# {level}-level edges")
            for a, b in es:
                print(f"{a} -> {b}")
        c = cycle(es)
        if c:
            print(f"CYCLE ({level}): " + " -> ".join(c))
            bad = True
        else:
            print(f"# {level}: no cycle ({len(es)} edges)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
