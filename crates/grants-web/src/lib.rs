//! HTTP layer: the JSON API under /api/v1, health endpoints, errors and authentication.
