//! `/api/v1/calls`: create, edit while draft, read, list, act, history.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::{CallSettings, Lot};
use grants_store::Call;
use grants_store::access::call_roles;
use grants_store::calls::CallDesign;
use grants_store::events::Subject;
use grants_store::transition::ActionRequest;
use grants_workflow::{CallAction, CallMachine, actions_for, choose_actor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::actions::{ActionBody, ActionResult, EventView, parse_action};
use crate::access::require_manager;
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath, OptionalJson};
use crate::{AppError, AppState};

fn default_timezone() -> String {
    "UTC".to_owned()
}

/// A new call. Only the reference, English title, amounts and instants are needed for a draft; the
/// rest must be complete before publication.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallInput {
    /// e.g. `MMD-CFP-2026-01`.
    pub reference: String,
    /// English title.
    pub title_en: String,
    /// French title.
    #[serde(default)]
    pub title_fr: String,
    /// English description.
    #[serde(default)]
    pub description_en: String,
    /// French description.
    #[serde(default)]
    pub description_fr: String,
    /// `open` or `restricted`.
    #[serde(default)]
    #[schema(value_type = String, example = "open")]
    pub procedure: Procedure,
    /// Total budget in EUR.
    #[schema(value_type = String, example = "1500000.00")]
    pub total_budget: Money,
    /// Smallest grant per application in EUR.
    #[schema(value_type = String, example = "50000.00")]
    pub min_grant: Money,
    /// Largest grant per application in EUR.
    #[schema(value_type = String, example = "250000.00")]
    pub max_grant: Money,
    /// When submissions open (RFC 3339).
    pub opens_at: DateTime<Utc>,
    /// When submissions close (RFC 3339); a submission at or after this instant is refused.
    pub deadline_at: DateTime<Utc>,
    /// IANA timezone the deadline is shown in.
    #[serde(default = "default_timezone")]
    pub display_timezone: String,
    /// The lots; none means one lot holding the whole budget.
    #[serde(default)]
    #[schema(value_type = Vec<LotInput>)]
    pub lots: Vec<Lot>,
    /// The rest of the rules, as a JSON object merged over the programme's defaults (see the
    /// `settings` of any call for every key): eligibility, durations, co-financing cap, forms, …
    #[schema(value_type = Option<Object>)]
    pub settings: Option<Value>,
}

/// A lot as clients send it.
#[derive(Debug, ToSchema)]
#[allow(dead_code, missing_docs)]
pub struct LotInput {
    pub name: String,
    /// Its name for French readers; without it they see `name`.
    pub name_fr: Option<String>,
    #[schema(value_type = String, example = "750000.00")]
    pub budget: String,
}

/// A lot as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct LotView {
    pub id: i64,
    pub position: i32,
    pub name: String,
    /// Its name for French readers, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_fr: Option<String>,
    #[schema(value_type = String)]
    pub budget: Money,
}

/// Changes to a draft call; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct CallPatch {
    pub reference: Option<String>,
    pub title_en: Option<String>,
    pub title_fr: Option<String>,
    pub description_en: Option<String>,
    pub description_fr: Option<String>,
    #[schema(value_type = Option<String>)]
    pub procedure: Option<Procedure>,
    #[schema(value_type = Option<String>)]
    pub total_budget: Option<Money>,
    #[schema(value_type = Option<String>)]
    pub min_grant: Option<Money>,
    #[schema(value_type = Option<String>)]
    pub max_grant: Option<Money>,
    pub opens_at: Option<DateTime<Utc>>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub display_timezone: Option<String>,
    /// Replaces the lots.
    #[schema(value_type = Option<Vec<LotInput>>)]
    pub lots: Option<Vec<Lot>>,
    /// Merged over the current settings (RFC 7386: `null` removes a key, objects merge).
    #[schema(value_type = Option<Object>)]
    pub settings: Option<Value>,
    /// The version you last saw; a different current version is refused with 409.
    pub version: Option<i32>,
}

impl From<grants_store::LotRecord> for LotView {
    fn from(l: grants_store::LotRecord) -> LotView {
        LotView { id: l.id, position: l.position, name: l.name, name_fr: l.name_fr, budget: l.budget }
    }
}

/// A call as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CallView {
    pub id: i64,
    pub reference: String,
    pub title_en: String,
    pub title_fr: String,
    pub description_en: String,
    pub description_fr: String,
    #[schema(value_type = String)]
    pub procedure: Procedure,
    #[schema(value_type = String, example = "1500000.00")]
    pub total_budget: Money,
    #[schema(value_type = String)]
    pub min_grant: Money,
    #[schema(value_type = String)]
    pub max_grant: Money,
    pub opens_at: DateTime<Utc>,
    pub deadline_at: DateTime<Utc>,
    pub display_timezone: String,
    pub lots: Vec<LotView>,
    /// Every rule beyond the core fields.
    #[schema(value_type = Object)]
    pub settings: Value,
    /// The programme profile whose taxonomy the call uses.
    pub programme: String,
    pub state: String,
    pub version: i32,
    /// The actions you may attempt now.
    pub allowed_actions: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `?state=` on top of paging.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallListQuery {
    /// Only calls in this state.
    pub state: Option<String>,
}

