//! Evaluation routes: evaluator assignment, conflict-of-interest declarations, scorecards,
//! arbitration, the consolidated score and the ranking with award proposals (SPEC §6).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use grants_domain::Role;
use grants_domain::evaluation::Scorecard;
use grants_store::assignments::{Assignment, EvaluatorAccess};
use grants_store::scoring::ScorecardRecord;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{require_manager, require_staff};
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath};
use crate::{AppError, AppState};

/// An assignment as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct AssignmentView {
    pub id: i64,
    pub evaluator_id: i64,
    /// `assigned`, `declared`, `conflict` or `removed`.
    pub status: String,
    pub assigned_at: chrono::DateTime<chrono::Utc>,
    pub declared_at: Option<chrono::DateTime<chrono::Utc>>,
    pub declaration: Option<String>,
    pub end_reason: Option<String>,
}

fn assignment_view(a: Assignment) -> AssignmentView {
    AssignmentView {
        id: a.id,
        evaluator_id: a.evaluator_id,
        status: a.status.to_string(),
        assigned_at: a.assigned_at,
        declared_at: a.declared_at,
        declaration: a.declaration,
        end_reason: a.end_reason,
    }
}

/// `{"evaluator_id": …}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignInput {
    /// The evaluator to assign.
    pub evaluator_id: i64,
}

/// An evaluator's declaration.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclarationInput {
    /// `false`: I sign the declaration of impartiality and confidentiality. `true`: I have a conflict.
    pub conflict_of_interest: bool,
    /// The conflict, described (required when there is one).
    pub statement: Option<String>,
}

/// A scorecard as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct ScorecardView {
    pub id: i64,
    pub evaluator_id: i64,
    /// `draft` or `submitted`.
    pub status: String,
    #[schema(value_type = Object)]
    pub scores: Value,
    #[schema(value_type = Object)]
    pub comments: Value,
    pub overall_comment: String,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn scorecard_view(s: ScorecardRecord) -> ScorecardView {
    ScorecardView {
        id: s.id,
        evaluator_id: s.evaluator_id,
        status: s.status.to_string(),
        scores: json!(s.card.scores),
        comments: json!(s.card.comments),
        overall_comment: s.card.overall_comment,
        submitted_at: s.submitted_at,
    }
}

/// `{"reason": …}` or `{"note": …}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// Why.
    #[serde(alias = "reason")]
    pub note: String,
}

/// The assignments of an application, ended ones included (programme staff).
#[utoipa::path(get, path = "/api/v1/applications/{id}/evaluators", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [AssignmentView]), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list_assignments(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<AssignmentView>>, AppError> {
    state.store.visible_application(&user, id).await?;
    require_staff(&user)?;
    Ok(Json(state.store.assignments(id).await?.into_iter().map(assignment_view).collect()))
}

/// Assigns an evaluator by hand (managers).
#[utoipa::path(post, path = "/api/v1/applications/{id}/evaluators", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = AssignInput,
    responses((status = 201, body = AssignmentView), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn assign(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AssignInput>,
) -> Result<(StatusCode, Json<AssignmentView>), AppError> {
    state.store.visible_application(&user, id).await?;
    require_manager(&user)?;
    let assignment = state.store.assign_evaluator(id, input.evaluator_id, user.id, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(assignment_view(assignment))))
}

/// Removes an evaluator from an application (managers, with a reason); the register keeps the entry.
#[utoipa::path(post, path = "/api/v1/applications/{id}/evaluators/{assignment_id}/remove", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path), ("assignment_id" = i64, Path)), request_body = NoteInput,
    responses((status = 200, body = AssignmentView), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, assignment_id)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<Json<AssignmentView>, AppError> {
    state.store.visible_application(&user, id).await?;
    require_manager(&user)?;
    let removed = state.store.remove_assignment(id, assignment_id, user.id, &input.note, state.clock.now()).await?;
    Ok(Json(assignment_view(removed)))
}

