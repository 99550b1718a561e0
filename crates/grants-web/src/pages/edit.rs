//! The application form page: the call's JSON Schema rendered as fields, saved as a draft, checked,
//! and submitted after an explicit confirmation. What was typed is always kept on the page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::FieldError;
use grants_store::StoreError;
use grants_store::applications::DraftChanges;
use grants_store::attachment_upload::UploadMeta;
use grants_store::transition::ActionRequest;
use grants_workflow::{Actor, ApplicationAction, ApplicationState, TransitionError};
use serde_json::{Value, json};

use super::attachment_list;
use super::extract::{Posted, SignedIn};
use super::form::{FormContext, fields, parse};
use super::session::Visitor;
use super::{context, error_page, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::upload::{SentUpload, read_page_form};
use crate::{AppError, AppState};
use grants_store::User;

struct Loaded {
    application: grants_store::Application,
    call: grants_store::Call,
    attachments: Vec<Value>,
}

async fn load(state: &AppState, visitor: &Visitor, user: &User, id: i64) -> Result<Loaded, Response> {
    let application = state
        .store
        .visible_application(user, id)
        .await
        .map_err(|err| failure_page(state, visitor, &AppError::from(err)))?;
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return Err(error_page(state, visitor, StatusCode::FORBIDDEN, "error_forbidden"));
    }
    if application.state != ApplicationState::Draft {
        return Err(see_other(&format!("/applications/{id}")));
    }
    let failed = |err: grants_store::StoreError| failure_page(state, visitor, &AppError::from(err));
    let call = state.store.call(application.call_id).await.map_err(failed)?;
    let attachments = state.store.attachments(id).await.map_err(failed)?;
    let attachments = attachment_list::rows(&state.pages, visitor.lang, &attachments);
    Ok(Loaded { application, call, attachments })
}

fn render(
    state: &AppState,
    visitor: &Visitor,
    loaded: &Loaded,
    answers: &Value,
    errors: &[FieldError],
    flash: Option<String>,
    status: StatusCode,
) -> Response {
    let schema = match loaded
        .call
        .settings
        .forms
        .concept_note
        .as_ref()
        .filter(|_| loaded.application.stage == grants_domain::call::Stage::ConceptNote)
    {
        Some(schema) => schema.clone(),
        None => loaded.call.settings.forms.full_application.clone(),
    };
    let ctx = FormContext {
        schema: &schema,
        lang: visitor.lang,
        programme: state.store.programme(),
        countries: &loaded.call.settings.eligible_countries,
        yes_no: super::form::yes_no(&state.pages, visitor.lang),
    };
    let list = fields(&ctx, answers, errors);
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| json!({ "id": format!("f{}", e.field.replace('/', "-")), "message": e.message }))
        .collect();
    let mut page_context = context(
        state,
        visitor,
        "title_application_form",
        json!({
            "application": { "id": loaded.application.id, "title": if loaded.application.title.is_empty() { loaded.call.rules.reference.clone() } else { loaded.application.title.clone() } },
            "fields": list,
            "errors": summary,
            "attachments": loaded.attachments,
            "can_remove_attachments": true,
            "kinds": attachment_list::kind_choices(&state.pages, visitor.lang, &loaded.call.settings.required_attachments),
        }),
    );
    // What this render itself says (the form checked) wins over what the action before it said.
    if let Some(flash) = flash {
        page_context["flash"] = Value::String(flash);
    }
    page(state, status, "application_form", page_context)
}

/// Shows the form with the saved answers.
pub async fn show(State(state): State<AppState>, signed: SignedIn, ApiPath(id): ApiPath<i64>) -> Response {
    let visitor = &signed.visitor;
    match load(&state, visitor, &signed.user, id).await {
        Ok(loaded) => {
            let answers = loaded.application.answers.clone();
            render(&state, visitor, &loaded, &answers, &[], None, StatusCode::OK)
        }
        Err(response) => response,
    }
}

