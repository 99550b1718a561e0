//! The evaluator's pages: the declaration of impartiality, then the scorecard generated from the
//! call's grid, with the total recomputed at every save (the page needs no JavaScript).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::evaluation::{Grid, Scorecard};
use grants_store::User;
use grants_store::assignments::EvaluatorAccess;
use grants_workflow::scorecard::is_editable;
use serde_json::{Value, json};

use super::extract::{Posted, SignedIn};
use super::session::Visitor;
use super::{context, error_page, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// What `user` may do with the application as its evaluator; anyone not assigned gets the not-found page.
async fn assignment(state: &AppState, visitor: &Visitor, user: &User, id: i64) -> Result<EvaluatorAccess, Response> {
    match state.store.evaluator_access(id, user.id).await {
        Ok(EvaluatorAccess::None) => Err(error_page(state, visitor, StatusCode::NOT_FOUND, "error_not_found")),
        Ok(access) => Ok(access),
        Err(err) => Err(failure_page(state, visitor, &AppError::from(err))),
    }
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The declaration page.
pub async fn declaration(State(state): State<AppState>, signed: SignedIn, ApiPath(id): ApiPath<i64>) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    match assignment(&state, &visitor, &user, id).await {
        Ok(EvaluatorAccess::MustDeclare(_)) => match declaration_subject(&state, &visitor, &user, id).await {
            Ok(application) => {
                let ctx = context(&state, &visitor, "title_declaration", json!({ "application": application }));
                page(&state, StatusCode::OK, "declaration", ctx)
            }
            Err(err) => failure_page(&state, &visitor, &AppError::from(err)),
        },
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(response) => response,
    }
}

/// What the evaluator must know to judge a conflict of interest: the application's reference and title,
/// and the applicant and its partners with their countries, unless the call hides who applied.
async fn declaration_subject(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
) -> Result<Value, grants_store::StoreError> {
    let application = state.store.application(id).await?;
    if !state.store.sees_applicant(&application, &user.viewer()).await? {
        return Ok(json!({
            "id": id, "reference": application.reference, "title": application.title, "hidden": true,
            "organisation": null, "partners": [],
        }));
    }
    let organisation = state.store.organisation(application.organisation_id).await?;
    let programme = state.store.programme();
    let country = |code: &str| {
        programme
            .countries
            .iter()
            .find(|c| c.code == code)
            .map_or_else(|| code.to_owned(), |c| c.label(visitor.lang).to_owned())
    };
    let partners: Vec<Value> = application
        .answers
        .pointer("/partners")
        .and_then(Value::as_array)
        .map(|partners| {
            partners
                .iter()
                .filter_map(|p| {
                    let name = p.get("name").and_then(Value::as_str).filter(|n| !n.trim().is_empty())?;
                    let place = p.get("country").and_then(Value::as_str).map(country);
                    Some(json!({ "name": name, "country": place }))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(json!({
        "id": id, "reference": application.reference, "title": application.title, "hidden": false,
        "organisation": organisation.name, "organisation_country": country(&organisation.country),
        "partners": partners,
    }))
}

/// Records the declaration.
pub async fn declare(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Vec<(String, String)>>,
) -> Response {
    let Posted { visitor, user, fields: pairs, .. } = posted;
    if let Err(response) = assignment(&state, &visitor, &user, id).await {
        return response;
    }
    let conflict = field(&pairs, "conflict") == Some("yes");
    match state.store.declare(id, user.id, conflict, field(&pairs, "statement"), state.clock.now()).await {
        Ok(_) if conflict => super::done(&state, "/applications", "declare_conflict"),
        Ok(_) => super::done(&state, &format!("/applications/{id}"), "declare_no_conflict"),
        Err(err) => failure_page(&state, &visitor, &AppError::from(err)),
    }
}

/// What a scorecard page is about.
struct Target {
    id: i64,
    reference: String,
    grid: Grid,
    /// The application as the evaluator reads it beside the grid: its title, answers and files.
    title: String,
    answers: Vec<Value>,
    attachments: Vec<Value>,
}

/// A score as the evaluator reads it: with the words the call's grid gives it ("4 — promising"); when
/// the grid words no score, on the usual 1–5 scale with its usual descriptor ("4 — good"); the number
/// alone otherwise.
fn scale_label(state: &AppState, lang: grants_domain::Language, grid: &Grid, scale: (u8, u8), value: u8) -> String {
    if !grid.descriptors.is_empty() {
        return grid.descriptor(value).map_or_else(|| value.to_string(), |d| format!("{value} — {}", d.label(lang)));
    }
    if scale != (1, 5) {
        return value.to_string();
    }
    format!("{value} — {}", state.pages.text(lang, &format!("scale_five_{value}")))
}

/// How the scorecard page is shown: a form while the card can change, its record once submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Editing,
    Reading,
}

fn scorecard_page(
    state: &AppState,
    visitor: &Visitor,
    target: &Target,
    card: &Scorecard,
    errors: &[String],
    status: StatusCode,
    mode: Mode,
) -> Response {
    let (id, reference, grid) = (target.id, target.reference.as_str(), &target.grid);
    let lang = visitor.lang;
    let sections: Vec<Value> = grid
        .sections
        .iter()
        .map(|section| {
            let criteria: Vec<Value> = section
                .criteria
                .iter()
                .map(|c| {
                    let chosen = card.scores.get(&c.code).copied();
                    let options: Vec<Value> = (c.scale_min..=c.scale_max)
                        .map(|v| {
                            let label = scale_label(state, lang, grid, (c.scale_min, c.scale_max), v);
                            json!({ "value": v, "label": label, "selected": Some(v) == chosen })
                        })
                        .collect();
                    json!({
                        "code": c.code, "label": c.label(lang), "weight": c.weight, "options": options,
                        "chosen": chosen.map(|v| scale_label(state, lang, grid, (c.scale_min, c.scale_max), v)),
                        "comment": card.comments.get(&c.code).cloned().unwrap_or_default(),
                    })
                })
                .collect();
            json!({ "label": section.label(lang), "max": section.max_points().to_string(), "criteria": criteria })
        })
        .collect();
    let ctx = context(
        state,
        visitor,
        "title_scorecard",
        json!({
            "application": { "id": id, "reference": reference, "title": target.title },
            "answers": target.answers,
            "attachments": target.attachments,
            "sections": sections,
            "scale": grid.descriptors.iter().map(|d| json!({ "score": d.score, "words": d.label(lang) })).collect::<Vec<_>>(),
            "total": card.weighted_total(grid).to_string(),
            "max_total": grid.max_total().to_string(),
            "overall": card.overall_comment,
            "errors": errors,
            "reading": mode == Mode::Reading,
        }),
    );
    page(state, status, "scorecard", ctx)
}

async fn target_of(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
) -> Result<Target, grants_store::StoreError> {
    let application = state.store.application(id).await?;
    let call = state.store.call(application.call_id).await?;
    let grid = call.settings.grids.of(application.stage).ok_or(grants_store::StoreError::NotFound("grid"))?.clone();
    let answers = super::application::reading_view(state, visitor, &application, &call);
    let attachments = state.store.attachments_for(&application, &user.viewer()).await?;
    Ok(Target {
        id,
        reference: application.reference.clone().unwrap_or_default(),
        grid,
        title: application.title.clone(),
        answers,
        attachments: super::attachment_list::rows(&state.pages, visitor.lang, &attachments),
    })
}

/// The evaluator's scorecard.
pub async fn scorecard(State(state): State<AppState>, signed: SignedIn, ApiPath(id): ApiPath<i64>) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    match assignment(&state, &visitor, &user, id).await {
        Ok(EvaluatorAccess::Granted(_)) => {}
        Ok(_) => return see_other(&format!("/applications/{id}/declaration")),
        Err(response) => return response,
    }
    let loaded = async {
        Ok::<_, grants_store::StoreError>((
            target_of(&state, &visitor, &user, id).await?,
            state.store.scorecards(id).await?,
        ))
    };
    let (target, cards) = match loaded.await {
        Ok(found) => found,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let card = cards.into_iter().find(|s| s.evaluator_id == user.id);
    let mode = if card.as_ref().is_some_and(|c| !is_editable(c.status)) { Mode::Reading } else { Mode::Editing };
    scorecard_page(&state, &visitor, &target, &card.map(|c| c.card).unwrap_or_default(), &[], StatusCode::OK, mode)
}

/// Saves the scorecard and, when asked, submits it.
pub async fn save(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Vec<(String, String)>>,
) -> Response {
    let Posted { visitor, user, fields: pairs, .. } = posted;
    match assignment(&state, &visitor, &user, id).await {
        Ok(EvaluatorAccess::Granted(_)) => {}
        Ok(_) => return see_other(&format!("/applications/{id}/declaration")),
        Err(response) => return response,
    }
    let target = match target_of(&state, &visitor, &user, id).await {
        Ok(target) => target,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let mut scores = BTreeMap::new();
    let mut comments = BTreeMap::new();
    for (name, value) in &pairs {
        if let Some(code) = name.strip_prefix("score:") {
            if let Ok(score) = value.parse::<u8>() {
                scores.insert(code.to_owned(), score);
            }
        } else if let Some(code) = name.strip_prefix("comment:")
            && !value.trim().is_empty()
        {
            comments.insert(code.to_owned(), value.trim().to_owned());
        }
    }
    let card =
        Scorecard { scores, comments, overall_comment: field(&pairs, "overall").unwrap_or_default().trim().to_owned() };
    let now = state.clock.now();
    if let Err(err) = state.store.save_scorecard(id, user.id, card.clone(), now).await {
        let message = super::refusal::explain(&state.pages, visitor.lang, &crate::AppError::from(err));
        return scorecard_page(
            &state,
            &visitor,
            &target,
            &card,
            &[message],
            StatusCode::UNPROCESSABLE_ENTITY,
            Mode::Editing,
        );
    }
    if field(&pairs, "intent") != Some("submit") {
        return scorecard_page(&state, &visitor, &target, &card, &[], StatusCode::OK, Mode::Editing);
    }
    match state.store.submit_scorecard(id, user.id, visitor.lang, now).await {
        Ok(_) => super::done(&state, &format!("/applications/{id}"), "submit_scorecard"),
        Err(grants_store::StoreError::Validation(errors)) => {
            let lines: Vec<String> = errors.errors.into_iter().map(|e| e.message).collect();
            scorecard_page(&state, &visitor, &target, &card, &lines, StatusCode::UNPROCESSABLE_ENTITY, Mode::Editing)
        }
        Err(other) => {
            let message = super::refusal::explain(&state.pages, visitor.lang, &crate::AppError::from(other));
            scorecard_page(&state, &visitor, &target, &card, &[message], StatusCode::CONFLICT, Mode::Editing)
        }
    }
}
