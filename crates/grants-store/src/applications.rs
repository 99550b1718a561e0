//! Applications: drafts, their edits, reading and scoped listing.

use chrono::{DateTime, Utc};
use grants_domain::call::Stage;
use grants_domain::{ApplicationScope, Money, ValidationErrors};
use grants_workflow::{ApplicationMachine, ApplicationState, CallState, allowed_actions};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::calls::load_call;
use crate::entity::{application, organisation};
use crate::records::{parse, parse_json};
use crate::{Application, Call, Page, Store, StoreError};

/// Longest application title accepted.
pub const MAX_TITLE: usize = 300;
/// Largest answers document accepted, in bytes of JSON.
pub const MAX_ANSWERS_BYTES: usize = 512 * 1024;

/// The editable parts of a draft. `None` leaves a field as it is. The title and requested amount
/// shown in lists are read from the answers (`/action/title`, `/budget/requested_amount`).
#[derive(Debug, Clone, Default)]
pub struct DraftChanges {
    /// The form answers, replaced whole.
    pub answers: Option<Value>,
    /// The lot applied to (required at creation when the call has several).
    pub lot_id: Option<i64>,
}

/// The title and requested amount as the answers give them, for listing and sorting.
fn summary_of(answers: &Value) -> (String, Option<Money>) {
    let title: String = answers
        .pointer("/action/title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_TITLE)
        .collect();
    let requested = answers.pointer("/budget/requested_amount").and_then(Value::as_str).and_then(|a| a.parse().ok());
    (title, requested)
}

/// Filters of the application list.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Only applications to this call.
    pub call_id: Option<i64>,
    /// Only applications in this state.
    pub state: Option<ApplicationState>,
    /// Order by reference instead of newest first.
    pub by_reference: bool,
    /// Words found in the reference, the title or the organisation's name (any case).
    pub search: Option<String>,
    /// Only applications to this lot.
    pub lot_id: Option<i64>,
    /// Only applications of organisations based in this country (ISO code).
    pub country: Option<String>,
    /// Only applications carrying this taxonomy tag (a JVAP domain, dialogue or geographic level code).
    pub tag: Option<String>,
}

impl DraftChanges {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
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
    /// The organisation's draft for `call_id` (and `lot_id` when given), if it has one: a second click on
    /// "start an application" opens it instead of starting another.
    pub async fn existing_draft(
        &self,
        call_id: i64,
        organisation_id: i64,
        lot_id: Option<i64>,
    ) -> Result<Option<i64>, StoreError> {
        let mut query = application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(application::Column::OrganisationId.eq(organisation_id))
            .filter(application::Column::State.eq(ApplicationState::Draft.to_string()));
        if let Some(lot_id) = lot_id {
            query = query.filter(application::Column::LotId.eq(lot_id));
        }
        Ok(query.order_by_asc(application::Column::Id).one(&self.db).await?.map(|a| a.id))
    }

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
        let lot_id = match (content.lot_id, call.lots.as_slice()) {
            (Some(id), lots) if lots.iter().any(|l| l.id == id) => id,
            (Some(_), _) => {
                let mut errors = ValidationErrors::default();
                errors.add("/lot_id", "unknown_lot", "this lot does not belong to the call");
                return Err(errors.into());
            }
            (None, [only]) => only.id,
            (None, _) => {
                let mut errors = ValidationErrors::default();
                errors.add("/lot_id", "required", "the call has several lots: choose one");
                return Err(errors.into());
            }
        };
        let answers = match content.answers {
            Some(answers) => answers,
            None => starting_answers(&self.db, &call, organisation_id).await?,
        };
        let (title, requested) = summary_of(&answers);
        let row = application::ActiveModel {
            lot_id: Set(Some(lot_id)),
            eligibility_flags: Set("[]".to_owned()),
            concept_note_id: Set(None),
            awarded_amount_cents: Set(None),
            call_id: Set(call_id),
            organisation_id: Set(organisation_id),
            created_by: Set(created_by),
            stage: Set(call.rules.procedure.first_stage().to_string()),
            reference: Set(None),
            title: Set(title),
            requested_amount_cents: Set(requested.map(Money::cents)),
            answers: Set(answers.to_string()),
            state: Set(ApplicationState::Draft.to_string()),
            version: Set(1),
            clarification_due_at: Set(None),
            submitted_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let txn = self.begin_write().await?;
        let created = application::Entity::insert(row).exec_with_returning(&txn).await?;
        crate::application_tags::insert(&txn, created.id, &answers).await?;
        txn.commit().await?;
        application_record(created)
    }

