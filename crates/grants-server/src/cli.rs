//! The command line: `serve`, `migrate`, `user add`, `workflow`, `seed-demo`, `backup`, `restore`.

use std::path::PathBuf;

use anyhow::Context;
use chrono::Utc;
use clap::{Parser, Subcommand, ValueEnum};
use grants_domain::{Language, OrganisationType, Role};
use grants_store::users::{NewOrganisation, NewUser};
use grants_workflow::diagram::{mermaid, workflow_document};
use grants_workflow::{ApplicationMachine, CallMachine};

use crate::config::Settings;
use crate::serve::{open_store, serve};
use crate::{backup, seed, telemetry};

/// MMD Grants: calls for proposals, applications, evaluation and grants, end to end.
#[derive(Debug, Parser)]
#[command(name = "mmd-grants", version, about)]
pub struct Cli {
    /// Folder holding default.toml and <GRANTS_ENV>.toml.
    #[arg(long, global = true, default_value = "config", env = "GRANTS_CONFIG_DIR")]
    pub config_dir: PathBuf,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web front end and the JSON API.
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Print the workflow as a Mermaid state diagram.
    Workflow {
        /// Which lifecycle to draw.
        #[arg(long, value_enum, default_value_t = Lifecycle::Application)]
        lifecycle: Lifecycle,
        /// Print the Markdown document kept at docs/workflow.md (both lifecycles) instead.
        #[arg(long)]
        markdown: bool,
    },
    /// Load a small, realistic MMD call with organisations, users and applications in several states.
    SeedDemo,
    /// Write a consistent snapshot of the database and every stored file into a new folder.
    Backup {
        /// The folder to create (or an empty one).
        #[arg(long)]
        to: PathBuf,
    },
    /// Bring a backup back into the configured database and storage, which must both be empty.
    Restore {
        /// A folder written by `backup`.
        #[arg(long)]
        from: PathBuf,
    },
    /// Manage API tokens: list, issue, revoke.
    #[command(subcommand)]
    Token(crate::token_cli::TokenCommand),
}

/// Which table `workflow` draws.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lifecycle {
    /// Applications (SPEC §5).
    Application,
    /// Calls for proposals (SPEC §3).
    Call,
}

/// `user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user and print a new API token for them (shown once, on standard output).
    Add(UserAdd),
    /// End a person's access at once: sessions closed, API tokens refused, no new assignments.
    Deactivate {
        /// The person's email address.
        #[arg(long)]
        email: String,
    },
}

/// Arguments of `user add`.
#[derive(Debug, clap::Args)]
pub struct UserAdd {
    /// Email address (unique).
    #[arg(long)]
    pub email: String,
    /// Name as shown to others.
    #[arg(long)]
    pub name: String,
    /// Role; repeat for several (applicant, evaluator, manager, admin, auditor).
    #[arg(long = "role", required = true, value_parser = parse_role)]
    pub roles: Vec<Role>,
    /// Language of the product and emails (en or fr).
    #[arg(long, default_value = "en", value_parser = parse_language)]
    pub language: Language,
    /// Organisation to join; created when it does not exist yet (then --country and --org-type are needed).
    #[arg(long)]
    pub organisation: Option<String>,
    /// ISO 3166-1 alpha-2 country of the user (and of a new organisation).
    #[arg(long)]
    pub country: Option<String>,
    /// Kind of a new organisation (local_authority, civil_society, diaspora).
    #[arg(long, value_parser = parse_org_type)]
    pub org_type: Option<OrganisationType>,
    /// Label stored with the token.
    #[arg(long, default_value = "created by user add")]
    pub token_label: String,
    /// Days the token works (default: `limits.token_lifetime_days`).
    #[arg(long)]
    pub token_days: Option<i64>,
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse().map_err(|_| format!("`{text}` is not a role (applicant, evaluator, manager, admin, auditor)"))
}

fn parse_language(text: &str) -> Result<Language, String> {
    text.parse().map_err(|_| format!("`{text}` is not a language (en, fr)"))
}

fn parse_org_type(text: &str) -> Result<OrganisationType, String> {
    text.parse().map_err(|_| format!("`{text}` is not an organisation type (local_authority, civil_society, diaspora)"))
}

