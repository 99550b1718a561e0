//! Counts of records per state, read at once for the whole programme: what `/metrics` publishes so an
//! operator sees a growing outbox or a stuck review queue, whichever instance is scraped.

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{EntityTrait, QuerySelect};

use crate::entity::{application, call, outbox};
use crate::{Store, StoreError};

/// How many records of one kind are in one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateCount {
    /// `application`, `call` or `email`.
    pub kind: &'static str,
    /// The state (for emails, the delivery status).
    pub state: String,
    /// How many.
    pub count: i64,
}

impl Store {
    /// Applications and calls per state, and emails per delivery status.
    pub async fn state_counts(&self) -> Result<Vec<StateCount>, StoreError> {
        let mut counts = Vec::new();
        let applications: Vec<(String, i64)> = application::Entity::find()
            .select_only()
            .column(application::Column::State)
            .column_as(Expr::from(Func::count(Expr::col(application::Column::Id))), "n")
            .group_by(application::Column::State)
            .into_tuple()
            .all(&self.db)
            .await?;
        let calls: Vec<(String, i64)> = call::Entity::find()
            .select_only()
            .column(call::Column::State)
            .column_as(Expr::from(Func::count(Expr::col(call::Column::Id))), "n")
            .group_by(call::Column::State)
            .into_tuple()
            .all(&self.db)
            .await?;
        let emails: Vec<(String, i64)> = outbox::Entity::find()
            .select_only()
            .column(outbox::Column::Status)
            .column_as(Expr::from(Func::count(Expr::col(outbox::Column::Id))), "n")
            .group_by(outbox::Column::Status)
            .into_tuple()
            .all(&self.db)
            .await?;
        for (kind, rows) in [("application", applications), ("call", calls), ("email", emails)] {
            counts.extend(rows.into_iter().map(|(state, count)| StateCount { kind, state, count }));
        }
        Ok(counts)
    }
}
