//! Timing reads over HTTP: one page or report read alone (first byte, whole, bytes on the wire), or a
//! page read many times at once (requests per second, p50, p99).

use std::time::{Duration, Instant};

use futures::StreamExt;
use reqwest::Method;

use crate::client::{Auth, Client, Timings, median_ms, timed_all};

/// What browsers accept; the service compresses large bodies for them.
const ACCEPT_ENCODING: (&str, &str) = ("accept-encoding", "br, gzip");

/// Reads of one thing, one after another.
#[derive(Debug, Clone)]
pub struct Single {
    /// Median time to the first byte of the body, ms.
    pub first_byte_ms: f64,
    /// Median time to the whole body, ms.
    pub whole_ms: f64,
    /// Bytes on the wire (compressed when the service compresses).
    pub bytes: usize,
    /// The status of the last read.
    pub status: u16,
}

/// Reads `path` as `auth` `repeats` times, one at a time.
pub async fn single(client: &Client, auth: &Auth, path: &str, repeats: usize) -> Single {
    let mut first = Vec::new();
    let mut whole = Vec::new();
    let mut bytes = 0;
    let mut status = 0;
    for _ in 0..repeats {
        let started = Instant::now();
        let response = client
            .request(Method::GET, auth, path)
            .header(ACCEPT_ENCODING.0, ACCEPT_ENCODING.1)
            .send()
            .await
            .expect("the service answers");
        status = response.status().as_u16();
        let mut body = response.bytes_stream();
        let mut size = 0;
        let mut first_at: Option<Duration> = None;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.expect("a readable body");
            if first_at.is_none() {
                first_at = Some(started.elapsed());
            }
            size += chunk.len();
        }
        whole.push(started.elapsed());
        first.push(first_at.unwrap_or_else(|| started.elapsed()));
        bytes = size;
    }
    Single { first_byte_ms: median_ms(first), whole_ms: median_ms(whole), bytes, status }
}

/// Reads `path` as `auth` `count` times, `concurrency` at a time.
pub async fn load(client: &Client, auth: &Auth, path: &str, count: usize, concurrency: usize) -> Timings {
    timed_all(vec![(); count], concurrency, |()| async move {
        let request = client.request(Method::GET, auth, path).header(ACCEPT_ENCODING.0, ACCEPT_ENCODING.1);
        let Ok(response) = request.send().await else { return false };
        let ok = response.status().is_success();
        ok && response.bytes().await.is_ok()
    })
    .await
}