fn view(call: Call, user: &grants_store::User) -> CallView {
    let mut allowed = Vec::new();
    for actor in call_roles(user) {
        for action in actions_for::<CallMachine>(call.state, actor) {
            let name = action.to_string();
            if !allowed.contains(&name) {
                allowed.push(name);
            }
        }
    }
    let rules = call.rules;
    CallView {
        id: call.id,
        reference: rules.reference,
        title_en: rules.title_en,
        title_fr: rules.title_fr,
        description_en: rules.description_en,
        description_fr: rules.description_fr,
        procedure: rules.procedure,
        total_budget: rules.total_budget,
        min_grant: rules.min_grant,
        max_grant: rules.max_grant,
        opens_at: rules.opens_at,
        deadline_at: rules.deadline_at,
        display_timezone: rules.display_timezone,
        lots: call.lots.into_iter().map(LotView::from).collect(),
        settings: serde_json::to_value(&call.settings).unwrap_or(Value::Null),
        programme: call.programme,
        state: call.state.to_string(),
        version: call.version,
        allowed_actions: allowed,
        created_at: call.created_at,
        updated_at: call.updated_at,
    }
}

/// Creates a call in `draft` (managers).
#[utoipa::path(post, path = "/api/v1/calls", tag = "calls", security(("bearer" = [])), request_body = CallInput,
    responses((status = 201, body = CallView), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(input): ApiJson<CallInput>,
) -> Result<(StatusCode, Json<CallView>), AppError> {
    require_manager(&user)?;
    let rules = CallRules {
        reference: input.reference.trim().to_owned(),
        title_en: input.title_en,
        title_fr: input.title_fr,
        description_en: input.description_en,
        description_fr: input.description_fr,
        procedure: input.procedure,
        total_budget: input.total_budget,
        min_grant: input.min_grant,
        max_grant: input.max_grant,
        opens_at: input.opens_at,
        deadline_at: input.deadline_at,
        display_timezone: input.display_timezone,
    };
    let defaults = CallSettings::defaults_for(state.store.programme());
    let settings = match &input.settings {
        Some(patch) => CallSettings::merged(&defaults, patch)?,
        None => defaults,
    };
    let design = CallDesign { rules, settings, lots: input.lots };
    let call = state.store.create_call(design, user.id, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(view(call, &user))))
}

/// One call.
#[utoipa::path(get, path = "/api/v1/calls/{id}", tag = "calls", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = CallView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CallView>, AppError> {
    let call = state.store.visible_call(Some(&user.viewer()), id).await?;
    Ok(Json(view(call, &user)))
}

/// Edits a draft call (managers). A published call's rules are frozen: 409.
#[utoipa::path(patch, path = "/api/v1/calls/{id}", tag = "calls", security(("bearer" = [])), params(("id" = i64, Path)), request_body = CallPatch,
    responses((status = 200, body = CallView), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<CallPatch>,
) -> Result<Json<CallView>, AppError> {
    let current = state.store.visible_call(Some(&user.viewer()), id).await?;
    require_manager(&user)?;
    let mut rules = current.rules;
    macro_rules! apply {
        ($($field:ident),*) => { $( if let Some(value) = patch.$field { rules.$field = value; } )* };
    }
    apply!(
        reference,
        title_en,
        title_fr,
        description_en,
        description_fr,
        procedure,
        total_budget,
        min_grant,
        max_grant,
        opens_at,
        deadline_at,
        display_timezone
    );
    let settings = match &patch.settings {
        Some(changes) => CallSettings::merged(&current.settings, changes)?,
        None => current.settings,
    };
    let lots = patch.lots.unwrap_or_else(|| current.lots.iter().map(grants_store::LotRecord::lot).collect());
    let version = Some(patch.version.unwrap_or(current.version));
    let design = CallDesign { rules, settings, lots };
    let call = state.store.update_call(id, design, version, state.clock.now()).await?;
    Ok(Json(view(call, &user)))
}

/// Performs a call action: publish, close, start_evaluation, decide, archive, cancel.
#[utoipa::path(post, path = "/api/v1/calls/{id}/actions/{action}", tag = "calls", security(("bearer" = [])),
    params(("id" = i64, Path), ("action" = String, Path)), request_body(content = ActionBody, description = "optional"),
    responses((status = 200, body = ActionResult), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn act(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    OptionalJson(body): OptionalJson<ActionBody>,
) -> Result<Json<ActionResult>, AppError> {
    let call = state.store.visible_call(Some(&user.viewer()), id).await?;
    let action: CallAction = parse_action(&action)?;
    let actor = choose_actor::<CallMachine>(call.state, action, &call_roles(&user))
        .ok_or_else(|| AppError::forbidden("you hold no role"))?;
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
    let (_, outcome) = state.store.apply_call_action(id, action, request).await?;
    Ok(Json(ActionResult::new(id, outcome)))
}

/// A call's history (programme staff).
#[utoipa::path(get, path = "/api/v1/calls/{id}/events", tag = "calls", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [EventView]), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<EventView>>, AppError> {
    state.store.visible_call(Some(&user.viewer()), id).await?;
    if !user.viewer().is_programme_staff() {
        return Err(AppError::forbidden("a call's history is shown to programme staff and auditors"));
    }
    Ok(Json(super::actions::history(&state, &user, Subject::Call(id)).await?))
}
