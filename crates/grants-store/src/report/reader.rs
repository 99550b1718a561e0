//! The evaluation report read page by page inside one read-only transaction: the head (call, ranks,
//! reserve, awarded total) first, then the applications and the declarations in pages, so an export
//! holds one page at a time and every page sees the call as it was when the report began.

use std::collections::{BTreeMap, HashMap};

use grants_domain::Money;
use grants_workflow::ApplicationState;
use grants_workflow::predicates::{holds_lot_budget, states_where};
use sea_orm::{
    AccessMode, ColumnTrait, DatabaseTransaction, EntityTrait, IsolationLevel, PaginatorTrait, QueryFilter,
    QuerySelect, TransactionTrait,
};

use super::rows::{Page, declarations_page, page_of_applications};
use super::{Declaration, ReportApplication, ReportHead, ReportPart};
use crate::calls::load_call;
use crate::entity::application;
use crate::ranking::ranking_of;
use crate::{Backend, Store, StoreError};

/// Where the next page starts: after this application, in the report's order (reference, then id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The reference of the last application read.
    pub reference: String,
    /// Its id.
    pub id: i64,
}

impl From<&ReportApplication> for Cursor {
    fn from(application: &ReportApplication) -> Self {
        Cursor { reference: application.reference.clone(), id: application.id }
    }
}

/// An evaluation report being read: its head, and its pages on demand.
pub struct ReportReader {
    txn: DatabaseTransaction,
    head: ReportHead,
    ranks: HashMap<i64, usize>,
}

impl std::fmt::Debug for ReportReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportReader").field("call", &self.head.call.id).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the evaluation report of `call_id`: one read-only transaction (a repeatable-read snapshot on
    /// PostgreSQL, a read transaction on SQLite) in which the head is read now and the pages later.
    pub async fn evaluation_report(&self, call_id: i64) -> Result<ReportReader, StoreError> {
        let txn = match self.backend() {
            Backend::Postgres => {
                self.db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
            }
            Backend::Sqlite => self.db.begin().await?,
        };
        let call = load_call(&txn, call_id).await?;
        let ranking = ranking_of(&txn, &call).await?;
        let ranks: HashMap<i64, usize> =
            ranking.ranking.lots.values().flatten().map(|r| (r.candidate.application_id, r.rank)).collect();
        let of_call = || application::Entity::find().filter(application::Column::CallId.eq(call_id));
        let reserved: HashMap<i64, String> = of_call()
            .select_only()
            .columns([application::Column::Id, application::Column::Reference])
            .filter(application::Column::State.eq(ApplicationState::ReserveListed.to_string()))
            .into_tuple::<(i64, Option<String>)>()
            .all(&txn)
            .await?
            .into_iter()
            .map(|(id, reference)| (id, reference.unwrap_or_default()))
            .collect();
        let mut reserve = BTreeMap::new();
        for lot in &call.lots {
            let ordered: Vec<String> = ranking
                .ranking
                .lots
                .get(&lot.id)
                .into_iter()
                .flatten()
                .filter_map(|r| reserved.get(&r.candidate.application_id).cloned())
                .collect();
            reserve.insert(lot.name.clone(), ordered);
        }
        let awarded: Vec<Option<i64>> = of_call()
            .select_only()
            .column(application::Column::AwardedAmountCents)
            .filter(application::Column::SubmittedAt.is_not_null())
            .filter(application::Column::State.is_in(states_where(holds_lot_budget)))
            .into_tuple()
            .all(&txn)
            .await?;
        let awarded_total = Money::from_cents(awarded.into_iter().flatten().sum());
        let submitted = of_call().filter(application::Column::SubmittedAt.is_not_null()).count(&txn).await?;
        Ok(ReportReader { txn, head: ReportHead { call, reserve, awarded_total, submitted }, ranks })
    }
}

impl ReportReader {
    /// What the report says of the call as a whole.
    pub fn head(&self) -> &ReportHead {
        &self.head
    }

    /// The submitted applications of `page`, by reference, each with everything the report shows of
    /// it; a fixed number of queries per page.
    pub async fn applications(&self, page: Page<'_>) -> Result<Vec<ReportApplication>, StoreError> {
        self.applications_for(page, ReportPart::Everything).await
    }

    /// The applications of `page` with only what `part` shows: what the other parts would show is left
    /// empty (no scorecards, no checks, no consolidation, no organisation).
    pub async fn applications_for(
        &self,
        page: Page<'_>,
        part: ReportPart,
    ) -> Result<Vec<ReportApplication>, StoreError> {
        page_of_applications(&self.txn, &self.head.call, &self.ranks, page, part).await
    }

    /// The declarations register of the applications of `page`, and where the next page starts (None
    /// once the last application was read).
    pub async fn declarations(&self, page: Page<'_>) -> Result<(Vec<Declaration>, Option<Cursor>), StoreError> {
        declarations_page(&self.txn, self.head.call.id, page).await
    }
}
