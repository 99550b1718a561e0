//! `GET /api/v1/calls`: a page of calls as lists show them — core fields and lots, not the settings
//! document (read one call for that), so a list costs the same memory whatever the calls hold.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::call::Procedure;
use grants_store::listing::CallSummary;
use grants_workflow::{CallMachine, CallState, actions_for};
use serde::Serialize;
use strum::IntoEnumIterator;
use utoipa::ToSchema;

use super::calls::{CallListQuery, LotView};
use super::paging::PageQuery;
use crate::auth::CurrentUser;
use crate::extract::ApiQuery;
use crate::{AppError, AppState};

/// A call in a list.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CallSummaryView {
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
    /// The programme profile whose taxonomy the call uses.
    pub programme: String,
    pub state: String,
    pub version: i32,
    /// The actions you may attempt now.
    pub allowed_actions: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A page of calls.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CallPage {
    pub items: Vec<CallSummaryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

fn view(call: CallSummary, user: &grants_store::User) -> CallSummaryView {
    let mut allowed: Vec<String> = Vec::new();
    for role in &user.roles {
        for action in actions_for::<CallMachine>(call.state, grants_workflow::Actor::Role(*role)) {
            let name = action.to_string();
            if !allowed.contains(&name) {
                allowed.push(name);
            }
        }
    }
    let rules = call.rules;
    CallSummaryView {
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
        programme: call.programme,
        state: call.state.to_string(),
        version: call.version,
        allowed_actions: allowed,
        created_at: call.created_at,
        updated_at: call.updated_at,
    }
}

/// Lists calls: programme staff see every call, others only published and later ones. Each item is a
/// summary; `GET /api/v1/calls/{id}` gives the settings too.
#[utoipa::path(get, path = "/api/v1/calls", tag = "calls", security(("bearer" = [])), params(PageQuery, CallListQuery),
    responses((status = 200, body = CallPage), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(paging): ApiQuery<PageQuery>,
    ApiQuery(filter): ApiQuery<CallListQuery>,
) -> Result<Json<CallPage>, AppError> {
    let (page, per_page) = paging.checked()?;
    let visible: Vec<CallState> = if user.viewer().sees_draft_calls() {
        CallState::iter().collect()
    } else {
        CallState::iter().filter(|s| *s != CallState::Draft).collect()
    };
    let states: Vec<CallState> = match filter.state.as_deref() {
        Some(name) => {
            let wanted: CallState = name
                .parse()
                .map_err(|_| AppError::bad_request("invalid_query", format!("`{name}` is not a call state")))?;
            visible.into_iter().filter(|s| *s == wanted).collect()
        }
        None => visible,
    };
    let found = state.store.list_call_summaries(Some(&states), page, per_page).await?;
    Ok(Json(CallPage {
        items: found.items.into_iter().map(|c| view(c, &user)).collect(),
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    }))
}
