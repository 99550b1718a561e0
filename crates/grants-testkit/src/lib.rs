//! Test harness: a fresh database per test on SQLite or PostgreSQL and the real app on a random port.
