//! What backups and restores need from the database: a consistent online copy of an SQLite
//! database, whether a database is empty, and the blob keys rows name.

use std::path::Path;

use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, Statement};

use crate::blob_sweep::BLOB_COLUMNS;
use crate::{Backend, Store, StoreError};

impl Store {
    /// Writes a consistent copy of the SQLite database to `target` (`VACUUM INTO`) while the
    /// service keeps running. Refused on PostgreSQL, whose backups go through `pg_dump`.
    pub async fn snapshot_sqlite(&self, target: &Path) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Database(sea_orm::DbErr::Custom("VACUUM INTO is for SQLite".into())));
        }
        let path = target.to_string_lossy().replace('\'', "''");
        self.db.execute_unprepared(&format!("VACUUM INTO '{path}'")).await?;
        Ok(())
    }

    /// True when the database holds no table at all (a restore goes only into such a database).
    pub async fn is_empty_database(&self) -> Result<bool, StoreError> {
        let sql = match self.backend() {
            Backend::Sqlite => "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'",
            Backend::Postgres => {
                "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
            }
        };
        let backend = self.db.get_database_backend();
        let row = self.db.query_one_raw(Statement::from_string(backend, sql)).await?;
        let tables: i64 = match row {
            Some(row) => row.try_get("", "n")?,
            None => 0,
        };
        Ok(tables == 0)
    }

    /// Every blob key some row names, in no particular order.
    pub async fn named_blob_keys(&self) -> Result<Vec<String>, StoreError> {
        let mut keys = Vec::new();
        for (table, column) in BLOB_COLUMNS {
            let query = Query::select().column(Alias::new(*column)).from(Alias::new(*table)).to_owned();
            let statement = self.db.get_database_backend().build(&query);
            for row in self.db.query_all_raw(statement).await? {
                keys.push(row.try_get::<String>("", column)?);
            }
        }
        Ok(keys)
    }
}
