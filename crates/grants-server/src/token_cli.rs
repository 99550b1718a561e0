//! `mmd-grants token …`: what operators do with API tokens without the API — list someone's tokens,
//! issue one with an expiry, revoke one at once (a leaked token, a person leaving).

use anyhow::{Context, bail};
use chrono::{Duration, Utc};
use clap::Subcommand;
use grants_store::Store;
use grants_store::api_tokens::MAX_LIFETIME_DAYS;

/// `token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// List a user's tokens (id, label, issued, expires, last used, revoked), newest first.
    List {
        /// The user's email address.
        #[arg(long)]
        email: String,
    },
    /// Issue a new token for a user and print it once, on standard output.
    Issue {
        /// The user's email address.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "issued by token issue")]
        label: String,
        /// Days it works (default: `limits.token_lifetime_days`).
        #[arg(long)]
        days: Option<i64>,
    },
    /// Revoke a token by id; it stops working at once.
    Revoke {
        /// The token's id (from `token list`).
        id: i64,
    },
}

/// Runs a token command; `default_days` is the configured lifetime of new tokens.
pub async fn run(store: &Store, command: TokenCommand, default_days: i64) -> anyhow::Result<()> {
    let now = Utc::now();
    match command {
        TokenCommand::List { email } => {
            let user = store.user_by_email(&email).await?.with_context(|| format!("no user has the email {email}"))?;
            println!("id\tlabel\tissued\texpires\tlast_used\tstate");
            for token in store.api_tokens(user.id).await? {
                let state = match (token.revoked_at, token.is_active(now)) {
                    (Some(at), _) => format!("revoked {}", at.to_rfc3339()),
                    (None, true) => "active".to_owned(),
                    (None, false) => "expired".to_owned(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{state}",
                    token.id,
                    token.label,
                    token.created_at.to_rfc3339(),
                    token.expires_at.to_rfc3339(),
                    token.last_used_at.map(|at| at.to_rfc3339()).unwrap_or_default()
                );
            }
            Ok(())
        }
        TokenCommand::Issue { email, label, days } => {
            let days = days.unwrap_or(default_days);
            if !(1..=MAX_LIFETIME_DAYS).contains(&days) {
                bail!("--days must be between 1 and {MAX_LIFETIME_DAYS}");
            }
            let user = store.user_by_email(&email).await?.with_context(|| format!("no user has the email {email}"))?;
            let (token, record) = store.issue_token(user.id, &label, now, now + Duration::days(days)).await?;
            eprintln!(
                "API token #{} for <{}> (shown once; works until {}):",
                record.id,
                user.email,
                record.expires_at.to_rfc3339()
            );
            println!("{token}");
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            let token = store.api_token(id).await.with_context(|| format!("no token has the id {id}"))?;
            let revoked = store.revoke_token(token.id, now).await?;
            eprintln!(
                "token #{} ({}) revoked at {}",
                revoked.id,
                revoked.label,
                revoked.revoked_at.map(|at| at.to_rfc3339()).unwrap_or_default()
            );
            Ok(())
        }
    }
}
