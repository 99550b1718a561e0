//! Fewer emails where people want fewer: a manager may take the notices of new submissions as one digest
//! per call at most every N minutes instead of one email each (applicants still get their own receipt).
//!
//! The submission's transaction keeps the notice back as an item instead of queueing it; the scheduler
//! queues one digest per (manager, call) once the oldest waiting item is N minutes old and marks the
//! items sent in the same transaction. Marking is a compare-and-set on `sent_at IS NULL`, so when two
//! schedulers race one queues the digest and the other finds nothing left.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

use crate::entity::{application, organisation};
use crate::outbox::{NewMessage, enqueue};
use crate::{Store, StoreError};

/// The notices a manager may take as a digest: one per submission.
pub const DIGESTIBLE: &[&str] = &["application_submitted"];

/// The template of the digest that replaces them.
pub const DIGEST_TEMPLATE: &str = "submissions_digest";

/// The longest interval a manager may choose: one digest a day.
pub const MAX_DIGEST_MINUTES: u32 = 24 * 60;

pub(crate) mod preference {
    use sea_orm::entity::prelude::*;

    /// A person's choice of digest instead of one email per submission.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notice_preferences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i64,
        pub submission_digest_minutes: i32,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod item {
    use sea_orm::entity::prelude::*;

    /// A notice kept back for a digest.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "notice_digest_items")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub call_id: i64,
        pub application_id: i64,
        pub event_id: i64,
        pub held_at: DateTimeUtc,
        pub sent_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Who, among `recipients`, takes `template` as a digest: their ids with their interval in minutes.
pub(crate) async fn digest_takers(
    db: &impl ConnectionTrait,
    template: &str,
    recipients: &[i64],
) -> Result<HashMap<i64, i32>, StoreError> {
    if !DIGESTIBLE.contains(&template) {
        return Ok(HashMap::new());
    }
    intervals_of(db, recipients).await
}

/// The digest interval in minutes of each of `users` who chose one.
async fn intervals_of(db: &impl ConnectionTrait, users: &[i64]) -> Result<HashMap<i64, i32>, StoreError> {
    if users.is_empty() {
        return Ok(HashMap::new());
    }
    let found =
        preference::Entity::find().filter(preference::Column::UserId.is_in(users.iter().copied())).all(db).await?;
    Ok(found.into_iter().map(|p| (p.user_id, p.submission_digest_minutes)).collect())
}

/// A notice kept back for `user`'s next digest of `call`.
pub(crate) struct Held {
    pub user_id: i64,
    pub call_id: i64,
    pub application_id: i64,
    pub event_id: i64,
    pub now: DateTime<Utc>,
}

/// Keeps a notice back instead of queueing it, in the caller's transaction.
pub(crate) async fn hold(db: &impl ConnectionTrait, held: Held) -> Result<(), StoreError> {
    let row = item::ActiveModel {
        user_id: Set(held.user_id),
        call_id: Set(held.call_id),
        application_id: Set(held.application_id),
        event_id: Set(held.event_id),
        held_at: Set(held.now),
        sent_at: Set(None),
        ..Default::default()
    };
    item::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

impl Store {
    /// The interval of `user`'s submission digest in minutes, or `None` for one email per submission.
    pub async fn submission_digest_minutes(&self, user_id: i64) -> Result<Option<u32>, StoreError> {
        let found = preference::Entity::find_by_id(user_id).one(&self.db).await?;
        Ok(found.and_then(|p| u32::try_from(p.submission_digest_minutes).ok()))
    }

    /// Sets how `user` hears of new submissions: a digest every `minutes` (1 to a day), or one email
    /// each with `None`. Notices already kept back go out with the next pass of the scheduler.
    pub async fn set_submission_digest(
        &self,
        user_id: i64,
        minutes: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        preference::Entity::delete_by_id(user_id).exec(&self.db).await?;
        let Some(minutes) = minutes else { return Ok(()) };
        let minutes = minutes.clamp(1, MAX_DIGEST_MINUTES);
        let row = preference::ActiveModel {
            user_id: Set(user_id),
            submission_digest_minutes: Set(i32::try_from(minutes).unwrap_or(i32::MAX)),
            updated_at: Set(now),
        };
        preference::Entity::insert(row).exec_without_returning(&self.db).await?;
        Ok(())
    }

    /// Queues the digests due at `now`: one per (manager, call) whose oldest waiting notice is as old as
    /// the manager's interval (at once for a manager who went back to one email each). Returns how many.
    pub async fn send_notice_digests(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let waiting: Vec<(i64, i64, DateTime<Utc>)> = item::Entity::find()
            .select_only()
            .column(item::Column::UserId)
            .column(item::Column::CallId)
            .column_as(item::Column::HeldAt.min(), "oldest")
            .filter(item::Column::SentAt.is_null())
            .group_by(item::Column::UserId)
            .group_by(item::Column::CallId)
            .into_tuple()
            .all(&self.db)
            .await?;
        let users: Vec<i64> = waiting.iter().map(|(user, _, _)| *user).collect();
        let intervals = intervals_of(&self.db, &users).await?;
        let mut sent = 0;
        for (user_id, call_id, oldest) in waiting {
            let minutes = intervals.get(&user_id).copied().unwrap_or(0);
            if oldest + Duration::minutes(i64::from(minutes)) > now {
                continue;
            }
            if self.send_digest(user_id, call_id, now).await? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    /// Queues one digest of `user`'s waiting notices for `call`; `false` when another process took them.
    async fn send_digest(&self, user_id: i64, call_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let user = self.user(user_id).await?;
        let call = self.call(call_id).await?;
        let txn = self.begin_write().await?;
        let items = item::Entity::find()
            .filter(item::Column::UserId.eq(user_id))
            .filter(item::Column::CallId.eq(call_id))
            .filter(item::Column::SentAt.is_null())
            .order_by_asc(item::Column::Id)
            .all(&txn)
            .await?;
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        let Some(last) = items.last() else {
            txn.rollback().await?;
            return Ok(false);
        };
        let marked = item::Entity::update_many()
            .col_expr(item::Column::SentAt, Expr::value(now))
            .filter(item::Column::Id.is_in(ids.iter().copied()))
            .filter(item::Column::SentAt.is_null())
            .exec(&txn)
            .await?;
        if marked.rows_affected != ids.len() as u64 {
            txn.rollback().await?;
            return Ok(false);
        }
        let applications = application::Entity::find()
            .filter(application::Column::Id.is_in(items.iter().map(|i| i.application_id)))
            .order_by_asc(application::Column::Id)
            .all(&txn)
            .await?;
        let organisations: HashMap<i64, String> = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(applications.iter().map(|a| a.organisation_id)))
            .all(&txn)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let listed: Vec<_> = applications
            .iter()
            .map(|a| {
                json!({
                    "id": a.id,
                    "reference": a.reference,
                    "title": a.title,
                    "organisation": organisations.get(&a.organisation_id),
                    "path": format!("/applications/{}", a.id),
                })
            })
            .collect();
        let payload = json!({
            "recipient": { "name": user.display_name },
            "call": crate::outbox::call_context(&call),
            "applications": listed,
            "count": listed.len(),
        });
        enqueue(
            &txn,
            NewMessage {
                event_id: last.event_id,
                template: DIGEST_TEMPLATE,
                recipient_user_id: Some(user.id),
                recipient_email: &user.email,
                recipient_language: user.language,
                payload: &payload,
                now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(true)
    }
}
