//! Outbox claims as compare-and-set on the claim's token: once another worker has taken a message over,
//! the first worker can neither renew, record nor hand it back; a message handed back is pending at once
//! with its attempt not counted.

use chrono::{Duration, Utc};
use grants_testkit::outbox_fill::queue_notices;
use grants_testkit::{TestApp, db_test};

db_test!(
    async fn a_claim_taken_over_after_its_lease_can_no_longer_touch_the_messages(app: TestApp) {
        queue_notices(&app.db.url, 3).await;
        let store = app.store();
        let now = Utc::now();
        let first = store.claim_due(now, Duration::minutes(1), 10).await.unwrap();
        assert_eq!(first.messages.len(), 3);
        let ids: Vec<i64> = first.messages.iter().map(|m| m.id).collect();
        assert!(store.claim_due(now, Duration::minutes(1), 10).await.unwrap().messages.is_empty(), "held while leased");

        let later = now + Duration::minutes(2);
        let second = store.claim_due(later, Duration::minutes(1), 10).await.unwrap();
        assert_eq!(second.messages.iter().map(|m| m.id).collect::<Vec<_>>(), ids, "the lapsed lease is taken over");
        assert!(second.messages.iter().all(|m| m.attempts == 2));

        assert!(store.renew_claim(&first.token, &ids, later + Duration::minutes(1)).await.unwrap().is_empty());
        assert_eq!(store.mark_sent(&first.token, &ids, later).await.unwrap(), 0, "the first worker records nothing");
        assert_eq!(store.release_claim(&first.token, &ids).await.unwrap(), 0);
        assert_eq!(store.renew_claim(&second.token, &ids, later + Duration::minutes(1)).await.unwrap().len(), 3);
        assert_eq!(store.mark_sent(&second.token, &ids, later).await.unwrap(), 3);
        assert_eq!(store.list_outbox(Some("sent"), 1, 10).await.unwrap().total, 3);
        let never_again = store.claim_due(later + Duration::days(1), Duration::minutes(1), 10).await.unwrap();
        assert!(never_again.messages.is_empty(), "a sent message is never claimed again");
    }
);

db_test!(
    async fn messages_handed_back_are_pending_at_once_without_a_counted_attempt(app: TestApp) {
        queue_notices(&app.db.url, 4).await;
        let store = app.store();
        let now = Utc::now();
        let claim = store.claim_due(now, Duration::minutes(1), 10).await.unwrap();
        let ids: Vec<i64> = claim.messages.iter().map(|m| m.id).collect();
        assert_eq!(store.release_claim(&claim.token, &ids[1..]).await.unwrap(), 3);
        let pending = store.list_outbox(Some("pending"), 1, 10).await.unwrap();
        assert_eq!(pending.total, 3);
        assert!(pending.items.iter().all(|m| m.attempts == 0), "the claim's attempt is not counted");
        let again = store.claim_due(now, Duration::minutes(1), 10).await.unwrap();
        assert_eq!(again.messages.len(), 3, "another worker takes them at once, before the lease would end");
    }
);
