//! Account forms answer in the same time whatever the address typed: the work is done, then the answer
//! waits until a fixed time has passed since the request arrived.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

/// Runs `work` and returns its result no sooner than `floor` after the start.
pub async fn answer_after<T>(floor: Duration, work: impl Future<Output = T>) -> T {
    let started = Instant::now();
    let result = work.await;
    tokio::time::sleep_until(started + floor).await;
    result
}
