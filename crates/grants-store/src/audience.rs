//! Turns the audiences a table row names into the people who receive the email.

use grants_domain::{Language, Role};
use grants_workflow::Audience;
use sea_orm::{ConnectionTrait, DbBackend, FromQueryResult, Statement};

use crate::StoreError;

/// Someone an email goes to.
#[derive(Debug, Clone, FromQueryResult)]
pub(crate) struct Recipient {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub language: String,
}

impl Recipient {
    pub fn language(&self) -> Language {
        self.language.parse().unwrap_or_default()
    }
}

/// What the audience is resolved against.
pub(crate) struct AudienceScope {
    pub organisation: Option<i64>,
    pub call: i64,
    pub application: Option<i64>,
}

pub(crate) async fn resolve(
    db: &impl ConnectionTrait,
    audience: Audience,
    scope: &AudienceScope,
) -> Result<Vec<Recipient>, StoreError> {
    let backend = db.get_database_backend();
    let placeholder = |n: usize| if backend == DbBackend::Postgres { format!("${n}") } else { "?".to_owned() };
    let applicant = Role::Applicant.to_string();
    let (sql, values): (String, Vec<sea_orm::Value>) = match audience {
        Audience::Applicant => match scope.organisation {
            Some(organisation_id) => (
                format!(
                    "SELECT u.id, u.email, u.display_name, u.language FROM users u \
                     JOIN memberships m ON m.user_id = u.id \
                     JOIN user_roles r ON r.user_id = u.id AND r.role = {} \
                     WHERE m.organisation_id = {} ORDER BY u.id",
                    placeholder(1),
                    placeholder(2)
                ),
                vec![applicant.into(), organisation_id.into()],
            ),
            None => return Ok(Vec::new()),
        },
        Audience::Managers => (
            format!(
                "SELECT u.id, u.email, u.display_name, u.language FROM users u \
                 JOIN user_roles r ON r.user_id = u.id WHERE r.role = {} ORDER BY u.id",
                placeholder(1)
            ),
            vec![Role::Manager.to_string().into()],
        ),
        Audience::Evaluators => match scope.application {
            Some(application_id) => (
                format!(
                    "SELECT u.id, u.email, u.display_name, u.language FROM users u \
                     JOIN assignments a ON a.evaluator_id = u.id \
                     WHERE a.application_id = {} AND a.status IN ('assigned', 'declared') ORDER BY u.id",
                    placeholder(1)
                ),
                vec![application_id.into()],
            ),
            None => return Ok(Vec::new()),
        },
        Audience::CallApplicants => (
            format!(
                "SELECT DISTINCT u.id, u.email, u.display_name, u.language FROM users u \
                 JOIN memberships m ON m.user_id = u.id \
                 JOIN user_roles r ON r.user_id = u.id AND r.role = {} \
                 JOIN applications a ON a.organisation_id = m.organisation_id \
                 WHERE a.call_id = {} AND a.state <> 'draft' ORDER BY u.id",
                placeholder(1),
                placeholder(2)
            ),
            vec![applicant.into(), scope.call.into()],
        ),
    };
    Ok(Recipient::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(db).await?)
}
