//! Applications: drafts, their edits, reading and scoped listing.

use chrono::{DateTime, Utc};
use grants_domain::{ApplicationScope, Money, ValidationErrors};
use grants_workflow::{ApplicationMachine, ApplicationState, CallState, allowed_actions};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::calls::load_call;
use crate::entity::application;
use crate::records::{parse, parse_json};
use crate::{Application, Page, Store, StoreError};

/// Longest application title accepted.
pub const MAX_TITLE: usize = 300;
/// Largest answers document accepted, in bytes of JSON.
pub const MAX_ANSWERS_BYTES: usize = 512 * 1024;

/// The editable parts of a draft. `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct DraftChanges {
    /// The action's title.
    pub title: Option<String>,
    /// The grant asked for (`Some(None)` clears it).
    pub requested_amount: Option<Option<Money>>,
    /// The form answers, replaced whole.
    pub answers: Option<Value>,
}

/// Filters of the application list.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Only applications to this call.
    pub call_id: Option<i64>,
    /// Only applications in this state.
    pub state: Option<ApplicationState>,
}

impl DraftChanges {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        if let Some(title) = &self.title {
            if title.chars().count() > MAX_TITLE {
                errors.add("/title", "too_long", format!("title must be at most {MAX_TITLE} characters"));
            }
            if title.chars().any(char::is_control) {
                errors.add(
                    "/title",
                    "control_characters",
                    "the title cannot contain line breaks or control characters",
                );
            }
        }
        if let Some(answers) = &self.answers {
            if !answers.is_object() {
                errors.add("/answers", "not_an_object", "answers must be a JSON object");
            } else if answers.to_string().len() > MAX_ANSWERS_BYTES {
                errors.add("/answers", "too_large", "answers are too large");
            }
        }
        errors.into_result()
    }
}

