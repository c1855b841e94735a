//! Analysis (SPEC §8): questions answered from a dataset, a scenario and
//! options alone, as pure functions, natively and in the page alike.

mod frame;
pub mod seek;
pub mod uncertainty;
