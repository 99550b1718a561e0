//! What the portfolio pages read (SPEC §9): every submitted application counted and summed by the
//! database along the dimensions asked for, in one statement. Tags come from `application_tags`, so no
//! application's answers are read.

use grants_domain::Money;
use grants_domain::call::Stage;
use grants_domain::portfolio::{Bucket, Dimension, Portfolio};
use grants_domain::tags::TagList;
use grants_workflow::ApplicationState;
use grants_workflow::predicates::is_funded;
use sea_orm::{FromQueryResult, Statement};
use strum::IntoEnumIterator;

use crate::records::parse;
use crate::{Backend, Store, StoreError};

/// One bucket as the database counts it.
#[derive(FromQueryResult)]
struct Counted {
    dimension: String,
    bucket_key: String,
    submitted: i64,
    requested: i64,
    funded: i64,
    awarded: i64,
}

/// A list of SQL string literals; the values are our own codes (letters and underscores), never input.
fn literals(codes: impl IntoIterator<Item = String>) -> String {
    codes
        .into_iter()
        .inspect(|code| debug_assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{code}"))
        .map(|code| format!("'{code}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every submitted application once, with what the portfolio counts of it: a concept note that led to
/// a submitted full application counts through the full application only, an invited concept note
/// through the full application to come. `awarded` is set only for funded applications.
fn counted(backend: Backend) -> String {
    let year = match backend {
        Backend::Postgres => {
            "CAST(CAST(EXTRACT(YEAR FROM COALESCE(a.submitted_at, a.created_at) AT TIME ZONE 'UTC') AS INTEGER) \
             AS TEXT)"
        }
        // Instants are stored as RFC 3339 text in UTC.
        Backend::Sqlite => "substr(COALESCE(a.submitted_at, a.created_at), 1, 4)",
    };
    let funded = literals(ApplicationState::iter().filter(|s| is_funded(*s)).map(|s| s.to_string()));
    let (concept_note, invited) = (Stage::ConceptNote, ApplicationState::Invited);
    format!(
        "SELECT a.id, a.requested_amount_cents AS requested, \
         CASE WHEN a.state IN ({funded}) THEN a.awarded_amount_cents END AS awarded, \
         o.country AS country, o.org_type AS applicant_type, c.reference AS call_reference, {year} AS submitted_year \
         FROM applications a \
         JOIN organisations o ON o.id = a.organisation_id \
         JOIN calls c ON c.id = a.call_id \
         WHERE a.reference IS NOT NULL \
         AND NOT (a.stage = '{concept_note}' AND a.state = '{invited}') \
         AND a.id NOT IN (SELECT f.concept_note_id FROM applications f \
         WHERE f.concept_note_id IS NOT NULL AND f.reference IS NOT NULL)"
    )
}

/// The buckets along `by` from the `counted` applications.
fn along(by: Dimension) -> String {
    let totals = "COUNT(*) AS submitted, CAST(COALESCE(SUM(requested), 0) AS BIGINT) AS requested, \
                  COUNT(awarded) AS funded, CAST(COALESCE(SUM(awarded), 0) AS BIGINT) AS awarded";
    let (key, from) = match by {
        Dimension::JvapDomain | Dimension::Dialogue => {
            let list = if by == Dimension::JvapDomain { TagList::JvapDomains } else { TagList::Dialogues };
            (
                "COALESCE(t.tag, 'none')".to_owned(),
                format!("counted LEFT JOIN application_tags t ON t.application_id = counted.id AND t.list = '{list}'"),
            )
        }
        Dimension::Country => ("country".to_owned(), "counted".to_owned()),
        Dimension::ApplicantType => ("applicant_type".to_owned(), "counted".to_owned()),
        Dimension::Call => ("call_reference".to_owned(), "counted".to_owned()),
        Dimension::Year => ("submitted_year".to_owned(), "counted".to_owned()),
    };
    format!("SELECT '{by}' AS dimension, {key} AS bucket_key, {totals} FROM {from} GROUP BY {key}")
}

impl Store {
    /// The portfolio along each of `dimensions`, counted and summed by the database in one statement.
    pub async fn portfolio(&self, dimensions: &[Dimension]) -> Result<Portfolio, StoreError> {
        if dimensions.is_empty() {
            return Ok(Portfolio::default());
        }
        let backend = self.backend();
        let parts: Vec<String> = dimensions.iter().map(|by| along(*by)).collect();
        let sql = format!("WITH counted AS MATERIALIZED ({}) {}", counted(backend), parts.join(" UNION ALL "));
        let statement = Statement::from_string(self.db.get_database_backend(), sql);
        let rows = Counted::find_by_statement(statement).all(&self.db).await?;
        let mut buckets = Vec::with_capacity(rows.len());
        for row in rows {
            let by: Dimension = parse("portfolio dimension", &row.dimension)?;
            let count = |n: i64| u64::try_from(n).unwrap_or_default();
            buckets.push((
                by,
                Bucket {
                    key: row.bucket_key,
                    submitted: count(row.submitted),
                    requested: Money::from_cents(row.requested),
                    funded: count(row.funded),
                    awarded: Money::from_cents(row.awarded),
                },
            ));
        }
        Ok(Portfolio::new(buckets))
    }
}
