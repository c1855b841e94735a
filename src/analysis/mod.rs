//! The analysis of SPEC §8: pure functions of a dataset, a scenario and options,
//! giving the same JSON objects on the command line and in the page.

pub mod contrib;
pub mod status;
