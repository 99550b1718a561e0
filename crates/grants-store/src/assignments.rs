//! Evaluator assignments and conflict-of-interest declarations (SPEC §6).
//!
//! An evaluator sees an application's content only after signing, for that application, a declaration
//! of impartiality and confidentiality. Declaring a conflict ends the assignment and leaves the
//! application short of an evaluator until a manager assigns a replacement. Nothing is deleted: ended
//! assignments stay, with when and why, for the evaluation report's register.

use chrono::{DateTime, Utc};
use grants_domain::{Role, ValidationErrors};
use grants_workflow::{ApplicationMachine, ApplicationState, allowed_actions};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::applications::load_application;
use crate::calls::load_call;
use crate::entity::{assignment, membership, organisation};
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::users::load_user;
use crate::{Store, StoreError};

/// Assigned, waiting for the declaration.
pub const ASSIGNED: &str = "assigned";
/// Declared free of conflict: may read and score.
pub const DECLARED: &str = "declared";
/// Declared a conflict: removed from the application.
pub const CONFLICT: &str = "conflict";
/// Removed by a manager.
pub const REMOVED: &str = "removed";

/// The text an evaluator signs before reading an application.
pub const DECLARATION: &str = "I declare that I have no conflict of interest with this application, its applicants or \
    partners, that I will evaluate it impartially, and that I will keep its content and my evaluation confidential.";

/// An evaluator's assignment to an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Its id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// The evaluator.
    pub evaluator_id: i64,
    /// `assigned`, `declared`, `conflict` or `removed`.
    pub status: String,
    /// When it was made.
    pub assigned_at: DateTime<Utc>,
    /// When the evaluator declared (either way).
    pub declared_at: Option<DateTime<Utc>>,
    /// What the evaluator signed or stated.
    pub declaration: Option<String>,
    /// Why it ended, if it did.
    pub end_reason: Option<String>,
}

impl Assignment {
    /// Counts towards the evaluators an application needs.
    pub fn is_active(&self) -> bool {
        self.status == ASSIGNED || self.status == DECLARED
    }
}

/// What an evaluator may do with an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvaluatorAccess {
    /// Not assigned: the application does not exist for them.
    None,
    /// Assigned, declaration not yet signed: they see that it exists, not what it says.
    MustDeclare(Assignment),
    /// Declared free of conflict: they read and score.
    Granted(Assignment),
}

