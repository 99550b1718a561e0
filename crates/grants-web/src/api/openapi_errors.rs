//! The errors every API route can answer, added to the OpenAPI document so it tells clients (and
//! schema fuzzers) the whole truth: every route may be refused as malformed (400), unauthenticated (401),
//! forbidden (403), rate-limited (429) or shed while busy or while the database is away (503); routes
//! naming a record may not find it (404); routes that write may conflict (409), be too large (413), be
//! sent the wrong media type (415) or be invalid (422). A route's own, more specific description stays.

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

/// Adds the standard error responses to every `/api/v1` operation.
pub struct StandardErrors;

fn add(operation: &mut Operation, status: &str, description: &str) {
    if operation.responses.responses.contains_key(status) {
        return;
    }
    let response = ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
        .build();
    operation.responses.responses.insert(status.to_owned(), response.into());
}

impl Modify for StandardErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in &mut openapi.paths.paths {
            if !path.starts_with("/api/v1/") {
                continue;
            }
            let has_path_parameter = path.contains('{');
            let operations = [
                (&mut item.get, false),
                (&mut item.post, true),
                (&mut item.put, true),
                (&mut item.patch, true),
                (&mut item.delete, true),
            ];
            for (operation, writes) in operations {
                let Some(operation) = operation.as_mut() else { continue };
                add(operation, "400", "malformed path, query or body");
                add(operation, "401", "no valid API token");
                add(operation, "403", "your roles or the record's rules do not allow it");
                add(operation, "429", "too many requests from this client or account; see Retry-After");
                add(operation, "503", "busy, or the database is unreachable; see Retry-After");
                let names_a_record = has_path_parameter
                    || operation
                        .parameters
                        .as_ref()
                        .is_some_and(|p| p.iter().any(|p| p.parameter_in == ParameterIn::Path));
                if names_a_record {
                    add(operation, "404", "absent, or not yours to see");
                }
                if writes {
                    add(operation, "409", "not allowed in the record's current state, or a stale version");
                    add(operation, "413", "the body is too large");
                    add(operation, "415", "the body is not of the media type documented");
                    add(operation, "422", "the body is understood but invalid");
                }
            }
        }
    }
}
