//! People administration for admins: the staff list with a search, inviting someone by email, and a
//! person's page (roles, language, country, deactivation, API tokens). Refusals re-render the form with
//! the reason beside the field and what was typed (422).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, NaiveDate};
use grants_domain::{FieldError, Language, Role};
use grants_store::people::{Person, PersonChange, STAFF_ROLES};
use grants_store::users::NewUser;
use grants_store::{StoreError, User};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Admins, Posted, SignedIn};
use super::session::Visitor;
use super::{confirm, context, done, failure_page, page};
use crate::{AppError, AppState};

/// The longest an API token made here may live.
const TOKEN_MAX_DAYS: i64 = 365;
/// The expiry offered for a new token.
const TOKEN_DEFAULT_DAYS: i64 = 90;

/// `?q=` of the people list.
#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    q: Option<String>,
}

type Fields = Vec<(String, String)>;

/// Every field a refusal may name on these pages (the templates read each, strict mode).
const FIELDS: [&str; 8] =
    ["display_name", "email", "roles", "country", "expertise", "state", "token_name", "token_expires"];

fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.trim())
}

fn roles_of(fields: &[(String, String)]) -> Vec<Role> {
    STAFF_ROLES.iter().copied().filter(|r| fields.iter().any(|(n, v)| n == "roles" && *v == r.to_string())).collect()
}

fn country_of(fields: &[(String, String)]) -> Option<String> {
    Some(value(fields, "country").to_uppercase()).filter(|c| !c.is_empty())
}

fn failed(state: &AppState, visitor: &Visitor, err: StoreError) -> Response {
    failure_page(state, visitor, &AppError::from(err))
}

/// Each field error as `{field: message}` in the reader's language, plus the summary list.
fn explained(state: &AppState, visitor: &Visitor, errors: &[FieldError]) -> (Value, Vec<Value>) {
    let mut by_field: serde_json::Map<String, Value> = FIELDS.iter().map(|f| ((*f).to_owned(), Value::Null)).collect();
    let mut summary = Vec::new();
    for error in errors {
        let field = error.field.trim_start_matches('/').to_owned();
        let text = state.pages.text(visitor.lang, &format!("people_error_{}", error.code));
        summary.push(json!({ "field": field, "message": text }));
        if by_field.get(&field).is_none_or(Value::is_null) {
            by_field.insert(field, json!(text));
        }
    }
    (Value::Object(by_field), summary)
}

fn role_boxes(state: &AppState, visitor: &Visitor, chosen: &[Role]) -> Vec<Value> {
    STAFF_ROLES
        .iter()
        .map(|r| {
            let label = state.pages.text(visitor.lang, &format!("people_role_{r}"));
            json!({ "value": r.to_string(), "label": label, "checked": chosen.contains(r) })
        })
        .collect()
}

/// The programme's countries by name in the reader's language, `chosen` selected.
fn countries(state: &AppState, visitor: &Visitor, chosen: &str) -> Vec<Value> {
    state
        .store
        .programme()
        .countries_by_name(visitor.lang)
        .into_iter()
        .map(|c| json!({ "value": c.code, "label": c.label(visitor.lang), "selected": c.code == chosen }))
        .collect()
}

/// The programme's JVAP domains as boxes, those in `chosen` ticked.
fn expertise_boxes(state: &AppState, visitor: &Visitor, chosen: &[String]) -> Vec<Value> {
    state
        .store
        .programme()
        .jvap_domains
        .iter()
        .map(|d| json!({ "value": d.code, "label": d.label(visitor.lang), "checked": chosen.contains(&d.code) }))
        .collect()
}

/// The domains ticked on a posted form.
fn expertise_of(fields: &Fields) -> Vec<String> {
    fields.iter().filter(|(k, _)| k == "expertise").map(|(_, v)| v.clone()).collect()
}

fn summary_row(state: &AppState, visitor: &Visitor, person: &Person) -> Value {
    let roles: Vec<String> = person
        .user
        .roles
        .iter()
        .filter(|r| STAFF_ROLES.contains(r))
        .map(|r| state.pages.text(visitor.lang, &format!("people_role_{r}")))
        .collect();
    json!({
        "id": person.user.id,
        "name": person.user.display_name,
        "email": person.user.email,
        "roles": roles.join(", "),
        "language": person.user.language.text("language-name", &[]),
        "country": person.user.country,
        "state": person.state.as_str(),
        "state_label": state.pages.text(visitor.lang, &format!("people_state_{}", person.state.as_str())),
    })
}

/// `/admin/people`: everyone with a staff role, searchable by name or email.
pub async fn list(
    State(state): State<AppState>,
    signed: SignedIn<Admins>,
    Query(query): Query<PeopleQuery>,
) -> Response {
    let visitor = &signed.visitor;
    let q = query.q.unwrap_or_default();
    let people = match state.store.staff(&q).await {
        Ok(people) => people,
        Err(err) => return failed(&state, visitor, err),
    };
    let rows: Vec<Value> = people.iter().map(|p| summary_row(&state, visitor, p)).collect();
    let ctx = context(&state, visitor, "title_people", json!({ "q": q, "people": rows, "count": rows.len() }));
    page(&state, StatusCode::OK, "people", ctx)
}

