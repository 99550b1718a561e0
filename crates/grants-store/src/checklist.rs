//! The manual eligibility checklist: each item passed or failed with a note, by whom and when.
//! Results are appended, never overwritten: the latest per item counts, the earlier ones are history.

use chrono::{DateTime, Utc};
use grants_domain::ValidationErrors;
use grants_domain::call_settings::ChecklistItem;
use grants_workflow::predicates::reviews_eligibility;
use grants_workflow::{ApplicationMachine, allowed_actions};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};

use crate::applications::load_application;
use crate::calls::load_call;
use crate::entity::eligibility_check;
use crate::{Store, StoreError};

/// One recorded result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// Passed or failed.
    pub passed: bool,
    /// The reviewer's note.
    pub note: Option<String>,
    /// Who checked.
    pub reviewer_id: i64,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// An item of the call's checklist with its latest result and earlier ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLine {
    /// The item as the call defines it.
    pub item: ChecklistItem,
    /// The result that counts, if any.
    pub latest: Option<CheckResult>,
    /// Every result recorded, oldest first.
    pub history: Vec<CheckResult>,
}

impl Store {
    /// Records the result of one checklist item. Only while the application is under eligibility review.
    pub async fn record_check(
        &self,
        application_id: i64,
        item: &str,
        passed: bool,
        note: Option<&str>,
        reviewer_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<ChecklistLine>, StoreError> {
        let txn = self.begin_write().await?;
        let call = record_in(&txn, application_id, &[(item, passed, note)], reviewer_id, now).await?;
        let lines = checklist_lines(&txn, &call.settings.checklist, application_id).await?;
        txn.commit().await?;
        Ok(lines)
    }

    /// Records several items at once, all or none: every problem (an unknown item, a failed item without
    /// its note) is reported together and nothing is written.
    pub async fn record_checks(
        &self,
        application_id: i64,
        answers: &[(&str, bool, Option<&str>)],
        reviewer_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let txn = self.begin_write().await?;
        record_in(&txn, application_id, answers, reviewer_id, now).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The checklist of an application with every result recorded.
    pub async fn checklist(&self, application_id: i64) -> Result<Vec<ChecklistLine>, StoreError> {
        let application = load_application(&self.db, application_id).await?;
        let call = load_call(&self.db, application.call_id).await?;
        checklist_lines(&self.db, &call.settings.checklist, application_id).await
    }
}

pub(crate) async fn checklist_lines(
    db: &impl ConnectionTrait,
    items: &[ChecklistItem],
    application_id: i64,
) -> Result<Vec<ChecklistLine>, StoreError> {
    let rows = eligibility_check::Entity::find()
        .filter(eligibility_check::Column::ApplicationId.eq(application_id))
        .order_by_asc(eligibility_check::Column::Id)
        .all(db)
        .await?;
    Ok(lines_from(items, &rows))
}

/// The checklist lines of one application from its recorded checks, oldest first.
pub(crate) fn lines_from(items: &[ChecklistItem], rows: &[eligibility_check::Model]) -> Vec<ChecklistLine> {
    items
        .iter()
        .map(|item| {
            let history: Vec<CheckResult> = rows
                .iter()
                .filter(|r| r.item == item.code)
                .map(|r| CheckResult {
                    passed: r.passed,
                    note: r.note.clone(),
                    reviewer_id: r.reviewer_id,
                    recorded_at: r.recorded_at,
                })
                .collect();
            ChecklistLine { item: item.clone(), latest: history.last().cloned(), history }
        })
        .collect()
}

/// Checks and writes `answers` inside `txn`; returns the call they were checked against.
async fn record_in(
    txn: &DatabaseTransaction,
    application_id: i64,
    answers: &[(&str, bool, Option<&str>)],
    reviewer_id: i64,
    now: DateTime<Utc>,
) -> Result<crate::Call, StoreError> {
    let application = load_application(txn, application_id).await?;
    if !reviews_eligibility(application.state) {
        return Err(StoreError::WrongState {
            message: format!(
                "the checklist is filled in during eligibility review; the application is {}",
                application.state
            ),
            state: application.state.to_string(),
            allowed: allowed_actions::<ApplicationMachine>(application.state).iter().map(ToString::to_string).collect(),
        });
    }
    let call = load_call(txn, application.call_id).await?;
    let mut errors = ValidationErrors::default();
    for (item, passed, note) in answers {
        if !call.settings.checklist.iter().any(|i| i.code == *item) {
            let known: Vec<&str> = call.settings.checklist.iter().map(|i| i.code.as_str()).collect();
            errors.add(
                "/item",
                "unknown_item",
                format!("`{item}` is not on this call's checklist ({})", known.join(", ")),
            );
        } else if !passed && note.is_none_or(|n| n.trim().is_empty()) {
            errors.add(
                format!("/note/{item}"),
                "required",
                "say why the item fails: the note becomes the reason given to the applicant",
            );
        }
    }
    if !errors.errors.is_empty() {
        return Err(errors.into());
    }
    for (item, passed, note) in answers {
        let row = eligibility_check::ActiveModel {
            application_id: Set(application_id),
            item: Set((*item).to_owned()),
            passed: Set(*passed),
            note: Set(note.map(str::trim).filter(|n| !n.is_empty()).map(ToOwned::to_owned)),
            reviewer_id: Set(reviewer_id),
            recorded_at: Set(now),
            ..Default::default()
        };
        eligibility_check::Entity::insert(row).exec_without_returning(txn).await?;
    }
    Ok(call)
}
