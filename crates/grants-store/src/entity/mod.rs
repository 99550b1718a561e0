//! sea-orm entities, one per table. The schema itself comes only from the migrations.

pub mod agreement;
pub mod api_token;
pub mod application;
pub mod application_tag;
pub mod arbitration;
pub mod assignment;
pub mod attachment;
pub mod call;
pub mod eligibility_check;
pub mod lot;
pub mod membership;
pub mod organisation;
pub mod outbox;
pub mod payment;
pub mod report;
pub mod scorecard;
pub mod user;
pub mod user_role;
pub mod workflow_event;