fn invite_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    typed: &Fields,
    errors: &[FieldError],
) -> Response {
    let (field_errors, summary) = explained(state, visitor, errors);
    let language = match value(typed, "language") {
        "" => visitor.lang.to_string(),
        chosen => chosen.to_owned(),
    };
    let ctx = context(
        state,
        visitor,
        "title_people_invite",
        json!({
            "typed": { "display_name": value(typed, "display_name"), "email": value(typed, "email") },
            "countries": countries(state, visitor, value(typed, "country")),
            "roles": role_boxes(state, visitor, &roles_of(typed)),
            "chosen_language": language,
            "field_errors": field_errors,
            "errors": summary,
        }),
    );
    page(state, status, "people_invite", ctx)
}

/// The invitation form.
pub async fn invite_form(State(state): State<AppState>, signed: SignedIn<Admins>) -> Response {
    invite_page(&state, &signed.visitor, StatusCode::OK, &Vec::new(), &[])
}

/// Creates the account and queues the invitation email; back to the person's page.
pub async fn invite(State(state): State<AppState>, posted: Posted<Fields, Admins>) -> Response {
    let visitor = &posted.visitor;
    let fields = &posted.fields;
    let new = NewUser {
        email: value(fields, "email").to_owned(),
        display_name: value(fields, "display_name").to_owned(),
        language: value(fields, "language").parse().unwrap_or(visitor.lang),
        roles: roles_of(fields),
        organisation_id: None,
        country: country_of(fields),
    };
    match state.store.invite_person(new, posted.user.id, state.clock.now()).await {
        Ok(user) => done(&state, &format!("/admin/people/{}", user.id), "person_invited"),
        Err(StoreError::Validation(errors)) => {
            invite_page(&state, visitor, StatusCode::UNPROCESSABLE_ENTITY, fields, &errors.errors)
        }
        Err(err) => failed(&state, visitor, err),
    }
}

/// What the person page shows beyond the person: what was typed, errors, a token shown once.
#[derive(Default)]
struct Shown<'a> {
    typed: Option<&'a Fields>,
    errors: &'a [FieldError],
    new_token: Option<String>,
}

async fn person_page(state: &AppState, visitor: &Visitor, id: i64, status: StatusCode, shown: Shown<'_>) -> Response {
    let person = match state.store.person(id).await {
        Ok(person) => person,
        Err(err) => return failed(state, visitor, err),
    };
    let tokens = match state.store.api_tokens(id).await {
        Ok(tokens) => tokens,
        Err(err) => return failed(state, visitor, err),
    };
    let now = state.clock.now();
    let day = |at: chrono::DateTime<chrono::Utc>| super::format::utc_time(at, visitor.lang);
    let tokens: Vec<Value> = tokens
        .iter()
        .map(|t| {
            json!({
                "id": t.id, "name": t.label, "created": day(t.created_at), "expires": day(t.expires_at),
                "last_used": t.last_used_at.map(day), "revoked": t.revoked_at.map(day), "active": t.is_active(now),
            })
        })
        .collect();
    let (field_errors, summary) = explained(state, visitor, shown.errors);
    let user: &User = &person.user;
    let (roles, language, country, expertise, token_name, token_expires) = match shown.typed {
        Some(typed) => (
            roles_of(typed),
            value(typed, "language").to_owned(),
            value(typed, "country").to_owned(),
            expertise_of(typed),
            value(typed, "token_name").to_owned(),
            value(typed, "token_expires").to_owned(),
        ),
        None => (
            user.roles.clone(),
            user.language.to_string(),
            user.country.clone().unwrap_or_default(),
            user.expertise.clone(),
            String::new(),
            (now + Duration::days(TOKEN_DEFAULT_DAYS)).format("%Y-%m-%d").to_string(),
        ),
    };
    let ctx = context(
        state,
        visitor,
        "title_person",
        json!({
            "person": summary_row(state, visitor, &person),
            "deactivated": person.state == grants_store::people::PersonState::Deactivated,
            "roles": role_boxes(state, visitor, &roles),
            "chosen_language": language,
            "typed": { "token_name": token_name, "token_expires": token_expires },
            "countries": countries(state, visitor, &country),
            "expertise": expertise_boxes(state, visitor, &expertise),
            "tokens": tokens,
            "new_token": shown.new_token,
            "field_errors": field_errors,
            "errors": summary,
        }),
    );
    page(state, status, "person", ctx)
}

/// A person's page.
pub async fn show(State(state): State<AppState>, signed: SignedIn<Admins>, Path(id): Path<i64>) -> Response {
    person_page(&state, &signed.visitor, id, StatusCode::OK, Shown::default()).await
}

