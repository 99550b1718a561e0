//! `GET /api/v1/applications`: a page of the applications the caller may see, as lists show them —
//! without answers or eligibility flags (read one application for those), so a list costs the same memory
//! whatever the applications hold.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::call::Stage;
use grants_store::User;
use grants_store::applications::ApplicationFilter;
use grants_store::listing::ApplicationSummary;
use grants_workflow::{ApplicationMachine, ApplicationState, actions_for};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::paging::PageQuery;
use crate::auth::CurrentUser;
use crate::extract::ApiQuery;
use crate::{AppError, AppState};
use grants_store::access::acting_roles as candidates;

/// `?call_id=&state=&q=&lot_id=&country=&tag=` on top of paging: the filters of the applications page.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationListQuery {
    /// Only applications to this call.
    pub call_id: Option<i64>,
    /// Only applications in this state.
    pub state: Option<String>,
    /// Words found in the reference, the title or the organisation's name (any case).
    pub q: Option<String>,
    /// Only applications to this lot.
    pub lot_id: Option<i64>,
    /// Only applications of organisations based in this country (ISO code).
    pub country: Option<String>,
    /// Only applications tagged with this JVAP domain, dialogue or geographic level code.
    pub tag: Option<String>,
}

/// An application in a list.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct ApplicationSummaryView {
    pub id: i64,
    pub call_id: i64,
    /// The call's reference, e.g. `MMD-CFP-2026-01`.
    pub call_reference: String,
    pub organisation_id: i64,
    #[schema(value_type = String, example = "full_application")]
    pub stage: Stage,
    pub lot_id: Option<i64>,
    pub concept_note_id: Option<i64>,
    /// Given at submission, e.g. `MMD-CFP-2026-01-0042`.
    pub reference: Option<String>,
    pub title: String,
    /// The applicant organisation's name.
    pub organisation_name: String,
    /// The applicant organisation's country (ISO code).
    pub organisation_country: String,
    /// The lot's name, when it competes in one.
    pub lot_name: Option<String>,
    #[schema(value_type = Option<String>)]
    pub requested_amount: Option<Money>,
    #[schema(value_type = Option<String>)]
    pub awarded_amount: Option<Money>,
    pub state: String,
    pub version: i32,
    /// The actions you may attempt now.
    pub allowed_actions: Vec<String>,
    pub clarification_due_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A page of applications.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct ApplicationPage {
    pub items: Vec<ApplicationSummaryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

fn view(application: ApplicationSummary, user: &User) -> ApplicationSummaryView {
    let mut allowed: Vec<String> = Vec::new();
    for actor in candidates(user, application.organisation_id) {
        for action in actions_for::<ApplicationMachine>(application.state, actor) {
            let name = action.to_string();
            if !allowed.contains(&name) {
                allowed.push(name);
            }
        }
    }
    ApplicationSummaryView {
        id: application.id,
        call_id: application.call_id,
        call_reference: application.call_reference,
        organisation_id: application.organisation_id,
        stage: application.stage,
        lot_id: application.lot_id,
        concept_note_id: application.concept_note_id,
        reference: application.reference,
        title: application.title,
        organisation_name: application.organisation_name,
        organisation_country: application.organisation_country,
        lot_name: application.lot_name,
        requested_amount: application.requested_amount,
        awarded_amount: application.awarded_amount,
        state: application.state.to_string(),
        version: application.version,
        allowed_actions: allowed,
        clarification_due_at: application.clarification_due_at,
        submitted_at: application.submitted_at,
        created_at: application.created_at,
        updated_at: application.updated_at,
    }
}

/// Lists the applications you may see, newest first, as summaries.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", security(("bearer" = [])), params(PageQuery, ApplicationListQuery),
    responses((status = 200, body = ApplicationPage), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 429, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(paging): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<ApplicationListQuery>,
) -> Result<Json<ApplicationPage>, AppError> {
    let (page, per_page) = paging.checked()?;
    let state_filter = match query.state.as_deref() {
        Some(name) => Some(
            name.parse::<ApplicationState>()
                .map_err(|_| AppError::bad_request("invalid_query", format!("`{name}` is not an application state")))?,
        ),
        None => None,
    };
    let text = |v: Option<String>| v.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let filter = ApplicationFilter {
        call_id: query.call_id,
        state: state_filter,
        by_reference: false,
        search: text(query.q),
        lot_id: query.lot_id,
        country: text(query.country),
        tag: text(query.tag),
    };
    let scope = state.store.application_scope(&user).await?;
    let found = state.store.list_application_summaries(&scope, &filter, page, per_page).await?;
    Ok(Json(ApplicationPage {
        items: found.items.into_iter().map(|a| view(a, &user)).collect(),
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    }))
}