impl Store {
    /// Starts a draft application of `organisation_id` to an open call.
    pub async fn create_application(
        &self,
        call_id: i64,
        organisation_id: i64,
        created_by: i64,
        content: DraftChanges,
        now: DateTime<Utc>,
    ) -> Result<Application, StoreError> {
        content.validate()?;
        let call = load_call(&self.db, call_id).await?;
        if call.state != CallState::Published || now >= call.rules.deadline_at || now < call.rules.opens_at {
            let why = if call.state == CallState::Published && now >= call.rules.deadline_at {
                format!("the deadline has passed ({})", call.rules.deadline_at.to_rfc3339())
            } else if call.state == CallState::Published {
                format!("the call opens at {}", call.rules.opens_at.to_rfc3339())
            } else {
                format!("the call is {}", call.state)
            };
            return Err(StoreError::WrongState {
                message: format!("the call does not accept new applications: {why}"),
                state: call.state.to_string(),
                allowed: Vec::new(),
            });
        }
        let row = application::ActiveModel {
            call_id: Set(call_id),
            organisation_id: Set(organisation_id),
            created_by: Set(created_by),
            stage: Set(call.rules.procedure.first_stage().to_string()),
            reference: Set(None),
            title: Set(content.title.unwrap_or_default().trim().to_owned()),
            requested_amount_cents: Set(content.requested_amount.flatten().map(Money::cents)),
            answers: Set(content.answers.unwrap_or_else(|| Value::Object(serde_json::Map::new())).to_string()),
            state: Set(ApplicationState::Draft.to_string()),
            version: Set(1),
            clarification_due_at: Set(None),
            submitted_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        application_record(application::Entity::insert(row).exec_with_returning(&self.db).await?)
    }

    /// Edits a draft. Anything but a draft is refused: submitted content never changes.
    pub async fn update_draft(
        &self,
        id: i64,
        changes: DraftChanges,
        expected_version: Option<i32>,
        now: DateTime<Utc>,
    ) -> Result<Application, StoreError> {
        changes.validate()?;
        let txn = self.begin_write().await?;
        let current = load_application(&txn, id).await?;
        if current.state != ApplicationState::Draft {
            return Err(StoreError::WrongState {
                message: format!("the application is {}: only a draft can be edited", current.state),
                state: current.state.to_string(),
                allowed: allowed_actions::<ApplicationMachine>(current.state).iter().map(ToString::to_string).collect(),
            });
        }
        let version = expected_version.unwrap_or(current.version);
        let mut update = application::Entity::update_many()
            .col_expr(application::Column::Version, Expr::value(version + 1))
            .col_expr(application::Column::UpdatedAt, Expr::value(now));
        if let Some(title) = changes.title {
            update = update.col_expr(application::Column::Title, Expr::value(title.trim().to_owned()));
        }
        if let Some(amount) = changes.requested_amount {
            update = update.col_expr(application::Column::RequestedAmountCents, Expr::value(amount.map(Money::cents)));
        }
        if let Some(answers) = changes.answers {
            update = update.col_expr(application::Column::Answers, Expr::value(answers.to_string()));
        }
        let result = update
            .filter(application::Column::Id.eq(id))
            .filter(application::Column::Version.eq(version))
            .filter(application::Column::State.eq(ApplicationState::Draft.to_string()))
            .exec(&txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(stale_application(&current, version));
        }
        let updated = load_application(&txn, id).await?;
        txn.commit().await?;
        Ok(updated)
    }

    /// An application by id (access is checked by the caller).
    pub async fn application(&self, id: i64) -> Result<Application, StoreError> {
        load_application(&self.db, id).await
    }

    /// The applications `scope` may see, filtered, newest first.
    pub async fn list_applications(
        &self,
        scope: &ApplicationScope,
        filter: &ApplicationFilter,
        page: u64,
        per_page: u64,
    ) -> Result<Page<Application>, StoreError> {
        let mut query = application::Entity::find().order_by_desc(application::Column::Id);
        match scope {
            ApplicationScope::All => {}
            ApplicationScope::Organisations(ids) => {
                query = query.filter(application::Column::OrganisationId.is_in(ids.clone()));
            }
            ApplicationScope::Nothing => return Ok(Page { items: Vec::new(), total: 0, page, per_page }),
        }
        if let Some(call_id) = filter.call_id {
            query = query.filter(application::Column::CallId.eq(call_id));
        }
        if let Some(state) = filter.state {
            query = query.filter(application::Column::State.eq(state.to_string()));
        }
        let paginator = query.paginate(&self.db, per_page);
        let total = paginator.num_items().await?;
        let items = paginator
            .fetch_page(page.saturating_sub(1))
            .await?
            .into_iter()
            .map(application_record)
            .collect::<Result<_, _>>()?;
        Ok(Page { items, total, page, per_page })
    }
}

pub(crate) fn stale_application(current: &Application, expected: i32) -> StoreError {
    StoreError::StaleVersion {
        subject: "application",
        expected,
        actual: current.version,
        state: current.state.to_string(),
        allowed: allowed_actions::<ApplicationMachine>(current.state).iter().map(ToString::to_string).collect(),
    }
}

pub(crate) async fn load_application(db: &impl ConnectionTrait, id: i64) -> Result<Application, StoreError> {
    application_record(application::Entity::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound("application"))?)
}

pub(crate) fn application_record(model: application::Model) -> Result<Application, StoreError> {
    Ok(Application {
        id: model.id,
        call_id: model.call_id,
        organisation_id: model.organisation_id,
        created_by: model.created_by,
        stage: parse("stage", &model.stage)?,
        reference: model.reference,
        title: model.title,
        requested_amount: model.requested_amount_cents.map(Money::from_cents),
        answers: parse_json(&model.answers),
        state: parse("application state", &model.state)?,
        version: model.version,
        clarification_due_at: model.clarification_due_at,
        submitted_at: model.submitted_at,
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}
