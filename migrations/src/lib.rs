//! The database schema, as sea-orm migrations: the only way any table is created.