/// Assigns evaluators automatically to every eligible application of a call (managers).
#[utoipa::path(post, path = "/api/v1/calls/{id}/evaluators/auto", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [AssignmentView]), (status = 403, body = crate::error::ErrorBody)))]
pub async fn auto_assign(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<AssignmentView>>, AppError> {
    require_manager(&user)?;
    let made = state.store.auto_assign(id, user.id, state.clock.now()).await?;
    Ok(Json(made.into_iter().map(assignment_view).collect()))
}

/// Signs (or refuses, declaring a conflict) the declaration of impartiality and confidentiality.
#[utoipa::path(post, path = "/api/v1/applications/{id}/declaration", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = DeclarationInput,
    responses((status = 200, body = AssignmentView), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn declare(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<DeclarationInput>,
) -> Result<Json<AssignmentView>, AppError> {
    if state.store.evaluator_access(id, user.id).await? == EvaluatorAccess::None {
        return Err(AppError::not_found("application"));
    }
    let assignment = state
        .store
        .declare(id, user.id, input.conflict_of_interest, input.statement.as_deref(), state.clock.now())
        .await?;
    Ok(Json(assignment_view(assignment)))
}

/// The scorecards of an application. Programme staff see all; an evaluator sees their own, and the
/// others only once their own is submitted.
#[utoipa::path(get, path = "/api/v1/applications/{id}/scorecards", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [ScorecardView]), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn scorecards(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ScorecardView>>, AppError> {
    let application = state.store.visible_application(&user, id).await?;
    let reader = state.store.reader_of(&application, &user.viewer()).await?;
    if reader == grants_domain::confidentiality::Reader::Applicant {
        return Err(AppError::forbidden("scorecards are shown to evaluators and programme staff"));
    }
    let visible = state
        .store
        .scorecards(id)
        .await?
        .into_iter()
        .filter(|s| reader.sees_scorecard(s.evaluator_id, s.status == grants_workflow::ScorecardState::Submitted))
        .map(scorecard_view)
        .collect();
    Ok(Json(visible))
}

/// Saves the caller's draft scorecard.
#[utoipa::path(put, path = "/api/v1/applications/{id}/scorecard", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body(content = Object, description = "{\"scores\": {criterion: 1..5}, \"comments\": {criterion: text}, \"overall_comment\": text}"),
    responses((status = 200, body = ScorecardView), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn save_scorecard(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(card): ApiJson<Scorecard>,
) -> Result<Json<ScorecardView>, AppError> {
    state.store.visible_application(&user, id).await?;
    if !user.viewer().has(Role::Evaluator) {
        return Err(AppError::forbidden("only evaluators score"));
    }
    Ok(Json(scorecard_view(state.store.save_scorecard(id, user.id, card, state.clock.now()).await?)))
}

/// Submits the caller's scorecard; when it completes the evaluation, the application moves on.
#[utoipa::path(post, path = "/api/v1/applications/{id}/scorecard/submit", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = ScorecardView), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn submit_scorecard(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ScorecardView>, AppError> {
    state.store.visible_application(&user, id).await?;
    let submitted = state.store.submit_scorecard(id, user.id, user.language, state.clock.now()).await?;
    Ok(Json(scorecard_view(submitted)))
}

/// Reopens a submitted scorecard (managers, with a reason).
#[utoipa::path(post, path = "/api/v1/applications/{id}/scorecards/{scorecard_id}/reopen", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path), ("scorecard_id" = i64, Path)), request_body = NoteInput,
    responses((status = 200, body = ScorecardView), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn reopen(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, scorecard_id)): ApiPath<(i64, i64)>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<Json<ScorecardView>, AppError> {
    state.store.visible_application(&user, id).await?;
    require_manager(&user)?;
    Ok(Json(scorecard_view(
        state.store.reopen_scorecard(id, scorecard_id, user.id, &input.note, state.clock.now()).await?,
    )))
}

/// Records a manager's arbitration of a scoring discrepancy.
#[utoipa::path(post, path = "/api/v1/applications/{id}/arbitration", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = NoteInput,
    responses((status = 204, description = "recorded"), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn arbitrate(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<StatusCode, AppError> {
    state.store.visible_application(&user, id).await?;
    require_manager(&user)?;
    state.store.record_arbitration(id, user.id, &input.note, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The consolidated evaluation of an application (programme staff).
#[utoipa::path(get, path = "/api/v1/applications/{id}/evaluation", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "scores per criterion, section and in total; thresholds; discrepancy"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn evaluation(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, AppError> {
    state.store.visible_application(&user, id).await?;
    require_staff(&user)?;
    let status = state.store.evaluation(id).await?;
    Ok(Json(json!({
        "consolidation": status.consolidation,
        "required_evaluators": status.required,
        "arbitrated": status.arbitrated,
        "complete": status.is_complete(),
        "missing": status.missing(),
    })))
}

/// The call's evaluated applications ranked per lot, with the award proposal (programme staff).
#[utoipa::path(get, path = "/api/v1/calls/{id}/ranking", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "ranking, eliminated applications and proposals per lot"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn ranking(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, AppError> {
    require_staff(&user)?;
    let ranking = state.store.call_ranking(id).await?;
    let proposals: Vec<Value> = ranking
        .proposals
        .iter()
        .map(|p| {
            json!({
                "lot_id": p.lot_id,
                "awarded": p.proposal.awarded.iter().map(|(id, amount)| json!({"application_id": id, "amount": amount})).collect::<Vec<_>>(),
                "reserve": p.proposal.reserve,
                "rejected": p.proposal.rejected,
                "shortlist": p.shortlist,
            })
        })
        .collect();
    Ok(Json(json!({ "lots": ranking.ranking.lots, "eliminated": ranking.ranking.eliminated, "proposals": proposals })))
}
