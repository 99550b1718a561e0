//! Protection of the HTTP layer against abuse (SPEC §11): where a request comes from, rate limits,
//! load shedding, safe redirects, spreadsheet-safe CSV, response headers, panics and the time account
//! forms take to answer.

pub mod client;
pub mod csv;
pub mod headers;
pub mod load_shed;
pub mod panic;
pub mod rate_limit;
pub mod redirect;
pub mod settings;
pub mod timing;

pub use client::ClientAddress;
pub use settings::SecuritySettings;