/// Stores the roles, language and country of a person.
pub async fn update(State(state): State<AppState>, Path(id): Path<i64>, posted: Posted<Fields, Admins>) -> Response {
    let visitor = &posted.visitor;
    let fields = &posted.fields;
    let Ok(language) = value(fields, "language").parse::<Language>() else {
        return failure_page(&state, visitor, &AppError::from(StoreError::NotFound("language")));
    };
    let change = PersonChange {
        roles: roles_of(fields),
        language,
        country: country_of(fields),
        expertise: expertise_of(fields),
    };
    match state.store.change_person(id, change, posted.user.id, state.clock.now()).await {
        Ok(_) => done(&state, &format!("/admin/people/{id}"), "person_saved"),
        Err(StoreError::Validation(errors)) => {
            let shown = Shown { typed: Some(fields), errors: &errors.errors, new_token: None };
            person_page(&state, visitor, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await
        }
        Err(err) => failed(&state, visitor, err),
    }
}

/// Deactivates (`/deactivate`) or reactivates (`/reactivate`) a person, asked twice.
pub async fn set_access(
    State(state): State<AppState>,
    Path((id, action)): Path<(i64, String)>,
    posted: Posted<Fields, Admins>,
) -> Response {
    let visitor = &posted.visitor;
    let person = match state.store.person(id).await {
        Ok(person) => person,
        Err(err) => return failed(&state, visitor, err),
    };
    if !matches!(action.as_str(), "deactivate" | "reactivate") {
        return failed(&state, visitor, StoreError::NotFound("action"));
    }
    if !confirm::confirmed(&posted.fields) {
        let question = confirm::Question {
            label_key: format!("people_{action}"),
            on: ("person", action.clone()),
            subject: format!("{} <{}>", person.user.display_name, person.user.email),
            back: format!("/admin/people/{id}"),
            fields: &posted.fields,
        };
        return confirm::ask(&state, visitor, &question);
    }
    let now = state.clock.now();
    let result = if action == "deactivate" {
        state.store.deactivate_person(id, Some(posted.user.id), now).await
    } else {
        state.store.reactivate_person(id, posted.user.id, now).await
    };
    match result {
        Ok(_) => done(&state, &format!("/admin/people/{id}"), &format!("person_{action}d")),
        Err(StoreError::Validation(errors)) => {
            let shown = Shown { typed: None, errors: &errors.errors, new_token: None };
            person_page(&state, visitor, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await
        }
        Err(err) => failed(&state, visitor, err),
    }
}

/// Issues an API token for the person (a name, an expiry within a year); shown once on the page.
pub async fn create_token(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<Fields, Admins>,
) -> Response {
    let visitor = &posted.visitor;
    let fields = &posted.fields;
    let now = state.clock.now();
    let mut errors = Vec::new();
    let name = value(fields, "token_name");
    if name.is_empty() {
        errors.push(FieldError { field: "/token_name".into(), code: "required", message: String::new() });
    }
    let expires = NaiveDate::parse_from_str(value(fields, "token_expires"), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(23, 59, 59))
        .map(|d| d.and_utc());
    match expires {
        None => {
            errors.push(FieldError { field: "/token_expires".into(), code: "invalid_date", message: String::new() });
        }
        Some(at) if at <= now || at > now + Duration::days(TOKEN_MAX_DAYS) => {
            errors.push(FieldError { field: "/token_expires".into(), code: "token_expiry", message: String::new() });
        }
        Some(_) => {}
    }
    if let (true, Some(expires_at)) = (errors.is_empty(), expires) {
        if let Err(err) = state.store.person(id).await {
            return failed(&state, visitor, err);
        }
        return match state.store.issue_token(id, name, now, expires_at).await {
            Ok((secret, token)) => {
                let payload = json!({ "token_id": token.id, "name": token.label, "expires_at": token.expires_at });
                if let Err(err) =
                    state.store.record_person_action(id, "issue_token", posted.user.id, &payload, now).await
                {
                    return failed(&state, visitor, err);
                }
                let shown = Shown { typed: None, errors: &[], new_token: Some(secret) };
                person_page(&state, visitor, id, StatusCode::OK, shown).await
            }
            Err(err) => failed(&state, visitor, err),
        };
    }
    let shown = Shown { typed: Some(fields), errors: &errors, new_token: None };
    person_page(&state, visitor, id, StatusCode::UNPROCESSABLE_ENTITY, shown).await
}

/// Revokes one of the person's API tokens.
pub async fn revoke_token(
    State(state): State<AppState>,
    Path((id, token_id)): Path<(i64, i64)>,
    posted: Posted<Fields, Admins>,
) -> Response {
    let visitor = &posted.visitor;
    match state.store.api_token(token_id).await {
        Ok(token) if token.user_id == id => {}
        Ok(_) => return failed(&state, visitor, StoreError::NotFound("token")),
        Err(err) => return failed(&state, visitor, err),
    }
    let now = state.clock.now();
    if let Err(err) = state.store.revoke_token(token_id, now).await {
        return failed(&state, visitor, err);
    }
    let payload = json!({ "token_id": token_id });
    match state.store.record_person_action(id, "revoke_token", posted.user.id, &payload, now).await {
        Ok(()) => done(&state, &format!("/admin/people/{id}"), "person_token_revoked"),
        Err(err) => failed(&state, visitor, err),
    }
}
