use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
struct Counting;
static N: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 { N.fetch_add(1, Ordering::Relaxed); System.alloc(l) }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) { System.dealloc(p, l) }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 { N.fetch_add(1, Ordering::Relaxed); System.realloc(p, l, n) }
}
#[global_allocator]
static A: Counting = Counting;
fn main() {
    let text = std::fs::read("www/data/setagaya.json").unwrap();
    let (mut e, _) = vision_index::Engine::load(&text).unwrap();
    let mut buf = Vec::new();
    e.delta(vision_index::ScorePath::Outlook, &mut buf);
    for i in 0..3 { let _ = e.set_target("G1-a", 2027, Some(40.0 + i as f64)); e.delta(vision_index::ScorePath::Outlook, &mut buf); }
    let a0 = N.load(Ordering::Relaxed);
    let _ = e.set_target("G1-a", 2027, Some(47.0));
    let a1 = N.load(Ordering::Relaxed);
    e.delta(vision_index::ScorePath::Outlook, &mut buf);
    let a2 = N.load(Ordering::Relaxed);
    let _ = e.rescore(vision_index::ScorePath::Outlook);
    println!("set_target: {} allocs, delta (rescore + write): {} allocs", a1 - a0, a2 - a1);
}
