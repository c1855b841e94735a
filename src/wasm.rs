//! The WebAssembly boundary (see the widget issue).
