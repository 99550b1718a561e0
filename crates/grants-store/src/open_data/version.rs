//! "Has anything published changed?": a fingerprint of the published projects from two aggregate
//! queries, for the open-data files' `ETag` and `Last-Modified`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
use sea_orm::{ConnectionTrait, QueryResult};

use super::ProjectFilter;
use super::query::published;
use crate::entity::{application, call, organisation, payment};
use crate::{Store, StoreError};
use grants_workflow::PaymentState;

/// The state of everything the open-data files publish, in a few numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDataVersion {
    /// How many projects are published.
    pub projects: u64,
    /// The latest change to a published project, its call, its organisation or its payments.
    pub last_modified: Option<DateTime<Utc>>,
    /// Everything the fingerprint is made of, in a stable text form.
    fingerprint: String,
}

impl OpenDataVersion {
    /// A weak entity tag for a file built from this version (weak: the file's generation instant differs
    /// between two copies of the same content); `variant` separates the files, formats and profiles.
    pub fn etag(&self, variant: &str) -> String {
        let digest = crate::digest::sha256_hex(format!("{variant}\n{}", self.fingerprint));
        format!("W/\"{}\"", &digest[..32])
    }
}

fn instant(row: &QueryResult, column: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(row.try_get::<Option<DateTime<Utc>>>("", column)?)
}

fn number(row: &QueryResult, column: &str) -> Result<i64, StoreError> {
    Ok(row.try_get::<Option<i64>>("", column)?.unwrap_or(0))
}

/// `CAST(SUM(column) AS BIGINT)`: PostgreSQL sums BIGINT into NUMERIC otherwise.
fn sum(column: Expr) -> Expr {
    Expr::cust_with_expr("CAST(SUM($1) AS BIGINT)", column)
}

impl Store {
    /// The fingerprint of the published projects: counts, sums and latest change instants of the
    /// projects, their calls, organisations and paid payments.
    pub async fn open_data_version(&self) -> Result<OpenDataVersion, StoreError> {
        let backend = self.db.get_database_backend();
        let app = |column| Expr::col((application::Entity, column));
        let mut projects = published(&ProjectFilter::default(), backend);
        projects
            .expr_as(Func::count(app(application::Column::Id)), Alias::new("n"))
            .expr_as(sum(app(application::Column::AwardedAmountCents)), Alias::new("awarded"))
            .expr_as(Func::max(app(application::Column::UpdatedAt)), Alias::new("updated"))
            .expr_as(Func::max(Expr::col((call::Entity, call::Column::UpdatedAt))), Alias::new("call_updated"))
            .expr_as(
                Func::max(Expr::col((organisation::Entity, organisation::Column::UpdatedAt))),
                Alias::new("organisation_updated"),
            );
        let mut payments = published(&ProjectFilter::default(), backend);
        payments
            .inner_join(
                payment::Entity,
                Expr::col((payment::Entity, payment::Column::ApplicationId))
                    .equals((application::Entity, application::Column::Id)),
            )
            .and_where(Expr::col((payment::Entity, payment::Column::Status)).eq(PaymentState::Paid.to_string()))
            .expr_as(Func::count(Expr::col((payment::Entity, payment::Column::Id))), Alias::new("n"))
            .expr_as(sum(Expr::col((payment::Entity, payment::Column::AmountCents))), Alias::new("paid"))
            .expr_as(Func::max(Expr::col((payment::Entity, payment::Column::PaidAt))), Alias::new("paid_at"));
        let (Some(projects), Some(payments)) =
            (self.db.query_one(&projects).await?, self.db.query_one(&payments).await?)
        else {
            return Ok(OpenDataVersion { projects: 0, last_modified: None, fingerprint: String::new() });
        };
        let instants = [
            instant(&projects, "updated")?,
            instant(&projects, "call_updated")?,
            instant(&projects, "organisation_updated")?,
            instant(&payments, "paid_at")?,
        ];
        let count = number(&projects, "n")?;
        let fingerprint = format!(
            "{count}/{}/{}/{}/{:?}",
            number(&projects, "awarded")?,
            number(&payments, "n")?,
            number(&payments, "paid")?,
            instants.map(|i| i.map(|t| t.timestamp_micros())),
        );
        Ok(OpenDataVersion {
            projects: u64::try_from(count).unwrap_or(0),
            last_modified: instants.into_iter().flatten().max(),
            fingerprint,
        })
    }
}