    /// Edits a draft. Anything but a draft is refused: submitted content never changes.
    pub async fn update_draft(
        &self,
        id: i64,
        changes: DraftChanges,
        expected_version: Option<i32>,
        now: DateTime<Utc>,
        language: grants_domain::Language,
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
        if let (Some(concept_id), Some(answers)) = (current.concept_note_id, &changes.answers) {
            let concept = load_application(&txn, concept_id).await?;
            let locked = grants_domain::concept_note::locked_changes(&concept.answers, answers, language);
            if !locked.is_empty() {
                return Err(ValidationErrors { errors: locked }.into());
            }
        }
        let mut update = application::Entity::update_many()
            .col_expr(application::Column::Version, Expr::value(version + 1))
            .col_expr(application::Column::UpdatedAt, Expr::value(now));
        if let Some(answers) = &changes.answers {
            let (title, requested) = summary_of(answers);
            update = update
                .col_expr(application::Column::Title, Expr::value(title))
                .col_expr(application::Column::RequestedAmountCents, Expr::value(requested.map(Money::cents)))
                .col_expr(application::Column::Answers, Expr::value(answers.to_string()));
        }
        if let Some(lot_id) = changes.lot_id {
            let call = load_call(&txn, current.call_id).await?;
            if !call.lots.iter().any(|l| l.id == lot_id) {
                let mut errors = ValidationErrors::default();
                errors.add("/lot_id", "unknown_lot", "this lot does not belong to the call");
                return Err(errors.into());
            }
            update = update.col_expr(application::Column::LotId, Expr::value(lot_id));
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
        if let Some(answers) = &changes.answers {
            crate::application_tags::update(&txn, id, &current.answers, answers).await?;
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
        let mut query = if filter.by_reference {
            application::Entity::find()
                .order_by_asc(application::Column::Reference)
                .order_by_asc(application::Column::Id)
        } else {
            application::Entity::find().order_by_desc(application::Column::Id)
        };
        match scope {
            ApplicationScope::All => {}
            ApplicationScope::Organisations(ids) => {
                query = query.filter(application::Column::OrganisationId.is_in(ids.clone()));
            }
            ApplicationScope::Applications(ids) => {
                query = query.filter(application::Column::Id.is_in(ids.clone()));
            }
            ApplicationScope::Nothing => return Ok(Page { items: Vec::new(), total: 0, page, per_page }),
        }
        if let Some(call_id) = filter.call_id {
            query = query.filter(application::Column::CallId.eq(call_id));
        }
        if let Some(state) = filter.state {
            query = query.filter(application::Column::State.eq(state.to_string()));
        }
        crate::listing::check_page_number(page)?;
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
        lot_id: model.lot_id,
        eligibility_flags: parse_json(&model.eligibility_flags),
        concept_note_id: model.concept_note_id,
        awarded_amount: model.awarded_amount_cents.map(Money::from_cents),
        submitted_at: model.submitted_at,
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}

/// What a new draft starts with when the caller sends nothing: the organisation's registered name, country
/// and type, wherever the call's first form asks for them.
async fn starting_answers(db: &impl ConnectionTrait, call: &Call, organisation_id: i64) -> Result<Value, StoreError> {
    let organisation = crate::users::organisation_record(
        organisation::Entity::find_by_id(organisation_id).one(db).await?.ok_or(StoreError::NotFound("organisation"))?,
    )?;
    let forms = &call.settings.forms;
    let schema = match call.rules.procedure.first_stage() {
        Stage::ConceptNote => forms.concept_note.as_ref().unwrap_or(&forms.full_application),
        Stage::FullApplication => &forms.full_application,
    };
    Ok(grants_domain::form::prefilled(
        schema,
        &[
            ("/lead/name", organisation.name.as_str()),
            ("/lead/country", organisation.country.as_str()),
            ("/lead/organisation_type", organisation.org_type.as_ref()),
        ],
    ))
}
