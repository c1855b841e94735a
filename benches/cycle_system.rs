//! The benchmarks of `cycle` with the system allocator (glibc's malloc here),
//! for comparison: what a program embedding the library without choosing an
//! allocator gets.

mod suite;

fn main() {
    divan::main();
}
