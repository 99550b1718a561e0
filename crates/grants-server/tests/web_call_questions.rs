//! Questions and answers on a call's page: an applicant asks (too short is refused beside the form in
//! French, with the text kept); a visitor does not see the question until it is answered; a manager
//! publishes the answer, which everyone then reads and the person who asked is emailed; once the
//! cut-off has passed the form is gone and a late question is refused.

use chrono::Duration;
use grants_store::call_questions::{QUESTION_CUTOFF_DAYS, questions_close_at};
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn an_applicant_asks_a_manager_answers_and_everyone_reads_the_answer(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-97").await;
        let question = "Les autorités locales du Niger sont-elles éligibles au lot 1 ?";

        let mut phone = Browser::signed_in(&app, &applicant, "aminata@example.org", PASSWORD).await;
        let (_, page, _) = phone.get(&format!("/calls/{call_id}")).await;
        assert!(page.contains(&format!("action=\"/calls/{call_id}/questions\"")), "{page}");
        let csrf = Browser::csrf_in(&page);
        let (status, page, _) =
            phone.post(&format!("/calls/{call_id}/questions"), &[("csrf", &csrf), ("question", "Niger ?")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Rédigez votre question") && page.contains(">Niger ?</textarea>"), "{page}");
        let (status, _, _) =
            phone.post(&format!("/calls/{call_id}/questions"), &[("csrf", &csrf), ("question", question)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page, _) = phone.get(&format!("/calls/{call_id}")).await;
        assert!(page.contains("Niger sont-elles"), "the asker sees their question waiting: {page}");

        let mut visitor = Browser::new(&app);
        let (_, page, _) = visitor.get(&format!("/calls/{call_id}")).await;
        assert!(!page.contains("Niger sont-elles"), "unanswered questions are not published: {page}");

        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/calls/{call_id}")).await;
        let asked = app.store().call_questions(call_id, None, true).await.unwrap()[0].id;
        let action = format!("/calls/{call_id}/questions/{asked}/answer");
        assert!(page.contains(&action), "the manager answers on the call page: {page}");
        let csrf = Browser::csrf_in(&page);
        let answer = "Yes: local authorities of every country of the Rabat Process may apply to lot 1.";
        let (status, _, _) = desk.post(&action, &[("csrf", &csrf), ("answer", answer)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _, _) = desk.post(&action, &[("csrf", &csrf), ("answer", answer)]).await;
        assert_eq!(status, StatusCode::CONFLICT, "an answer is published once");

        let (_, page, _) = visitor.get(&format!("/calls/{call_id}")).await;
        assert!(page.contains("Niger sont-elles") && page.contains("every country of the Rabat Process"), "{page}");
        let queued = app.store().list_outbox(None, 1, 100).await.unwrap().items;
        let emailed: Vec<_> = queued.iter().filter(|m| m.template == "call_question_answered").collect();
        assert_eq!(emailed.len(), 1);
        assert_eq!(emailed[0].recipient_email, "aminata@example.org", "the person who asked is told");
        let (_, events) = app.get(&manager, &format!("/api/v1/calls/{call_id}/events")).await;
        assert!(events.to_string().contains("answer_question"), "the answer is in the call's trail");

        app.clock.set(questions_close_at(app.now() + Duration::days(30)));
        let mut late = Browser::signed_in(&app, &applicant, "aminata@example.org", PASSWORD).await;
        let (_, page, _) = late.get(&format!("/calls/{call_id}")).await;
        let form = format!("action=\"/calls/{call_id}/questions\"");
        assert!(!page.contains(&form), "closed {QUESTION_CUTOFF_DAYS} days before the deadline: {page}");
        assert!(page.contains("Les questions sur cet appel sont closes."), "and the page says so: {page}");
        let csrf = Browser::csrf_in(&page);
        let (status, page, _) =
            late.post(&format!("/calls/{call_id}/questions"), &[("csrf", &csrf), ("question", question)]).await;
        assert_eq!(status, StatusCode::CONFLICT, "a late question is refused: {page}");
    }
);
