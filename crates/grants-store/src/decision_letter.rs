//! What a decision email tells the applicant beyond the decision itself: the amount awarded (or asked
//! for) and the evaluation behind it — the consolidated score by section and the evaluators' overall
//! comments, never their names. Added to the email's data in the decision's own transaction, so the
//! letter says what was decided at that moment.

use serde_json::{Value, json};

use crate::scoring::evaluation_status;
use crate::scoring::scorecards_of;
use crate::{Application, Call, StoreError};

/// The notice that carries the signed agreement's terms.
pub const AGREEMENT_NOTICE: &str = "agreement_signed";

/// The notices that are decision letters.
pub const DECISION_NOTICES: &[&str] =
    &["application_awarded", "application_rejected", "application_reserve_listed", "concept_note_not_shortlisted"];

/// Whether a row sending `templates` sends a decision letter.
pub(crate) fn is_decision(templates: impl IntoIterator<Item = &'static str>) -> bool {
    templates.into_iter().any(|t| DECISION_NOTICES.contains(&t))
}

/// The amount and the evaluation of `application` as the letter shows them (amounts as decimal strings;
/// the email's renderer writes them in the recipient's notation).
pub(crate) async fn letter(
    db: &impl sea_orm::ConnectionTrait,
    application: &Application,
    call: &Call,
) -> Result<Value, StoreError> {
    let amount = json!({
        "awarded": application.awarded_amount.map(|m| m.to_string()),
        "requested": application.requested_amount.map(|m| m.to_string()),
    });
    let Some(grid) = call.settings.grids.of(application.stage) else {
        return Ok(json!({ "amount": amount, "evaluation": null }));
    };
    let status = evaluation_status(db, application.id).await?;
    if status.consolidation.scorecards == 0 {
        return Ok(json!({ "amount": amount, "evaluation": null }));
    }
    let sections: Vec<Value> = grid
        .sections
        .iter()
        .map(|section| {
            let points = status.consolidation.per_section.get(&section.code).copied().unwrap_or_default();
            json!({
                "en": section.en,
                "fr": section.fr,
                "points": points.round_dp(2).to_string(),
                "max": section.max_points().to_string(),
            })
        })
        .collect();
    let comments: Vec<String> = scorecards_of(db, application.id)
        .await?
        .into_iter()
        .filter(|s| s.status == grants_workflow::ScorecardState::Submitted)
        .map(|s| s.card.overall_comment.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    Ok(json!({
        "amount": amount,
        "evaluation": {
            "total": status.consolidation.total.round_dp(2).to_string(),
            "max": grid.max_total().to_string(),
            "sections": sections,
            "comments": comments,
        },
    }))
}

/// The signed agreement as its email shows it: amount, dates, the payment schedule (what releases each
/// payment) and the reports with their due dates. Read in the signature's transaction, after the
/// agreement and its schedule were written.
pub(crate) async fn agreement_letter(
    db: &impl sea_orm::ConnectionTrait,
    application_id: i64,
) -> Result<Value, StoreError> {
    let file = crate::agreements::load_file(db, application_id).await?;
    let Some(signed) = file.agreement else {
        return Ok(json!({ "agreement": null }));
    };
    let payments: Vec<Value> = file
        .payments
        .iter()
        .map(|p| {
            json!({
                "sequence": p.sequence,
                "kind": p.kind.to_string(),
                "amount": p.amount.to_string(),
                "released_by_period": p.released_by_period,
            })
        })
        .collect();
    let reports: Vec<Value> = file
        .reports
        .iter()
        .map(|r| json!({ "kind": r.kind.to_string(), "period": r.period, "due_on": r.due_on.to_string() }))
        .collect();
    Ok(json!({
        "agreement": {
            "amount": signed.amount.to_string(),
            "starts_on": signed.starts_on.to_string(),
            "ends_on": signed.ends_on.to_string(),
            "payments": payments,
            "reports": reports,
        },
    }))
}
