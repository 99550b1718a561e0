//! The orphan sweep removes every stored file no row names. A table that names files in a column it
//! forgot to list in `BLOB_COLUMNS` would lose them a day later: this test reads the real schema
//! and fails first.

use grants_store::blob_sweep::BLOB_COLUMNS;
use grants_testkit::{Backend, TestDb};
use sea_orm::{ConnectionTrait, Database, Statement};

/// The sweep's own register names files too, but never keeps them.
const SWEEP_REGISTER: (&str, &str) = ("blob_orphans", "storage_key");

#[tokio::test]
async fn every_column_naming_stored_files_is_known_to_the_sweep() {
    let db = TestDb::create(Backend::Sqlite).await;
    let connection = Database::connect(&db.url).await.unwrap();
    let backend = connection.get_database_backend();
    let sql = "SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m \
               JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%storage_key'";
    let rows = connection.query_all_raw(Statement::from_string(backend, sql)).await.unwrap();
    let found: Vec<(String, String)> =
        rows.iter().map(|r| (r.try_get("", "table_name").unwrap(), r.try_get("", "column_name").unwrap())).collect();
    assert!(found.iter().any(|(t, _)| t == "attachments"), "the schema was read: {found:?}");
    for (table, column) in &found {
        let known = BLOB_COLUMNS.contains(&(table.as_str(), column.as_str()))
            || (table.as_str(), column.as_str()) == SWEEP_REGISTER;
        assert!(known, "{table}.{column} names stored files: add it to blob_sweep::BLOB_COLUMNS");
    }
    connection.close().await.ok();
    db.remove().await;
}