/// Saves the posted answers; then, as asked, checks them against the form or submits.
pub async fn save(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Vec<(String, String)>>,
) -> Response {
    let Posted { visitor, user, fields: pairs, .. } = posted;
    let loaded = match load(&state, &visitor, &user, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let schema = match loaded.application.stage {
        grants_domain::call::Stage::ConceptNote => {
            loaded.call.settings.forms.concept_note.clone().unwrap_or(Value::Null)
        }
        grants_domain::call::Stage::FullApplication => loaded.call.settings.forms.full_application.clone(),
    };
    let answers = parse(&schema, &pairs);
    let now = state.clock.now();
    let changes = DraftChanges { answers: Some(answers.clone()), lot_id: None };
    if let Err(err) = state.store.update_draft(id, changes, None, now, visitor.lang).await {
        let errors = match err {
            grants_store::StoreError::Validation(v) => v.errors,
            other => vec![FieldError {
                field: "/".into(),
                code: "error",
                message: super::refusal::explain(&state.pages, visitor.lang, &crate::AppError::from(other)),
            }],
        };
        return render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::UNPROCESSABLE_ENTITY);
    }
    match field("intent").unwrap_or("save") {
        "check" => {
            let errors = loaded
                .call
                .settings
                .form(loaded.application.stage)
                .map(|f| f.validate(&answers, visitor.lang))
                .unwrap_or_default();
            let flash = errors.is_empty().then(|| state.pages.text(visitor.lang, "form_saved"));
            let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            render(&state, &visitor, &loaded, &answers, &errors, flash, status)
        }
        "submit" => {
            if field("confirm") != Some("yes") {
                let errors = [FieldError {
                    field: "/confirm".into(),
                    code: "required",
                    message: state.pages.text(visitor.lang, "form_submit_confirm"),
                }];
                return render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::UNPROCESSABLE_ENTITY);
            }
            let request = ActionRequest {
                actor: Actor::APPLICANT,
                actor_user_id: Some(user.id),
                reason: None,
                payload: &Value::Null,
                expected_version: None,
                now,
                language: visitor.lang,
            };
            match state.store.apply_application_action(id, ApplicationAction::Submit, request).await {
                Ok(_) => super::done(&state, &format!("/applications/{id}"), "submit"),
                Err(grants_store::StoreError::Transition(TransitionError::GuardFailed { failures, .. })) => {
                    let mut errors = Vec::new();
                    for failure in failures {
                        if failure.fields.is_empty() {
                            errors.push(FieldError {
                                field: "/".into(),
                                code: failure.guard,
                                message: failure.message,
                            });
                        } else {
                            errors.extend(failure.fields);
                        }
                    }
                    render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::UNPROCESSABLE_ENTITY)
                }
                Err(other) => {
                    let errors = [FieldError {
                        field: "/".into(),
                        code: "error",
                        message: super::refusal::explain(&state.pages, visitor.lang, &crate::AppError::from(other)),
                    }];
                    render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::CONFLICT)
                }
            }
        }
        _ => render(
            &state,
            &visitor,
            &loaded,
            &answers,
            &[],
            Some(state.pages.text(visitor.lang, "form_saved")),
            StatusCode::OK,
        ),
    }
}

/// Attaches a file from the form page (multipart, works without JavaScript). The CSRF token comes
/// first in the form, so nothing is written for a forged request; the file streams to storage.
pub async fn upload(
    State(state): State<AppState>,
    signed: SignedIn,
    ApiPath(id): ApiPath<i64>,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    let loaded = match load(&state, &visitor, &user, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(SentUpload { kind, file, failure }) =
        read_page_form(&mut multipart, &state.store, id, &visitor.csrf()).await
    else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    };
    let answers = loaded.application.answers.clone();
    let outcome = match (file, failure) {
        (Some((filename, received)), None) => {
            let meta =
                UploadMeta { kind: kind.trim(), filename: &filename, uploaded_by: user.id, now: state.clock.now() };
            received.commit(meta).await
        }
        (_, Some(err)) => Err(err),
        (None, None) => {
            let errors = [FieldError {
                field: "/attachments".into(),
                code: "required",
                message: state.pages.text(visitor.lang, "attachment_file"),
            }];
            return render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    match outcome {
        Ok(_) => see_other(&format!("/applications/{id}/edit")),
        Err(err) => {
            let (status, errors) = upload_refusal(&state, &visitor, &loaded.call.settings, err);
            render(&state, &visitor, &loaded, &answers, &errors, None, status)
        }
    }
}

/// The status and the messages shown next to the upload field for a refused or failed upload.
pub(crate) fn upload_refusal(
    state: &AppState,
    visitor: &Visitor,
    settings: &grants_domain::call_settings::CallSettings,
    err: StoreError,
) -> (StatusCode, Vec<FieldError>) {
    let accepted = &settings.attachment_types;
    if let StoreError::Validation(v) = err {
        let errors = v
            .errors
            .into_iter()
            .map(|e| FieldError {
                field: "/attachments".into(),
                message: attachment_list::refusal_message(&state.pages, visitor.lang, &e, accepted),
                ..e
            })
            .collect();
        return (StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    let too_large =
        attachment_list::store_refusal_message(&state.pages, visitor.lang, &err, settings.attachment_max_bytes);
    let error = crate::AppError::from(err);
    let message = if let Some(message) = too_large {
        message
    } else if error.code() == "storage_unavailable" {
        state.pages.text(visitor.lang, "error_storage_unavailable")
    } else {
        super::refusal::explain(&state.pages, visitor.lang, &error)
    };
    let status = if error.status().is_server_error() { error.status() } else { StatusCode::UNPROCESSABLE_ENTITY };
    (status, vec![FieldError { field: "/attachments".into(), code: "error", message }])
}

/// Downloads an attachment of an application the visitor may see, streamed and checked.
pub async fn download(
    State(state): State<AppState>,
    signed: SignedIn,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    let application = match state.store.visible_application(&user, id).await {
        Ok(application) => application,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    match state.store.attachment_content_for(&application, attachment_id, &user.viewer()).await {
        Ok((attachment, bytes)) => crate::stored_file::download(
            crate::stored_file::StoredFile {
                content_type: &attachment.content_type,
                filename: &attachment.filename,
                sha256: &attachment.sha256,
                size_bytes: attachment.size_bytes,
            },
            bytes,
        ),
        Err(StoreError::NotFound(_)) => error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found"),
        Err(err) => {
            let error = crate::AppError::from(err);
            let key = if error.code() == "storage_unavailable" { "error_storage_unavailable" } else { "error_generic" };
            error_page(&state, &visitor, error.status(), key)
        }
    }
}
