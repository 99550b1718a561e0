//! `/api/v1/calls/{id}/ranking/apply`: records the award proposal as decisions in one go (the use case
//! lives in `grants_store::decisions`, shared with the ranking page).

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::access::require_manager;
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath};
use crate::{AppError, AppState};

/// The body of the apply request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyInput {
    /// The reason given to applications that are rejected or not shortlisted (it reaches them by email).
    pub reason: String,
}

/// One decision recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Decision {
    /// The application.
    pub application_id: i64,
    /// Its reference.
    pub reference: String,
    /// `award`, `reserve`, `reject`, `shortlist` or `not_shortlist`.
    pub action: String,
}

impl From<grants_store::decisions::Decision> for Decision {
    fn from(decision: grants_store::decisions::Decision) -> Self {
        Decision {
            application_id: decision.application_id,
            reference: decision.reference,
            action: decision.action.to_string(),
        }
    }
}

/// Records the award proposal as decisions (managers): awards, reserve list, rejections with the reason
/// given. A refusal stops the run with 409 and lists what was recorded before it in `details.decided`.
#[utoipa::path(post, path = "/api/v1/calls/{id}/ranking/apply", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = ApplyInput,
    responses((status = 200, body = [Decision]), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn apply(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ApplyInput>,
) -> Result<Json<Vec<Decision>>, AppError> {
    require_manager(&user)?;
    match state.store.apply_award_proposal(id, user.id, &input.reason, user.language, state.clock.now()).await {
        Ok(decided) => Ok(Json(decided.into_iter().map(Decision::from).collect())),
        Err(stop) => {
            let decided: Vec<Decision> = stop.decided.into_iter().map(Decision::from).collect();
            Err(AppError::from(stop.refusal).with_detail("decided", json!(decided)))
        }
    }
}
