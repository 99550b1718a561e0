//! Applications, their history and their attachments as one reader may see them: the rules of
//! `grants_domain::confidentiality`, fed with what only the database knows (is the reader's own scorecard
//! handed in? does the call evaluate anonymously?). The API and the pages both read through here, after
//! their access check, so neither can show what the other hides.

use std::collections::HashMap;

use grants_domain::Viewer;
use grants_domain::call::Stage;
use grants_domain::confidentiality::{EventParts, Reader, anonymise_answers, anonymous_file_name, event_for};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use crate::attachments::Attachment;
use crate::calls::load_call;
use crate::entity::scorecard;
use crate::events::Subject;
use crate::{Application, Call, Event, Store, StoreError};

/// The form schema of `stage` in `call` (`Null` when the stage has none).
fn form_of(call: &Call, stage: Stage) -> &Value {
    match stage {
        Stage::ConceptNote => call.settings.forms.concept_note.as_ref().unwrap_or(&Value::Null),
        Stage::FullApplication => &call.settings.forms.full_application,
    }
}

impl Store {
    /// Who `viewer` is to application `application` (staff, applicant or evaluator, and whether their own
    /// scorecard is in).
    pub async fn reader_of(&self, application: &Application, viewer: &Viewer) -> Result<Reader, StoreError> {
        let provisional = Reader::of(viewer, application.organisation_id, false);
        if !matches!(provisional, Reader::Evaluator { .. }) {
            return Ok(provisional);
        }
        let submitted = scorecard::Entity::find()
            .filter(scorecard::Column::ApplicationId.eq(application.id))
            .filter(scorecard::Column::EvaluatorId.eq(viewer.user_id))
            .filter(scorecard::Column::Status.eq(grants_workflow::ScorecardState::Submitted.to_string()))
            .count(&self.db)
            .await?;
        Ok(Reader::of(viewer, application.organisation_id, submitted > 0))
    }

    /// Whether `viewer` may see who applied (false for evaluators of a call that evaluates anonymously).
    pub async fn sees_applicant(&self, application: &Application, viewer: &Viewer) -> Result<bool, StoreError> {
        let reader = Reader::of(viewer, application.organisation_id, false);
        if reader.sees_identity(true) {
            return Ok(true);
        }
        let call = load_call(&self.db, application.call_id).await?;
        Ok(reader.sees_identity(call.settings.anonymous_evaluation))
    }

    /// The applications as `viewer` may read them: for evaluators of anonymous calls, the answers lose
    /// every field that names the applicant.
    pub async fn as_read_by(
        &self,
        applications: Vec<Application>,
        viewer: &Viewer,
    ) -> Result<Vec<Application>, StoreError> {
        let mut calls: HashMap<i64, Call> = HashMap::new();
        let mut shown = Vec::with_capacity(applications.len());
        for mut application in applications {
            if Reader::of(viewer, application.organisation_id, false).sees_identity(true) {
                shown.push(application);
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = calls.entry(application.call_id) {
                slot.insert(load_call(&self.db, application.call_id).await?);
            }
            if let Some(call) = calls.get(&application.call_id)
                && call.settings.anonymous_evaluation
            {
                application.answers = anonymise_answers(form_of(call, application.stage), &application.answers);
            }
            shown.push(application);
        }
        Ok(shown)
    }

    /// The history of `subject` as `viewer` may read it, once the caller has checked they may see the
    /// subject at all. Applications follow the evaluation rules; for other subjects only programme staff
    /// see who acted.
    pub async fn history_for(&self, subject: Subject, viewer: &Viewer) -> Result<Vec<Event>, StoreError> {
        let events = self.events(subject).await?;
        let reader = match subject {
            Subject::Application(id) => {
                let application = self.application(id).await?;
                self.reader_of(&application, viewer).await?
            }
            _ if viewer.is_programme_staff() => Reader::Staff,
            _ => Reader::Applicant,
        };
        let internal_too = !matches!(subject, Subject::Application(_));
        Ok(events
            .into_iter()
            .filter_map(|event| {
                let parts = EventParts {
                    action: event.action.clone(),
                    actor_user_id: event.actor_user_id,
                    reason: event.reason.clone(),
                    payload: event.payload.clone(),
                };
                let shown = if internal_too && reader != Reader::Staff {
                    Some(EventParts { actor_user_id: None, ..parts })
                } else {
                    event_for(reader, parts)
                }?;
                Some(Event {
                    action: shown.action,
                    actor_user_id: shown.actor_user_id,
                    reason: shown.reason,
                    payload: shown.payload,
                    ..event
                })
            })
            .collect())
    }

    /// The attachments of `application` as `viewer` may see them: under a neutral name for evaluators of
    /// anonymous calls.
    pub async fn attachments_for(
        &self,
        application: &Application,
        viewer: &Viewer,
    ) -> Result<Vec<Attachment>, StoreError> {
        let mut attachments = self.attachments(application.id).await?;
        if !self.sees_applicant(application, viewer).await? {
            for attachment in &mut attachments {
                attachment.filename = anonymous_file_name(attachment.id, &attachment.filename);
            }
        }
        Ok(attachments)
    }

    /// One attachment with its bytes as `viewer` may see it (see [`Store::attachments_for`]).
    pub async fn attachment_content_for(
        &self,
        application: &Application,
        attachment_id: i64,
        viewer: &Viewer,
    ) -> Result<(Attachment, crate::storage::BlobStream), StoreError> {
        let (mut attachment, bytes) = self.attachment_content(application.id, attachment_id).await?;
        if !self.sees_applicant(application, viewer).await? {
            attachment.filename = anonymous_file_name(attachment.id, &attachment.filename);
        }
        Ok((attachment, bytes))
    }
}
