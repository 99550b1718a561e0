//! Portfolio insight (SPEC §9): submitted and funded applications counted and summed along one dimension
//! (JVAP domain, dialogue, country, applicant type, call, year). Pure: the store gathers the rows, the web
//! draws tables and charts from the buckets.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::Money;

/// One submitted application as the portfolio sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioRow {
    /// The call's reference.
    pub call: String,
    /// The year it was submitted.
    pub year: i32,
    /// The lead organisation's registered country (ISO code).
    pub country: String,
    /// The lead organisation's registered type.
    pub applicant_type: String,
    /// The JVAP domains it selected (several possible).
    pub jvap_domains: Vec<String>,
    /// The dialogues it selected (several possible).
    pub dialogues: Vec<String>,
    /// The grant requested.
    pub requested: Money,
    /// The grant awarded, when funded.
    pub funded: Option<Money>,
}

/// What a portfolio can be cut by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::Display, strum::EnumString, strum::EnumIter, strum::AsRefStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Dimension {
    /// The JVAP domains (an application counts under each domain it selected).
    JvapDomain,
    /// The dialogues (an application counts under each it selected).
    Dialogue,
    /// The lead organisation's country.
    Country,
    /// The lead organisation's type.
    ApplicantType,
    /// The call.
    Call,
    /// The year of submission.
    Year,
}

/// The totals under one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Bucket {
    /// The code (domain, country ISO code, call reference, year…).
    pub key: String,
    /// Applications submitted.
    pub submitted: u64,
    /// Grants requested by them.
    pub requested: Money,
    /// Applications funded (awarded, contracted or closed).
    pub funded: u64,
    /// Grants awarded to them.
    pub awarded: Money,
}

fn keys(row: &PortfolioRow, by: Dimension) -> Vec<String> {
    match by {
        Dimension::JvapDomain => row.jvap_domains.clone(),
        Dimension::Dialogue => row.dialogues.clone(),
        Dimension::Country => vec![row.country.clone()],
        Dimension::ApplicantType => vec![row.applicant_type.clone()],
        Dimension::Call => vec![row.call.clone()],
        Dimension::Year => vec![row.year.to_string()],
    }
}

fn add(a: Money, b: Money) -> Money {
    Money::from_cents(a.cents().saturating_add(b.cents()))
}

/// The buckets along `by`, largest number of submissions first (then by key). Applications that chose no
/// domain or dialogue are counted under `none`, so the submitted column always covers every application
/// for single-valued dimensions and at least every application for multi-valued ones.
pub fn summarise(rows: &[PortfolioRow], by: Dimension) -> Vec<Bucket> {
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    for row in rows {
        let mut row_keys = keys(row, by);
        row_keys.sort();
        row_keys.dedup();
        if row_keys.is_empty() {
            row_keys.push("none".to_owned());
        }
        for key in row_keys {
            let bucket = buckets.entry(key.clone()).or_insert_with(|| Bucket { key, ..Bucket::default() });
            bucket.submitted += 1;
            bucket.requested = add(bucket.requested, row.requested);
            if let Some(amount) = row.funded {
                bucket.funded += 1;
                bucket.awarded = add(bucket.awarded, amount);
            }
        }
    }
    let mut list: Vec<Bucket> = buckets.into_values().collect();
    list.sort_by(|a, b| b.submitted.cmp(&a.submitted).then_with(|| a.key.cmp(&b.key)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(call: &str, country: &str, domains: &[&str], requested: i64, funded: Option<i64>) -> PortfolioRow {
        PortfolioRow {
            call: call.into(),
            year: 2026,
            country: country.into(),
            applicant_type: "civil_society".into(),
            jvap_domains: domains.iter().map(|d| (*d).to_owned()).collect(),
            dialogues: vec!["rabat_process".into()],
            requested: Money::from_cents(requested),
            funded: funded.map(Money::from_cents),
        }
    }

    #[test]
    fn counts_and_sums_per_key() {
        let rows = [
            row("C1", "ML", &["protection_asylum"], 100, Some(90)),
            row("C1", "SN", &["protection_asylum", "legal_migration_mobility"], 200, None),
            row("C2", "ML", &[], 300, Some(300)),
        ];
        let by_country = summarise(&rows, Dimension::Country);
        assert_eq!(
            by_country[0],
            Bucket {
                key: "ML".into(),
                submitted: 2,
                requested: Money::from_cents(400),
                funded: 2,
                awarded: Money::from_cents(390)
            }
        );
        assert_eq!(by_country[1].key, "SN");
        let by_domain = summarise(&rows, Dimension::JvapDomain);
        let protection = by_domain.iter().find(|b| b.key == "protection_asylum").unwrap();
        assert_eq!((protection.submitted, protection.funded), (2, 1), "counted under each domain chosen");
        assert!(by_domain.iter().any(|b| b.key == "none" && b.submitted == 1), "no domain is visible, not lost");
        let by_call = summarise(&rows, Dimension::Call);
        let total: u64 = by_call.iter().map(|b| b.submitted).sum();
        assert_eq!(total, 3, "single-valued dimensions add up to the applications");
    }
}
