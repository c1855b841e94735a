//! Analysis (SPEC §8): questions answered from a dataset, a scenario and
//! options alone, as pure functions, giving the same JSON objects on the
//! command line and (later) in the page: progress status, goal seek,
//! contributions and uncertainty.

pub mod contrib;
mod frame;
pub mod seek;
pub mod status;
pub mod uncertainty;
