//! `/api/v1/applications`: drafts, edits, reading, scoped listing, actions and history.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::call::Stage;
use grants_store::access::acting_roles;
use grants_store::applications::DraftChanges;
use grants_store::events::Subject;
use grants_store::transition::ActionRequest;
use grants_store::{Application, User};
use grants_workflow::{ApplicationAction, ApplicationMachine, actions_for, choose_actor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::actions::{ActionBody, ActionResult, EventView, parse_action};
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath, OptionalJson};
use crate::{AppError, AppState};

/// A new draft application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationInput {
    /// The call applied to; it must be published and before its deadline.
    pub call_id: i64,
    /// The applicant organisation; needed only when you belong to several.
    pub organisation_id: Option<i64>,
    /// The lot applied to; needed only when the call has several.
    pub lot_id: Option<i64>,
    /// The form answers (a JSON object following the call's form; partial while a draft).
    #[schema(value_type = Option<Object>)]
    pub answers: Option<Value>,
}

/// Changes to a draft; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationPatch {
    /// Moves the draft to another lot of the call.
    pub lot_id: Option<i64>,
    /// The form answers, replaced whole.
    #[schema(value_type = Option<Object>)]
    pub answers: Option<Value>,
    /// The version you last saw; a different current version is refused with 409.
    pub version: Option<i32>,
}

/// An application as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct ApplicationView {
    pub id: i64,
    pub call_id: i64,
    pub organisation_id: i64,
    #[schema(value_type = String, example = "full_application")]
    pub stage: Stage,
    pub lot_id: Option<i64>,
    /// The concept note this full application follows from (restricted calls).
    pub concept_note_id: Option<i64>,
    /// Given at submission, e.g. `MMD-CFP-2026-01-0042`.
    pub reference: Option<String>,
    pub title: String,
    #[schema(value_type = Option<String>)]
    pub requested_amount: Option<Money>,
    /// The grant decided at award (it may differ from the request); none before.
    #[schema(value_type = Option<String>)]
    pub awarded_amount: Option<Money>,
    #[schema(value_type = Object)]
    pub answers: Value,
    pub state: String,
    pub version: i32,
    /// The actions you may attempt now.
    pub allowed_actions: Vec<String>,
    pub clarification_due_at: Option<DateTime<Utc>>,
    /// Soft eligibility rules failed at submission (shown to programme staff only; empty for others).
    #[schema(value_type = Vec<Object>)]
    pub eligibility_flags: Value,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn view(application: Application, user: &User) -> ApplicationView {
    let mut allowed = Vec::new();
    for actor in acting_roles(user, application.organisation_id) {
        for action in actions_for::<ApplicationMachine>(application.state, actor) {
            let name = action.to_string();
            if !allowed.contains(&name) {
                allowed.push(name);
            }
        }
    }
    ApplicationView {
        id: application.id,
        call_id: application.call_id,
        organisation_id: application.organisation_id,
        stage: application.stage,
        lot_id: application.lot_id,
        concept_note_id: application.concept_note_id,
        reference: application.reference,
        title: application.title,
        requested_amount: application.requested_amount,
        awarded_amount: application.awarded_amount,
        answers: application.answers,
        state: application.state.to_string(),
        version: application.version,
        allowed_actions: allowed,
        clarification_due_at: application.clarification_due_at,
        eligibility_flags: if user.viewer().is_programme_staff() {
            application.eligibility_flags
        } else {
            Value::Array(Vec::new())
        },
        submitted_at: application.submitted_at,
        created_at: application.created_at,
        updated_at: application.updated_at,
    }
}

/// Starts a draft application for your organisation (applicants).
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", security(("bearer" = [])), request_body = ApplicationInput,
    responses((status = 201, body = ApplicationView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(input): ApiJson<ApplicationInput>,
) -> Result<(StatusCode, Json<ApplicationView>), AppError> {
    let viewer = user.viewer();
    if !viewer.has(grants_domain::Role::Applicant) {
        return Err(AppError::forbidden("only applicants start applications"));
    }
    let organisation_id = match (input.organisation_id, user.organisation_ids.as_slice()) {
        (Some(id), _) if viewer.is_applicant_for(id) => id,
        (Some(_), _) => return Err(AppError::forbidden("you are not a member of that organisation")),
        (None, [only]) => *only,
        (None, []) => return Err(AppError::forbidden("you belong to no organisation")),
        (None, _) => {
            return Err(AppError::unprocessable(
                "organisation_required",
                "you belong to several organisations: give organisation_id",
            ));
        }
    };
    let call = state.store.visible_call(Some(&viewer), input.call_id).await?;
    let content = DraftChanges { answers: input.answers, lot_id: input.lot_id };
    let application =
        state.store.create_application(call.id, organisation_id, user.id, content, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(view(application, &user))))
}

/// One application.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ApplicationView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ApplicationView>, AppError> {
    let application = state.store.visible_application(&user, id).await?;
    Ok(Json(view(application, &user)))
}

/// Edits a draft (its organisation's applicants). Anything but a draft: 409.
#[utoipa::path(patch, path = "/api/v1/applications/{id}", tag = "applications", security(("bearer" = [])), params(("id" = i64, Path)), request_body = ApplicationPatch,
    responses((status = 200, body = ApplicationView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<ApplicationPatch>,
) -> Result<Json<ApplicationView>, AppError> {
    let current = state.store.visible_application(&user, id).await?;
    if !user.viewer().is_applicant_for(current.organisation_id) {
        return Err(AppError::forbidden("only the applicant organisation edits its application"));
    }
    let changes = DraftChanges { answers: patch.answers, lot_id: patch.lot_id };
    let version = Some(patch.version.unwrap_or(current.version));
    let application = state.store.update_draft(id, changes, version, state.clock.now(), user.language).await?;
    Ok(Json(view(application, &user)))
}

/// Performs an application action (see `GET /api/v1/workflow` for who may do what, when).
#[utoipa::path(post, path = "/api/v1/applications/{id}/actions/{action}", tag = "applications", security(("bearer" = [])),
    params(("id" = i64, Path), ("action" = String, Path)), request_body(content = ActionBody, description = "optional"),
    responses((status = 200, body = ActionResult), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    OptionalJson(body): OptionalJson<ActionBody>,
) -> Result<Json<ActionResult>, AppError> {
    let application = state.store.visible_application(&user, id).await?;
    let action: ApplicationAction = parse_action(&action)?;
    let actor = choose_actor::<ApplicationMachine>(
        application.state,
        action,
        &acting_roles(&user, application.organisation_id),
    )
    .ok_or_else(|| AppError::forbidden("you hold no role that acts on applications"))?;
    let payload = body.payload.unwrap_or(Value::Null);
    let request = ActionRequest {
        actor,
        actor_user_id: Some(user.id),
        reason: body.reason.as_deref(),
        payload: &payload,
        expected_version: body.version,
        now: state.clock.now(),
        language: user.language,
    };
    let (_, outcome) = state.store.apply_application_action(id, action, request).await?;
    Ok(Json(ActionResult::new(id, outcome)))
}

/// An application's history, oldest first. Applicants see the roles that acted, not the people.
#[utoipa::path(get, path = "/api/v1/applications/{id}/events", tag = "applications", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [EventView]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<EventView>>, AppError> {
    state.store.visible_application(&user, id).await?;
    Ok(Json(super::actions::history(&state, &user, Subject::Application(id)).await?))
}