fn refuse(field: &str, code: &'static str, message: String) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

impl Store {
    /// Assigns an evaluator to an eligible (or already evaluating) application. Refuses members of the
    /// applicant organisation and, when the call says so, evaluators from the applicant's country.
    pub async fn assign_evaluator(
        &self,
        application_id: i64,
        evaluator_id: i64,
        manager_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Assignment, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        if !matches!(application.state, ApplicationState::Eligible | ApplicationState::InEvaluation) {
            return Err(StoreError::WrongState {
                message: format!("evaluators are assigned to eligible applications; this one is {}", application.state),
                state: application.state.to_string(),
                allowed: allowed_actions::<ApplicationMachine>(application.state)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        let call = load_call(&txn, application.call_id).await?;
        let evaluator = check_evaluator_fits(&txn, &application, evaluator_id, &call).await?;
        let current = active_assignments(&txn, application_id).await?;
        if current.iter().any(|a| a.evaluator_id == evaluator_id) {
            return Err(StoreError::Duplicate(format!("evaluator {evaluator_id} on application {application_id}")));
        }
        let row = assignment::ActiveModel {
            application_id: Set(application_id),
            evaluator_id: Set(evaluator_id),
            assigned_by: Set(manager_id),
            assigned_at: Set(now),
            status: Set(ASSIGNED.to_owned()),
            declared_at: Set(None),
            declaration: Set(None),
            ended_at: Set(None),
            end_reason: Set(None),
            ..Default::default()
        };
        let model = assignment::Entity::insert(row).exec_with_returning(&txn).await?;
        let payload = json!({ "evaluator_id": evaluator_id, "assignment_id": model.id });
        let event_id = append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: "assign_evaluator",
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(manager_id),
                actor_role: "manager",
                reason: None,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        // A replacement joins an evaluation already under way: tell them now. The first evaluators
        // are told by the `assign` transition.
        if application.state == ApplicationState::InEvaluation {
            let context = crate::outbox::mail_context(
                application.id,
                application.reference.as_deref(),
                &application.title,
                application.state,
                &call,
                json!({ "recipient": { "name": evaluator.display_name }, "reason": null }),
            );
            enqueue(
                &txn,
                NewMessage {
                    event_id,
                    template: "evaluation_assigned",
                    recipient_user_id: Some(evaluator.id),
                    recipient_email: &evaluator.email,
                    recipient_language: evaluator.language,
                    payload: &context,
                    now,
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(record(model))
    }

    /// Records an evaluator's declaration: free of conflict (they may now read and score), or in
    /// conflict (the assignment ends and a replacement is needed).
    pub async fn declare(
        &self,
        application_id: i64,
        evaluator_id: i64,
        conflict: bool,
        statement: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Assignment, StoreError> {
        let txn = self.begin_write().await?;
        let current = active_assignments(&txn, application_id).await?;
        let Some(mine) = current.into_iter().find(|a| a.evaluator_id == evaluator_id) else {
            return Err(StoreError::NotFound("assignment"));
        };
        if mine.status != ASSIGNED {
            return Err(StoreError::WrongState {
                message: "the declaration for this application is already signed".into(),
                state: mine.status.clone(),
                allowed: Vec::new(),
            });
        }
        let statement = statement.map(str::trim).filter(|s| !s.is_empty());
        if conflict && statement.is_none() {
            return Err(refuse("/statement", "required", "describe the conflict of interest".into()));
        }
        let (status, text, end) = if conflict {
            (CONFLICT, statement.map(ToOwned::to_owned), Some(now))
        } else {
            (DECLARED, Some(DECLARATION.to_owned()), None)
        };
        let mut row: assignment::ActiveModel =
            assignment::Entity::find_by_id(mine.id).one(&txn).await?.ok_or(StoreError::NotFound("assignment"))?.into();
        row.status = Set(status.to_owned());
        row.declared_at = Set(Some(now));
        row.declaration = Set(text);
        row.ended_at = Set(end);
        row.end_reason = Set(conflict.then(|| "conflict of interest declared".to_owned()));
        let model = assignment::Entity::update(row).exec(&txn).await?;
        let application = load_application(&txn, application_id).await?;
        let payload = json!({ "assignment_id": mine.id, "conflict_of_interest": conflict });
        append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: if conflict { "declare_conflict" } else { "declare_no_conflict" },
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(evaluator_id),
                actor_role: "evaluator",
                reason: statement,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(record(model))
    }

    /// What `evaluator_id` may do with `application_id`.
    pub async fn evaluator_access(
        &self,
        application_id: i64,
        evaluator_id: i64,
    ) -> Result<EvaluatorAccess, StoreError> {
        let mine =
            active_assignments(&self.db, application_id).await?.into_iter().find(|a| a.evaluator_id == evaluator_id);
        Ok(match mine {
            None => EvaluatorAccess::None,
            Some(a) if a.status == DECLARED => EvaluatorAccess::Granted(a),
            Some(a) => EvaluatorAccess::MustDeclare(a),
        })
    }

    /// Every assignment of an application, ended ones included, oldest first.
    pub async fn assignments(&self, application_id: i64) -> Result<Vec<Assignment>, StoreError> {
        let rows = assignment::Entity::find()
            .filter(assignment::Column::ApplicationId.eq(application_id))
            .order_by_asc(assignment::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(record).collect())
    }

    /// The applications an evaluator has declared for: what their portal lists.
    pub async fn declared_application_ids(&self, evaluator_id: i64) -> Result<Vec<i64>, StoreError> {
        let rows = assignment::Entity::find()
            .filter(assignment::Column::EvaluatorId.eq(evaluator_id))
            .filter(assignment::Column::Status.eq(DECLARED))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|a| a.application_id).collect())
    }
}

/// Checks that `evaluator_id` is an evaluator with no link to the applicant (organisation, and country
/// when the call excludes it); returns them.
async fn check_evaluator_fits(
    txn: &sea_orm::DatabaseTransaction,
    application: &crate::Application,
    evaluator_id: i64,
    call: &crate::Call,
) -> Result<crate::User, StoreError> {
    let evaluator = match crate::entity::user::Entity::find_by_id(evaluator_id).one(txn).await? {
        Some(model) => load_user(txn, model).await?,
        None => return Err(refuse("/evaluator_id", "unknown_evaluator", format!("no user {evaluator_id}"))),
    };
    if !evaluator.roles.contains(&Role::Evaluator) {
        return Err(refuse("/evaluator_id", "not_an_evaluator", format!("{} is not an evaluator", evaluator.email)));
    }
    let linked = membership::Entity::find()
        .filter(membership::Column::UserId.eq(evaluator_id))
        .filter(membership::Column::OrganisationId.eq(application.organisation_id))
        .one(txn)
        .await?;
    if linked.is_some() {
        return Err(refuse(
            "/evaluator_id",
            "linked_to_applicant",
            "the evaluator belongs to the applicant organisation".into(),
        ));
    }
    if call.settings.exclude_same_country_evaluators {
        let applicant = organisation::Entity::find_by_id(application.organisation_id).one(txn).await?;
        if applicant.is_some_and(|o| evaluator.country.as_deref() == Some(o.country.as_str())) {
            return Err(refuse(
                "/evaluator_id",
                "same_country",
                "this call excludes evaluators from the applicant's country".into(),
            ));
        }
    }
    Ok(evaluator)
}

pub(crate) async fn active_assignments(
    db: &impl ConnectionTrait,
    application_id: i64,
) -> Result<Vec<Assignment>, StoreError> {
    let rows = assignment::Entity::find()
        .filter(assignment::Column::ApplicationId.eq(application_id))
        .filter(assignment::Column::Status.is_in([ASSIGNED, DECLARED]))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(record).collect())
}

pub(crate) fn record(model: assignment::Model) -> Assignment {
    Assignment {
        id: model.id,
        application_id: model.application_id,
        evaluator_id: model.evaluator_id,
        status: model.status,
        assigned_at: model.assigned_at,
        declared_at: model.declared_at,
        declaration: model.declaration,
        end_reason: model.end_reason,
    }
}

impl Store {
    /// Assigns evaluators automatically to every eligible application of a call that lacks some:
    /// least-loaded evaluator first, one sharing the applicant's language preferred, never one from the
    /// applicant organisation (nor, when the call says so, from its country). Returns the assignments made.
    pub async fn auto_assign(
        &self,
        call_id: i64,
        manager_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Assignment>, StoreError> {
        use crate::entity::{application, user, user_role};
        let call = load_call(&self.db, call_id).await?;
        let required = call.settings.evaluators_per_application as usize;
        let evaluator_ids: Vec<i64> = user_role::Entity::find()
            .filter(user_role::Column::Role.eq(Role::Evaluator.to_string()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        let mut evaluators = Vec::new();
        for id in evaluator_ids {
            if let Some(model) = user::Entity::find_by_id(id).one(&self.db).await? {
                evaluators.push(load_user(&self.db, model).await?);
            }
        }
        let mut load: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
        for row in assignment::Entity::find()
            .filter(assignment::Column::Status.is_in([ASSIGNED, DECLARED]))
            .all(&self.db)
            .await?
        {
            *load.entry(row.evaluator_id).or_default() += 1;
        }
        let applications = application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(
                application::Column::State
                    .is_in([ApplicationState::Eligible.to_string(), ApplicationState::InEvaluation.to_string()]),
            )
            .all(&self.db)
            .await?;
        let mut made = Vec::new();
        for application in applications {
            let history = self.assignments(application.id).await?;
            let active = history.iter().filter(|a| a.is_active()).count();
            if active >= required {
                continue;
            }
            let applicant = load_user(
                &self.db,
                user::Entity::find_by_id(application.created_by)
                    .one(&self.db)
                    .await?
                    .ok_or(StoreError::NotFound("user"))?,
            )
            .await?;
            let country =
                organisation::Entity::find_by_id(application.organisation_id).one(&self.db).await?.map(|o| o.country);
            let mut candidates: Vec<&crate::User> = evaluators
                .iter()
                .filter(|e| !history.iter().any(|a| a.evaluator_id == e.id))
                .filter(|e| !e.organisation_ids.contains(&application.organisation_id))
                .filter(|e| {
                    !call.settings.exclude_same_country_evaluators || e.country.is_none() || e.country != country
                })
                .collect();
            candidates.sort_by_key(|e| (load.get(&e.id).copied().unwrap_or(0), e.language != applicant.language, e.id));
            for evaluator in candidates.into_iter().take(required - active) {
                made.push(self.assign_evaluator(application.id, evaluator.id, manager_id, now).await?);
                *load.entry(evaluator.id).or_default() += 1;
            }
        }
        Ok(made)
    }
}

impl Store {
    /// Removes an evaluator from an application (managers, with a reason), keeping the assignment in
    /// the register. A submitted scorecard stays part of the evaluation, so its author cannot be removed.
    pub async fn remove_assignment(
        &self,
        application_id: i64,
        assignment_id: i64,
        manager_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Assignment, StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(refuse("/reason", "required", "say why the evaluator is removed".into()));
        }
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let current = assignment::Entity::find_by_id(assignment_id)
            .filter(assignment::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("assignment"))?;
        if current.status != ASSIGNED && current.status != DECLARED {
            return Err(StoreError::WrongState {
                message: format!("the assignment is already {}", current.status),
                state: current.status,
                allowed: Vec::new(),
            });
        }
        let submitted = crate::entity::scorecard::Entity::find()
            .filter(crate::entity::scorecard::Column::AssignmentId.eq(assignment_id))
            .filter(crate::entity::scorecard::Column::Status.eq(crate::scoring::SUBMITTED))
            .one(&txn)
            .await?;
        if submitted.is_some() {
            return Err(StoreError::WrongState {
                message: "this evaluator's scorecard is submitted; reopen it first".into(),
                state: current.status,
                allowed: Vec::new(),
            });
        }
        let mut row: assignment::ActiveModel = current.into();
        row.status = Set(REMOVED.to_owned());
        row.ended_at = Set(Some(now));
        row.end_reason = Set(Some(reason.to_owned()));
        let model = assignment::Entity::update(row).exec(&txn).await?;
        append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: "remove_evaluator",
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(manager_id),
                actor_role: "manager",
                reason: Some(reason),
                payload: &json!({ "assignment_id": assignment_id, "evaluator_id": model.evaluator_id }),
                occurred_at: now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(record(model))
    }
}
