//! Reminders to grantees (SPEC §7): a report still expected is announced 14 days and 1 day before it is
//! due, then once as overdue. Each goes once per report and step, whatever the number of schedulers: the
//! `reminders_sent` register's unique key is written in the same transaction as the email.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use grants_workflow::{ApplicationState, Audience};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;

use crate::audience::{AudienceScope, resolve};
use crate::entity::{application, report};
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::reminders::register_once;
use crate::{Store, StoreError};

/// Days before the due date a reminder goes out, latest last.
pub const REPORT_REMINDER_LEADS: [i64; 2] = [14, 1];

/// A report is due by the end of its due day, UTC.
fn due_instant(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(23, 59, 59).map_or_else(Utc::now, |t| t.and_utc())
}

/// Which reminder a report gets at `now`, if any: the closest lead whose window has opened, or overdue.
fn step(due: DateTime<Utc>, now: DateTime<Utc>) -> Option<(&'static str, String)> {
    if now > due {
        return Some(("report_overdue", "overdue".to_owned()));
    }
    REPORT_REMINDER_LEADS
        .iter()
        .rev()
        .find(|lead| now >= due - Duration::days(**lead))
        .map(|lead| ("report_due_reminder", format!("{lead}d")))
}

impl Store {
    /// Queues the reminders due at `now` for reports still expected from contracted grants; returns how many
    /// emails were queued.
    pub async fn send_report_reminders(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let contracted: Vec<application::Model> = application::Entity::find()
            .filter(application::Column::State.eq(ApplicationState::Contracted.to_string()))
            .all(&self.db)
            .await?;
        let mut sent = 0;
        for grant in contracted {
            let expected = report::Entity::find()
                .filter(report::Column::ApplicationId.eq(grant.id))
                .filter(report::Column::Status.is_in(waiting_for_grantee()))
                .all(&self.db)
                .await?;
            for row in expected {
                let due = due_instant(row.due_on);
                let Some((template, step_key)) = step(due, now) else { continue };
                sent += self.remind_grantee(&grant, &row, template, &format!("{}:{step_key}", row.id), now).await?;
            }
        }
        Ok(sent)
    }

    async fn remind_grantee(
        &self,
        grant: &application::Model,
        row: &report::Model,
        template: &'static str,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let call = self.call(grant.call_id).await?;
        let txn = self.db.begin().await?;
        if !register_once(&txn, "report", key, now).await? {
            txn.rollback().await?;
            return Ok(0);
        }
        let state = ApplicationState::Contracted;
        let payload = json!({ "reminder": template, "report_id": row.id, "due_on": row.due_on.to_string() });
        let event_id = append(
            &txn,
            NewEvent {
                subject: Subject::Application(grant.id),
                action: "remind_report",
                from_state: state.as_ref(),
                to_state: state.as_ref(),
                actor_user_id: None,
                actor_role: "system",
                reason: None,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        let scope =
            AudienceScope { organisation: Some(grant.organisation_id), call: call.id, application: Some(grant.id) };
        let mut queued = 0;
        for recipient in resolve(&txn, Audience::Applicant, &scope).await? {
            let more = json!({
                "grant": { "reference": grant.reference },
                "report": crate::agreements::report_json(row),
                "recipient": { "name": recipient.display_name },
            });
            let context =
                crate::outbox::mail_context(grant.id, grant.reference.as_deref(), &grant.title, state, &call, more);
            enqueue(
                &txn,
                NewMessage {
                    event_id,
                    template,
                    recipient_user_id: Some(recipient.id),
                    recipient_email: &recipient.email,
                    recipient_language: recipient.language(),
                    payload: &context,
                    now,
                },
            )
            .await?;
            queued += 1;
        }
        txn.commit().await?;
        Ok(queued)
    }
}

/// The report states a grantee still has to act on, as stored.
fn waiting_for_grantee() -> Vec<String> {
    grants_workflow::stored_states::<grants_workflow::ReportMachine>(grants_workflow::report::awaits_grantee)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_report_gets_the_closest_step() {
        let due = due_instant(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
        assert_eq!(step(due, due - Duration::days(20)), None);
        assert_eq!(step(due, due - Duration::days(10)).unwrap().1, "14d");
        assert_eq!(step(due, due - Duration::hours(12)).unwrap().1, "1d");
        assert_eq!(step(due, due + Duration::seconds(1)).unwrap().0, "report_overdue");
    }
}