/// Parses the command line and runs the command.
pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Workflow { lifecycle, markdown } => {
            let text = match (markdown, lifecycle) {
                (true, _) => workflow_document(),
                (false, Lifecycle::Application) => mermaid::<ApplicationMachine>(),
                (false, Lifecycle::Call) => mermaid::<CallMachine>(),
            };
            print!("{text}");
            Ok(())
        }
        Command::Serve => {
            let settings = Settings::load(&cli.config_dir)?;
            telemetry::init(&settings.log);
            serve(&cli.config_dir, settings).await
        }
        Command::Migrate => {
            let settings = Settings::load(&cli.config_dir)?;
            telemetry::init(&settings.log);
            open_store(&cli.config_dir, &settings).await?.migrate().await.context("applying migrations")?;
            eprintln!("migrations applied");
            Ok(())
        }
        Command::User(UserCommand::Add(args)) => {
            let settings = Settings::load(&cli.config_dir)?;
            let store = open_store(&cli.config_dir, &settings).await?;
            store.migrate().await.context("applying migrations")?;
            let days = args.token_days.unwrap_or(settings.limits.token_lifetime_days);
            add_user(&store, args, days).await
        }
        Command::User(UserCommand::Deactivate { email }) => {
            let settings = Settings::load(&cli.config_dir)?;
            let store = open_store(&cli.config_dir, &settings).await?;
            store.migrate().await.context("applying migrations")?;
            let user = store.user_by_email(&email).await?.with_context(|| format!("no user has the email {email}"))?;
            store.deactivate_person(user.id, None, chrono::Utc::now()).await.context("deactivating")?;
            eprintln!("{email} deactivated");
            Ok(())
        }
        Command::Token(command) => {
            let settings = Settings::load(&cli.config_dir)?;
            let store = open_store(&cli.config_dir, &settings).await?;
            store.migrate().await.context("applying migrations")?;
            crate::token_cli::run(&store, command, settings.limits.token_lifetime_days).await
        }
        Command::SeedDemo => {
            let settings = Settings::load(&cli.config_dir)?;
            let store = open_store(&cli.config_dir, &settings).await?;
            store.migrate().await.context("applying migrations")?;
            seed::run(&store, Utc::now()).await
        }
        Command::Backup { to } => {
            let settings = Settings::load(&cli.config_dir)?;
            let manifest = backup::backup(&cli.config_dir, &settings, &to).await?;
            eprintln!(
                "backed up the {} database and {} stored files into {}",
                manifest.database,
                manifest.blobs.len(),
                to.display()
            );
            Ok(())
        }
        Command::Restore { from } => {
            let settings = Settings::load(&cli.config_dir)?;
            let manifest = backup::restore(&cli.config_dir, &settings, &from).await?;
            eprintln!(
                "restored the {} database of {} and {} stored files from {}",
                manifest.database,
                manifest.created_at.to_rfc3339(),
                manifest.blobs.len(),
                from.display()
            );
            Ok(())
        }
    }
}

async fn add_user(store: &grants_store::Store, args: UserAdd, token_days: i64) -> anyhow::Result<()> {
    if !(1..=grants_store::api_tokens::MAX_LIFETIME_DAYS).contains(&token_days) {
        anyhow::bail!("--token-days must be between 1 and {}", grants_store::api_tokens::MAX_LIFETIME_DAYS);
    }
    let now = Utc::now();
    let organisation = match &args.organisation {
        None => None,
        Some(name) => Some(find_or_create_organisation(store, name, &args).await?),
    };
    let user = store
        .create_user(
            NewUser {
                email: args.email,
                display_name: args.name,
                language: args.language,
                roles: args.roles,
                organisation_id: organisation.as_ref().map(|o| o.id),
                country: args.country.clone(),
            },
            now,
        )
        .await?;
    let (token, record) =
        store.issue_token(user.id, &args.token_label, now, now + chrono::Duration::days(token_days)).await?;
    let roles: Vec<String> = user.roles.iter().map(ToString::to_string).collect();
    eprintln!(
        "created user #{} <{}> ({}){}",
        user.id,
        user.email,
        roles.join(", "),
        organisation.map(|o| format!(" in {}", o.name)).unwrap_or_default()
    );
    eprintln!("API token #{} (shown once, keep it secret; works until {}):", record.id, record.expires_at.to_rfc3339());
    println!("{token}");
    Ok(())
}

async fn find_or_create_organisation(
    store: &grants_store::Store,
    name: &str,
    args: &UserAdd,
) -> anyhow::Result<grants_store::Organisation> {
    if let Some(existing) = store.organisation_by_name(name).await? {
        return Ok(existing);
    }
    let country = args.country.clone().context("a new organisation needs --country")?;
    let org_type = args.org_type.context("a new organisation needs --org-type")?;
    Ok(store.create_organisation(NewOrganisation { name: name.to_owned(), country, org_type }, Utc::now()).await?)
}
