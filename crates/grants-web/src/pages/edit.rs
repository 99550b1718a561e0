//! The application form page: the call's JSON Schema rendered as fields, saved as a draft, checked,
//! and submitted after an explicit confirmation. What was typed is always kept on the page.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::FieldError;
use grants_store::applications::DraftChanges;
use grants_store::transition::ActionRequest;
use grants_workflow::{Actor, ApplicationAction, ApplicationState, TransitionError};
use serde_json::{Value, json};

use super::form::{FormContext, fields, parse};
use super::session::Visitor;
use super::{context, error_page, page, see_other};
use crate::AppState;
use crate::api::applications::visible_application;
use crate::extract::ApiPath;

struct Loaded {
    application: grants_store::Application,
    call: grants_store::Call,
    attachments: Vec<Value>,
}

async fn load(state: &AppState, visitor: &Visitor, id: i64) -> Result<(grants_store::User, Loaded), Response> {
    let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return Err(see_other("/login")) };
    let application = visible_application(state, &user, id).await.map_err(|e| {
        error_page(
            state,
            visitor,
            e.status(),
            if e.status() == StatusCode::NOT_FOUND { "error_not_found" } else { "error_forbidden" },
        )
    })?;
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return Err(error_page(state, visitor, StatusCode::FORBIDDEN, "error_forbidden"));
    }
    if application.state != ApplicationState::Draft {
        return Err(see_other(&format!("/applications/{id}")));
    }
    let call = state
        .store
        .call(application.call_id)
        .await
        .map_err(|_| error_page(state, visitor, StatusCode::NOT_FOUND, "error_not_found"))?;
    let attachments = state
        .store
        .attachments(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| json!({ "id": a.id, "filename": a.filename, "kind": a.kind, "content_type": a.content_type }))
        .collect();
    Ok((user, Loaded { application, call, attachments }))
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
        }),
    );
    page_context["flash"] = flash.map_or(Value::Null, Value::String);
    page(state, status, "application_form", &page_context)
}

/// Shows the form with the saved answers.
pub async fn show(State(state): State<AppState>, visitor: Visitor, ApiPath(id): ApiPath<i64>) -> Response {
    match load(&state, &visitor, id).await {
        Ok((_, loaded)) => {
            let answers = loaded.application.answers.clone();
            render(&state, &visitor, &loaded, &answers, &[], None, StatusCode::OK)
        }
        Err(response) => response,
    }
}

/// Saves the posted answers; then, as asked, checks them against the form or submits.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (user, loaded) = match load(&state, &visitor, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    if field("csrf") != Some(visitor.csrf().as_str()) || visitor.csrf().is_empty() {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
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
                message: crate::AppError::from(other).message().to_owned(),
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
                Ok(_) => see_other(&format!("/applications/{id}")),
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
                        message: crate::AppError::from(other).message().to_owned(),
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

/// Attaches a file from the form page (multipart, works without JavaScript).
pub async fn upload(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    mut multipart: axum::extract::Multipart,
) -> Response {
    let (user, loaded) = match load(&state, &visitor, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (mut csrf, mut kind, mut file) = (String::new(), String::new(), None);
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("kind") => kind = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or("attachment").to_owned();
                file = field.bytes().await.ok().map(|b| (name, b));
            }
            _ => {}
        }
    }
    if csrf != visitor.csrf() || csrf.is_empty() {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    let answers = loaded.application.answers.clone();
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let errors = [FieldError {
            field: "/attachments".into(),
            code: "required",
            message: state.pages.text(visitor.lang, "attachment_file"),
        }];
        return render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let upload = grants_store::attachments::Upload {
        kind: kind.trim(),
        filename: &filename,
        bytes: &bytes,
        uploaded_by: user.id,
        now: state.clock.now(),
    };
    match state.store.add_attachment(id, upload).await {
        Ok(_) => see_other(&format!("/applications/{id}/edit")),
        Err(err) => {
            let errors = match err {
                grants_store::StoreError::Validation(v) => v.errors,
                other => vec![FieldError {
                    field: "/attachments".into(),
                    code: "error",
                    message: crate::AppError::from(other).message().to_owned(),
                }],
            };
            render(&state, &visitor, &loaded, &answers, &errors, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// Downloads an attachment of an application the visitor may see.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
) -> Response {
    let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return see_other("/login") };
    let application = match visible_application(&state, &user, id).await {
        Ok(application) => application,
        Err(err) => return error_page(&state, &visitor, err.status(), "error_not_found"),
    };
    match state.store.attachment_content_for(&application, attachment_id, &user.viewer()).await {
        Ok((attachment, bytes)) => {
            let ascii: String = attachment
                .filename
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
                .collect();
            let disposition = format!("attachment; filename=\"{ascii}\"");
            axum::response::IntoResponse::into_response((
                [
                    (axum::http::header::CONTENT_TYPE, attachment.content_type),
                    (axum::http::header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            ))
        }
        Err(_) => error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found"),
    }
}
