//! Questions about a call and the programme's answers. A signed-in applicant may ask while the call is
//! published and until [`QUESTION_CUTOFF_DAYS`] before its deadline; managers publish an answer, which
//! everyone who may see the call then reads on its page (no applicant gets an answer the others do not),
//! and the person who asked is emailed in the answer's own transaction. Each answer is in the call's
//! audit trail.

use chrono::{DateTime, Duration, Utc};
use grants_domain::ValidationErrors;
use grants_workflow::CallState;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::calls::load_call;
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::{Store, StoreError};

/// Questions close this many days before the deadline, so every answer is out in time for all (PRAG).
pub const QUESTION_CUTOFF_DAYS: i64 = 21;

/// The longest question or answer.
pub const MAX_TEXT_CHARS: usize = 2000;

/// The email the person who asked receives.
pub const ANSWERED_TEMPLATE: &str = "call_question_answered";

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    /// A question about a call, with its answer once published.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "call_questions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub call_id: i64,
        pub asked_by: i64,
        #[sea_orm(column_type = "Text")]
        pub question: String,
        pub asked_at: DateTimeUtc,
        #[sea_orm(column_type = "Text", nullable)]
        pub answer: Option<String>,
        pub answered_by: Option<i64>,
        pub answered_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A question as the call page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallQuestion {
    /// Its id.
    pub id: i64,
    /// Who asked (shown to nobody but managers' tools; the page shows the question only).
    pub asked_by: i64,
    /// The question.
    pub question: String,
    /// When it was asked.
    pub asked_at: DateTime<Utc>,
    /// The published answer.
    pub answer: Option<String>,
    /// When it was published.
    pub answered_at: Option<DateTime<Utc>>,
}

fn record(model: entity::Model) -> CallQuestion {
    CallQuestion {
        id: model.id,
        asked_by: model.asked_by,
        question: model.question,
        asked_at: model.asked_at,
        answer: model.answer,
        answered_at: model.answered_at,
    }
}

/// Until when questions about a call whose deadline is `deadline` are taken.
pub fn questions_close_at(deadline: DateTime<Utc>) -> DateTime<Utc> {
    deadline - Duration::days(QUESTION_CUTOFF_DAYS)
}

fn checked_text(field: &str, text: &str) -> Result<String, StoreError> {
    let text = text.trim();
    if text.chars().count() < 10 || text.chars().count() > MAX_TEXT_CHARS {
        let mut errors = ValidationErrors::default();
        errors.add(field, "length", format!("write between 10 and {MAX_TEXT_CHARS} characters"));
        return Err(errors.into());
    }
    Ok(text.to_owned())
}

impl Store {
    /// The call's questions, oldest first: all of them for managers, the answered ones and the reader's
    /// own for everyone else (`reader` is `None` for a visitor without an account).
    pub async fn call_questions(
        &self,
        call_id: i64,
        reader: Option<i64>,
        manager: bool,
    ) -> Result<Vec<CallQuestion>, StoreError> {
        Ok(entity::Entity::find()
            .filter(entity::Column::CallId.eq(call_id))
            .order_by_asc(entity::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|q| manager || q.answer.is_some() || Some(q.asked_by) == reader)
            .map(record)
            .collect())
    }

    /// Records a question; refused once questions have closed or when the call is not published.
    pub async fn ask_call_question(
        &self,
        call_id: i64,
        asked_by: i64,
        question: &str,
        now: DateTime<Utc>,
    ) -> Result<CallQuestion, StoreError> {
        let call = load_call(&self.db, call_id).await?;
        let closes = questions_close_at(call.rules.deadline_at);
        if call.state != CallState::Published || now >= closes {
            return Err(StoreError::WrongState {
                message: format!("questions about this call closed at {}", closes.to_rfc3339()),
                state: call.state.to_string(),
                allowed: Vec::new(),
            });
        }
        let question = checked_text("/question", question)?;
        let row = entity::ActiveModel {
            call_id: Set(call_id),
            asked_by: Set(asked_by),
            question: Set(question),
            asked_at: Set(now),
            answer: Set(None),
            answered_by: Set(None),
            answered_at: Set(None),
            ..Default::default()
        };
        Ok(record(entity::Entity::insert(row).exec_with_returning(&self.db).await?))
    }

    /// Publishes the answer to a question (managers): recorded in the call's trail and emailed to the
    /// person who asked, in one transaction. An answered question is not answered again.
    pub async fn answer_call_question(
        &self,
        call_id: i64,
        question_id: i64,
        answered_by: i64,
        answer: &str,
        now: DateTime<Utc>,
    ) -> Result<CallQuestion, StoreError> {
        let answer = checked_text("/answer", answer)?;
        let call = load_call(&self.db, call_id).await?;
        let model = entity::Entity::find_by_id(question_id)
            .filter(entity::Column::CallId.eq(call_id))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("question"))?;
        let asker = self.user(model.asked_by).await?;
        let txn = self.begin_write().await?;
        let marked = entity::Entity::update_many()
            .col_expr(entity::Column::Answer, sea_orm::sea_query::Expr::value(answer.clone()))
            .col_expr(entity::Column::AnsweredBy, sea_orm::sea_query::Expr::value(answered_by))
            .col_expr(entity::Column::AnsweredAt, sea_orm::sea_query::Expr::value(now))
            .filter(entity::Column::Id.eq(question_id))
            .filter(entity::Column::Answer.is_null())
            .exec(&txn)
            .await?;
        if marked.rows_affected != 1 {
            return Err(StoreError::WrongState {
                message: "this question has already been answered".into(),
                state: "answered".into(),
                allowed: Vec::new(),
            });
        }
        let state = call.state.to_string();
        let payload = json!({ "question_id": question_id });
        let event_id = append(
            &txn,
            NewEvent {
                subject: Subject::Call(call_id),
                action: "answer_question",
                from_state: &state,
                to_state: &state,
                actor_user_id: Some(answered_by),
                actor_role: "manager",
                reason: None,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        let context = json!({
            "recipient": { "name": asker.display_name },
            "call": crate::outbox::call_context(&call),
            "question": model.question,
            "answer": answer,
        });
        enqueue(
            &txn,
            NewMessage {
                event_id,
                template: ANSWERED_TEMPLATE,
                recipient_user_id: Some(asker.id),
                recipient_email: &asker.email,
                recipient_language: asker.language,
                payload: &context,
                now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(CallQuestion { answer: Some(answer), answered_at: Some(now), ..record(model) })
    }
}
