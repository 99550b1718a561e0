//! The transition tables as JSON, for clients that draw buttons or diagrams.

use axum::Json;
use grants_workflow::{ApplicationMachine, CallMachine, Machine, is_final};
use serde_json::{Value, json};
use strum::IntoEnumIterator;

use crate::auth::CurrentUser;

fn machine<M: Machine>() -> Value {
    json!({
        "initial": M::INITIAL.as_ref(),
        "states": M::State::iter().map(|s| json!({ "name": s.as_ref(), "final": is_final::<M>(s) })).collect::<Vec<_>>(),
        "actions": M::Action::iter().map(|a| a.as_ref().to_owned()).collect::<Vec<_>>(),
        "transitions": M::table(),
    })
}

/// Both transition tables: states, actions, and per row the roles, guards and emails.
#[utoipa::path(get, path = "/api/v1/workflow", tag = "workflow", security(("bearer" = [])), responses(
    (status = 200, description = "the application and call tables"),
    (status = 401, body = crate::error::ErrorBody),
))]
pub async fn tables(_user: CurrentUser) -> Json<Value> {
    Json(json!({ "application": machine::<ApplicationMachine>(), "call": machine::<CallMachine>() }))
}
