//! The emails anyone can make us send to an address — verification, reset and sign-in links, "this
//! address already has an account" — with their single-use tokens. They are capped per address and hour,
//! counted in the outbox itself, so no one can flood a mailbox through the account forms, whichever
//! instance they reach.

use chrono::{DateTime, Duration, Utc};
use grants_domain::Language;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};

use crate::auth::{random_token, sha256_hex};
use crate::entity::outbox;
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::throttle::{key, lock};
use crate::{Backend, StoreError};

/// Templates of the emails anyone can trigger for an address, the ones the hourly cap counts.
pub const CAPPED_TEMPLATES: &[&str] = &["email_verification", "password_reset", "account_exists", "sign_in_link"];

pub(crate) mod token {
    use sea_orm::entity::prelude::*;

    /// A single-use account token.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub token_hash: String,
        pub user_id: i64,
        pub purpose: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One email of the capped kind.
pub(crate) struct AccountMail<'a> {
    /// The account it is about (the subject of its audit event).
    pub user_id: i64,
    /// Where it goes.
    pub email: &'a str,
    /// The recipient's language.
    pub language: Language,
    /// The template.
    pub template: &'a str,
    /// The audit action recorded with it.
    pub action: &'a str,
    /// A single-use token to create and link to: its purpose, lifetime and the page it opens.
    pub token: Option<(&'a str, Duration, &'a str)>,
    /// More template data (the recipient's name where it is their own).
    pub extra: Value,
}

/// Whether another capped email may go to `email` at `now`; takes the per-address lock so concurrent
/// requests are counted one after another.
async fn has_room(
    txn: &DatabaseTransaction,
    backend: Backend,
    email: &str,
    cap: u32,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    lock(txn, backend, &key(&["mail", email])).await?;
    let sent = outbox::Entity::find()
        .filter(outbox::Column::RecipientEmail.eq(email))
        .filter(outbox::Column::Template.is_in(CAPPED_TEMPLATES.iter().copied()))
        .filter(outbox::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(txn)
        .await?;
    Ok(sent < u64::from(cap))
}

/// Queues `mail` (with its token and audit event) in `txn` unless the address had its hourly share;
/// returns whether it was queued.
pub(crate) async fn send_capped(
    txn: &DatabaseTransaction,
    backend: Backend,
    mail: AccountMail<'_>,
    cap: u32,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if !has_room(txn, backend, mail.email, cap, now).await? {
        tracing::warn!(user_id = mail.user_id, template = mail.template, "account email not sent: hourly cap reached");
        return Ok(false);
    }
    let mut context = json!({ "recipient": { "name": mail.email } });
    if let (Value::Object(target), Value::Object(extra)) = (&mut context, mail.extra) {
        target.extend(extra);
    }
    let mut purpose = Value::Null;
    if let Some((token_purpose, lifetime, page)) = mail.token {
        let token = new_token(txn, mail.user_id, token_purpose, lifetime, now).await?;
        context["action_path"] = json!(format!("{page}?token={token}"));
        context["expires_in_hours"] = json!(lifetime.num_hours());
        purpose = json!(token_purpose);
    } else {
        context["action_path"] = json!("/password/forgot");
    }
    let event_id = append(
        txn,
        NewEvent {
            subject: Subject::User(mail.user_id),
            action: mail.action,
            from_state: "active",
            to_state: "active",
            actor_user_id: None,
            actor_role: "system",
            reason: None,
            payload: &json!({ "purpose": purpose }),
            occurred_at: now,
        },
    )
    .await?;
    enqueue(
        txn,
        NewMessage {
            event_id,
            template: mail.template,
            recipient_user_id: Some(mail.user_id),
            recipient_email: mail.email,
            recipient_language: mail.language,
            payload: &context,
            now,
        },
    )
    .await?;
    Ok(true)
}

/// Creates a single-use token of `purpose` for `user_id` working for `lifetime`; returns the secret
/// (only its hash is stored).
pub(crate) async fn new_token(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &str,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let token = random_token();
    token::Entity::insert(token::ActiveModel {
        token_hash: Set(sha256_hex(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// The account a valid, unused token of `purpose` belongs to (without spending it).
pub(crate) async fn token_owner(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<Option<token::Model>, StoreError> {
    Ok(token::Entity::find()
        .filter(token::Column::TokenHash.eq(sha256_hex(token)))
        .filter(token::Column::Purpose.eq(purpose))
        .filter(token::Column::UsedAt.is_null())
        .filter(token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?)
}

/// Spends `token_id` and every other unused token of `purpose` of `user_id` (older links stop working);
/// returns whether `token_id` was still unused, i.e. nobody spent it first.
pub(crate) async fn spend_tokens(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: &str,
    token_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let spent = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::Id.eq(token_id))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if spent.rows_affected != 1 {
        return Ok(false);
    }
    token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::UserId.eq(user_id))
        .filter(token::Column::Purpose.eq(purpose))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(true)
}
