#![cfg(not(target_arch = "wasm32"))]
//! An edit of a target or value and the delta the page reads after it allocate
//! nothing once the engine's buffers have their size (`src/score/incremental.rs`,
//! `Engine::delta`): allocation is what an edit cost most in WebAssembly, where
//! the allocator is slow. Counted with this test binary's own global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use vision_index::{Engine, ScorePath, Via};

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const DEFAULT: &[u8] = include_bytes!("../www/data/setagaya.json");

/// Allocations made by `f`.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCS.load(Ordering::Relaxed);
    f();
    ALLOCS.load(Ordering::Relaxed) - before
}

#[test]
fn an_edit_and_its_delta_allocate_nothing_once_warm() {
    for via in [Via::Goal, Via::GoalPolicy] {
        let (mut e, _) = Engine::load(DEFAULT).expect("default dataset");
        e.set_via(Some(via));
        let mut buf = Vec::new();
        // warm: the buffers take their size, and the edited entry exists
        for k in 0..3 {
            e.set_target("G1-a", 2027, Some(40.0 + f64::from(k))).expect("edit");
            e.set_value("G4-b", 2025, Some(50.0 + f64::from(k))).expect("edit");
            e.delta(ScorePath::Outlook, &mut buf);
        }
        let n = allocations(|| {
            e.delta(ScorePath::Outlook, &mut buf);
        });
        assert_eq!(n, 0, "{via:?}: a delta with nothing edited allocated {n} times");
        // The edit itself notes the indicator in the per-path change lists (one
        // push into an emptied list); the re-score and the delta allocate nothing.
        e.set_target("G1-a", 2027, Some(47.0)).expect("edit");
        let n = allocations(|| {
            e.delta(ScorePath::Outlook, &mut buf);
        });
        assert_eq!(n, 0, "{via:?}: re-score + delta after one edit allocated {n} times");
    }
}
