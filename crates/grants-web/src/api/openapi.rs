//! The OpenAPI document, generated from the handlers' annotations.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::openapi_errors::StandardErrors;
use super::{
    actions, application_list, applications, attachments, call_list, calls, checklist, decisions, evaluation, grants,
    organisations, outbox, portfolio, report, tokens, workflow,
};
use crate::{error, health};

/// The API description served at `/api/v1/openapi.json`.
#[derive(OpenApi)]
#[openapi(
    info(title = "MMD Grants API", description = "Competitive-grants workflow: calls, applications and their lifecycle."),
    paths(
        health::healthz, health::readyz,
        call_list::list, calls::create, calls::read, calls::update, calls::act, calls::events,
        application_list::list, applications::create, applications::read, applications::update, applications::act, applications::events,
        checklist::read, checklist::record,
        attachments::upload, attachments::list, attachments::download, attachments::remove,
        outbox::list, outbox::retry_one, outbox::retry_all,
        evaluation::list_assignments, evaluation::assign, evaluation::remove, evaluation::auto_assign, evaluation::declare,
        evaluation::scorecards, evaluation::save_scorecard, evaluation::submit_scorecard, evaluation::reopen,
        evaluation::arbitrate, evaluation::evaluation, evaluation::ranking, decisions::apply,
        report::json_report, report::csv_report, report::html_report,
        organisations::read, organisations::update, organisations::events,
        grants::read, grants::submit, grants::review, grants::paid, portfolio::json, portfolio::csv,
        workflow::tables, tokens::list, tokens::issue, tokens::revoke,
    ),
    components(schemas(
        error::ErrorBody, actions::ActionBody, actions::ActionResult, actions::EventView,
        calls::CallInput, calls::CallPatch, calls::CallView, call_list::CallPage, call_list::CallSummaryView,
        applications::ApplicationInput, applications::ApplicationPatch, applications::ApplicationView, application_list::ApplicationPage, application_list::ApplicationSummaryView,
        calls::LotInput, calls::LotView, checklist::CheckInput, checklist::CheckView, checklist::ChecklistLineView,
        attachments::AttachmentView, attachments::UploadForm, outbox::OutboxView, outbox::OutboxPage, outbox::RetryResult,
        evaluation::AssignmentView, evaluation::AssignInput, evaluation::DeclarationInput, evaluation::ScorecardView, evaluation::NoteInput,
        organisations::OrganisationView, organisations::OrganisationPatch, decisions::ApplyInput, decisions::Decision,
        grants::GrantView, grants::AgreementView, grants::PaymentView, grants::ReportView, grants::ReportBody, grants::ReviewBody, portfolio::PortfolioView, portfolio::BucketView,
        tokens::TokenView, tokens::IssuedToken, tokens::TokenInput,
    )),
    modifiers(&BearerAuth, &StandardErrors),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("token from `mmd-grants user add`"))
                    .build(),
            ),
        );
    }
}

/// Serves the document; public, so clients can discover the API before holding a token.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
