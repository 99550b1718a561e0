//! Portfolio insight (SPEC §9): submitted and funded applications counted and summed along one dimension
//! (JVAP domain, dialogue, country, applicant type, call, year). Pure: the store counts and sums in SQL,
//! this orders the buckets, the web draws tables and charts from them.

use serde::Serialize;

use crate::Money;

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

/// A portfolio along some dimensions: for each, its buckets with the most submissions first (then by key).
/// The store counts and sums in SQL, once per application and key: applications that chose no domain or
/// dialogue count under `none`, so the submitted column always covers every application for
/// single-valued dimensions and at least every application for multi-valued ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Portfolio {
    cuts: Vec<(Dimension, Vec<Bucket>)>,
}

impl Portfolio {
    /// The portfolio of the buckets counted along each dimension, in any order.
    pub fn new(counted: impl IntoIterator<Item = (Dimension, Bucket)>) -> Portfolio {
        let mut portfolio = Portfolio::default();
        for (by, bucket) in counted {
            match portfolio.cuts.iter_mut().find(|(d, _)| *d == by) {
                Some((_, buckets)) => buckets.push(bucket),
                None => portfolio.cuts.push((by, vec![bucket])),
            }
        }
        for (_, buckets) in &mut portfolio.cuts {
            buckets.sort_by(|a, b| b.submitted.cmp(&a.submitted).then_with(|| a.key.cmp(&b.key)));
        }
        portfolio
    }

    /// The buckets along `by`, largest number of submissions first (none when nothing was submitted or
    /// `by` was not counted).
    pub fn along(&self, by: Dimension) -> &[Bucket] {
        self.cuts.iter().find(|(d, _)| *d == by).map_or(&[], |(_, buckets)| buckets.as_slice())
    }

    /// The whole portfolio as one bucket (key `all`), added up along the calls (each application is in
    /// exactly one call): counted only when [`Dimension::Call`] was.
    pub fn total(&self) -> Bucket {
        let mut total = Bucket { key: "all".to_owned(), ..Bucket::default() };
        for bucket in self.along(Dimension::Call) {
            total.submitted += bucket.submitted;
            total.requested = add(total.requested, bucket.requested);
            total.funded += bucket.funded;
            total.awarded = add(total.awarded, bucket.awarded);
        }
        total
    }
}

fn add(a: Money, b: Money) -> Money {
    Money::from_cents(a.cents().saturating_add(b.cents()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(key: &str, submitted: u64, awarded: i64) -> Bucket {
        Bucket {
            key: key.into(),
            submitted,
            requested: Money::from_cents(100),
            funded: 1,
            awarded: Money::from_cents(awarded),
        }
    }

    #[test]
    fn most_submissions_first_then_by_key_and_totals_along_the_calls() {
        let portfolio = Portfolio::new([
            (Dimension::Call, bucket("C2", 1, 300)),
            (Dimension::Country, bucket("SN", 2, 0)),
            (Dimension::Call, bucket("C1", 2, 90)),
            (Dimension::Country, bucket("ML", 2, 0)),
            (Dimension::Country, bucket("BF", 3, 0)),
        ]);
        let keys = |by| portfolio.along(by).iter().map(|b| b.key.as_str()).collect::<Vec<_>>();
        assert_eq!(keys(Dimension::Country), ["BF", "ML", "SN"]);
        assert_eq!(keys(Dimension::Call), ["C1", "C2"]);
        assert!(portfolio.along(Dimension::Year).is_empty());
        let total = portfolio.total();
        assert_eq!((total.submitted, total.funded, total.awarded), (3, 2, Money::from_cents(390)));
    }
}
