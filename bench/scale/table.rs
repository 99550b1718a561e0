//! The results as a markdown table (measure | service | baseline in the same run | ratio), printed and
//! written under the target folder so it can be pasted into `docs/performance.md`.

use std::fmt::Write;

use crate::client::Timings;

/// One line of the table.
pub struct Row {
    pub measure: String,
    pub service: String,
    pub baseline: String,
    pub ratio: String,
}

impl Row {
    pub fn new(
        measure: impl Into<String>,
        service: impl Into<String>,
        baseline: impl Into<String>,
        ratio: impl Into<String>,
    ) -> Row {
        Row { measure: measure.into(), service: service.into(), baseline: baseline.into(), ratio: ratio.into() }
    }
}

/// `service / baseline` as a percentage (rates) or a multiple (times).
pub fn percent(service: f64, baseline: f64) -> String {
    if baseline > 0.0 { format!("{:.0} %", 100.0 * service / baseline) } else { "–".into() }
}

/// `service / baseline` as a multiple.
pub fn times(service: f64, baseline: f64) -> String {
    if baseline > 0.0 { format!("{:.1}×", service / baseline) } else { "–".into() }
}

/// `412 req/s, p50 31 ms, p99 80 ms` (and the failures, if any).
pub fn rate(timings: &Timings, unit: &str) -> String {
    let failed = if timings.errors > 0 { format!(", {} failed", timings.errors) } else { String::new() };
    format!(
        "{:.0} {unit}, p50 {:.1} ms, p99 {:.1} ms{failed}",
        timings.per_second(),
        timings.quantile_ms(0.5),
        timings.quantile_ms(0.99)
    )
}

/// Kilobytes of `bytes`.
pub fn kb(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // sizes far below 2^52
    let kilobytes = bytes as f64 / 1000.0;
    format!("{kilobytes:.1} kB")
}

/// The table under a heading naming the database and the sizes.
pub fn render(heading: &str, rows: &[Row]) -> String {
    let mut out = format!(
        "{heading}\n\n| measure | service | baseline in the same run | service / baseline |\n|---|---|---|---|\n"
    );
    for row in rows {
        let _ = writeln!(out, "| {} | {} | {} | {} |", row.measure, row.service, row.baseline, row.ratio);
    }
    out
}
