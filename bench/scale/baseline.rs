//! The baselines measured in the same run, on the same database:
//!
//! - for writes, a raw transaction doing the writes of a transition (UPDATE the application, INSERT the
//!   workflow event, INSERT the outbox row), on a pool opened with the service's own settings (on SQLite
//!   the same pragmas and `BEGIN IMMEDIATE`), with the same concurrency;
//! - for reads, the very statements the service runs for a request, recorded by serving the same request
//!   from the same code in this process with a store that hands over every statement, then replayed raw.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;
use grants_store::Store;
use grants_web::{SystemClock, WebSettings};
use reqwest::Method;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait, Value,
};
use serde_json::json;

use crate::client::{Auth, Client, Timings, median_ms, timed_all};

/// A pool on `url` opened the way the store opens it (on SQLite: WAL, `synchronous = NORMAL`, a busy
/// timeout and foreign keys).
pub async fn raw_pool(url: &str, connections: usize) -> DatabaseConnection {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(u32::try_from(connections).unwrap_or(16))
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    Database::connect(options).await.expect("a raw pool on the bench database")
}

/// Gathers the planner's statistics (`ANALYZE`) of the whole database.
pub async fn analyze(url: &str) {
    let db = raw_pool(url, 1).await;
    db.execute_unprepared("ANALYZE").await.expect("ANALYZE");
    db.close().await.ok();
}

/// `sql` with `$1, $2…` placeholders, written as `?` for SQLite (each placeholder used once, in order).
fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Sqlite {
        let mut out = String::with_capacity(sql.len());
        let mut chars = sql.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '$' {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                out.push('?');
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_owned()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// The writes of one transition on application `id`, in one transaction.
async fn transition_writes(db: &DatabaseConnection, id: i64, actor: i64, payload: &str) -> Result<(), sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    let txn = db.begin_with_options(options).await?;
    let now = Utc::now();
    txn.execute_raw(statement(
        backend,
        "UPDATE applications SET version = version + 1, updated_at = $1 WHERE id = $2",
        vec![now.into(), id.into()],
    ))
    .await?;
    let event = txn
        .query_one_raw(statement(
            backend,
            "INSERT INTO workflow_events (subject_kind, subject_id, action, from_state, to_state, actor_user_id, \
             actor_role, reason, payload, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            vec![
                "application".into(),
                id.into(),
                "bench".into(),
                "under_review".into(),
                "under_review".into(),
                actor.into(),
                "manager".into(),
                Value::String(None),
                "{\"payload\":{}}".into(),
                now.into(),
            ],
        ))
        .await?
        .ok_or_else(|| sea_orm::DbErr::Custom("no event id".into()))?;
    let event_id: i64 = event.try_get_by_index(0)?;
    txn.execute_raw(statement(
        backend,
        "INSERT INTO outbox (event_id, template, recipient_user_id, recipient_email, recipient_language, payload, \
         status, attempts, next_attempt_at, created_at, priority) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        vec![
            event_id.into(),
            "bench_notice".into(),
            actor.into(),
            "manager@example.org".into(),
            "en".into(),
            payload.into(),
            "sent".into(),
            0_i32.into(),
            now.into(),
            now.into(),
            1_i16.into(),
        ],
    ))
    .await?;
    txn.commit().await
}

/// The raw transition writes on each of `ids`, `concurrency` at a time, as user `actor`. The outbox rows
/// carry a real outbox payload of this run and are written as sent, so nothing would deliver them.
pub async fn raw_writes(db: &DatabaseConnection, ids: &[i64], actor: i64, concurrency: usize) -> Timings {
    let sample = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT payload FROM outbox ORDER BY id DESC LIMIT 1",
        ))
        .await
        .ok()
        .flatten()
        .and_then(|row| row.try_get_by_index::<String>(0).ok())
        .unwrap_or_else(|| json!({ "application": { "title": "Jeunes en mouvement" } }).to_string());
    let payload = sample.as_str();
    timed_all(ids.to_vec(), concurrency, |id| async move { transition_writes(db, id, actor, payload).await.is_ok() })
        .await
}

/// The same code as the service, served in this process on the bench database with a store that keeps
/// every statement it runs.
pub struct Recorder {
    seen: Arc<Mutex<Vec<Statement>>>,
    client: Client,
}

impl Recorder {
    pub async fn start(store: &Store) -> Recorder {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&seen);
        let store = store.clone().watching_statements(move |info| {
            keep.lock().unwrap_or_else(PoisonError::into_inner).push(info.statement.clone());
        });
        let state = grants_web::AppState::new(store, Arc::new(SystemClock), WebSettings::default())
            .expect("the page templates compile");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for the recorder");
        let address = format!("http://{}", listener.local_addr().expect("the bound address"));
        tokio::spawn(async move {
            let settings = grants_web::serving::ServeSettings::default();
            grants_web::serving::serve(listener, grants_web::router(state), settings, std::future::pending())
                .await
                .expect("serving the recorder");
        });
        Recorder { seen, client: Client::new(&address, 1) }
    }

    /// The statements run to answer `method path` as `auth` (the request must succeed), and the answer.
    pub async fn statements(
        &self,
        method: Method,
        auth: &Auth,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (Vec<Statement>, serde_json::Value) {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).clear();
        let (status, answer) = self.client.try_call(method, auth, path, body).await;
        assert!(status.is_success(), "recording {path}: {status} {answer}");
        (std::mem::take(&mut *self.seen.lock().unwrap_or_else(PoisonError::into_inner)), answer)
    }
}

/// Runs `statements` one after another on `db`; whether they all worked.
pub async fn replay(db: &DatabaseConnection, statements: &[Statement]) -> bool {
    for statement in statements {
        if db.query_all_raw(statement.clone()).await.is_err() {
            return false;
        }
    }
    true
}

/// The median time of `repeats` sequential replays of `statements`, ms.
pub async fn replay_ms(db: &DatabaseConnection, statements: &[Statement], repeats: usize) -> f64 {
    let mut samples = Vec::new();
    for _ in 0..repeats {
        let started = Instant::now();
        replay(db, statements).await;
        samples.push(started.elapsed());
    }
    median_ms(samples)
}

/// The slowest of `statements` on `db` run one by one: its time in ms and the start of its SQL.
pub async fn slowest(db: &DatabaseConnection, statements: &[Statement]) -> (f64, String) {
    let mut worst = (0.0, String::new());
    for statement in statements {
        let started = Instant::now();
        let _ = db.query_all_raw(statement.clone()).await;
        let took = crate::client::ms(started.elapsed());
        if took > worst.0 {
            worst = (took, statement.sql.chars().take(160).collect());
        }
    }
    worst
}

/// `count` replays of `statements`, `concurrency` at a time.
pub async fn replay_load(
    db: &DatabaseConnection,
    statements: &[Statement],
    count: usize,
    concurrency: usize,
) -> Timings {
    timed_all(vec![(); count], concurrency, |()| replay(db, statements)).await
}
