//! The files an applicant sends with the answer to a clarification request: added from the application
//! page while the question waits, then listed under the question for the applicant and the managers.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::ValidationErrors;
use grants_store::StoreError;
use grants_store::attachment_upload::UploadMeta;
use grants_store::attachments::CLARIFICATION_KIND;

use super::extract::SignedIn;
use super::refusal::Refusal;
use super::{done, error_page, failure_page};
use crate::extract::ApiPath;
use crate::upload::{SentUpload, read_page_form};
use crate::{AppError, AppState};

/// The name of the form on the application page, for its refusal.
pub(crate) const FORM: &str = "clarification-file";

/// Adds a file to the answer (the applicant's members), back on the application page.
pub async fn upload(
    State(state): State<AppState>,
    signed: SignedIn,
    ApiPath(id): ApiPath<i64>,
    mut multipart: Multipart,
) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    let application = match state.store.visible_application(&user, id).await {
        Ok(application) => application,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    }
    let Some(SentUpload { file, failure, .. }) =
        read_page_form(&mut multipart, &state.store, id, &visitor.csrf()).await
    else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    };
    let outcome = match (file, failure) {
        (Some((filename, received)), None) => {
            let meta = UploadMeta {
                kind: CLARIFICATION_KIND,
                filename: &filename,
                uploaded_by: user.id,
                now: state.clock.now(),
            };
            received.commit(meta).await
        }
        (_, Some(err)) => Err(err),
        (None, None) => {
            let mut errors = ValidationErrors::default();
            errors.add("/file", "required", state.pages.text(visitor.lang, "clarification_file_missing"));
            Err(StoreError::from(errors))
        }
    };
    let Err(err) = outcome else {
        return done(&state, &format!("/applications/{id}"), "clarification_file_added");
    };
    let settings = match state.store.call(application.call_id).await {
        Ok(call) => call.settings,
        Err(other) => return failure_page(&state, &visitor, &AppError::from(other)),
    };
    // Shown in place, as the form page shows a refused upload: the reason in the reader's language.
    let (status, messages) = super::edit::upload_refusal(&state, &visitor, &settings, err);
    let message = messages.into_iter().next().map(|m| m.message).unwrap_or_default();
    let refusal = Refusal { form: FORM.into(), status, message, fields: Vec::new(), typed: serde_json::Map::new() };
    super::application::render(&state, &visitor, &user, id, Some(&refusal)).await
}
