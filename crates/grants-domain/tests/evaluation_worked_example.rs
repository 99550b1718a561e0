//! The worked example of SPEC §6: twelve applications in two lots, scored by hand in
//! `fixtures/evaluation_worked_example.toml`, whose expected ranking and awards were computed on paper. The code
//! must reproduce them: consolidation → ranking → proposal (strict and fill) → shortlist.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use grants_domain::evaluation::{
    AwardOrder, Candidate, Consolidation, Grid, Proposal, Ranking, Scorecard, consolidate, for_display, propose, rank,
    shortlist,
};
use grants_domain::{Language, Money};
use rust_decimal::Decimal;
use serde::Deserialize;

const FIXTURE: &str = include_str!("fixtures/evaluation_worked_example.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    grid: String,
    discrepancy_trigger: Decimal,
    required_evaluators: usize,
    comment_required_below: u8,
    reserve_list_length: usize,
    award_order: AwardOrder,
    shortlist_factor: Decimal,
    evaluators: Vec<String>,
    lots: Vec<Lot>,
    applications: Vec<Application>,
    expected: Vec<ExpectedLot>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lot {
    id: i64,
    #[allow(dead_code)] // documents the fixture
    name: String,
    budget: Money,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Application {
    id: i64,
    lot: i64,
    requested: Money,
    submitted_at: DateTime<Utc>,
    expected: ExpectedScores,
    scorecards: Vec<Card>,
}

/// A scorecard as written in the fixture: per section code, the scores in grid order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Card {
    evaluator: String,
    overall_comment: String,
    #[serde(default)]
    comments: BTreeMap<String, String>,
    scores: BTreeMap<String, Vec<u8>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedScores {
    total: Decimal,
    capacity: Decimal,
    relevance: Decimal,
    discrepancy: bool,
    thresholds_met: bool,
    #[serde(default)]
    failed_thresholds: Vec<String>,
    #[serde(default)]
    open_after_two: Option<ExpectedOpen>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedOpen {
    total: Decimal,
    gap: Decimal,
    allowed_gap: Decimal,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedLot {
    lot: i64,
    ranking: Vec<i64>,
    eliminated: Vec<i64>,
    shortlist: Vec<i64>,
    strict: ExpectedProposal,
    fill: ExpectedProposal,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedProposal {
    awarded: Vec<Award>,
    awarded_total: Money,
    reserve: Vec<i64>,
    rejected: Vec<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Award {
    id: i64,
    amount: Money,
}

fn fixture() -> Fixture {
    toml::from_str(FIXTURE).expect("the worked example is valid TOML of the expected shape")
}

fn grid(fixture: &Fixture) -> Grid {
    assert_eq!(fixture.grid, "full_application_default");
    Grid::full_application_default()
}

/// Turns the fixture's per-section arrays into a scorecard keyed by criterion code.
fn scorecard(grid: &Grid, card: &Card) -> Scorecard {
    let sections: BTreeSet<&str> = grid.sections.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(card.scores.keys().map(String::as_str).collect::<BTreeSet<_>>(), sections, "every section scored");
    let mut scores = BTreeMap::new();
    for section in &grid.sections {
        let given = &card.scores[&section.code];
        assert_eq!(given.len(), section.criteria.len(), "{}: one score per criterion", section.code);
        for (criterion, &score) in section.criteria.iter().zip(given) {
            scores.insert(criterion.code.clone(), score);
        }
    }
    Scorecard { scores, comments: card.comments.clone(), overall_comment: card.overall_comment.clone() }
}

fn scorecards(grid: &Grid, application: &Application) -> Vec<Scorecard> {
    application.scorecards.iter().map(|card| scorecard(grid, card)).collect()
}

/// Every application consolidated over all its submitted scorecards (no arbitration in the example).
fn consolidations(fixture: &Fixture) -> BTreeMap<i64, Consolidation> {
    let grid = grid(fixture);
    fixture
        .applications
        .iter()
        .map(|app| (app.id, consolidate(&grid, &scorecards(&grid, app), fixture.discrepancy_trigger, false)))
        .collect()
}

fn ranking(fixture: &Fixture) -> Ranking {
    let consolidations = consolidations(fixture);
    rank(fixture.applications.iter().map(|app| {
        Candidate::from_consolidation(app.id, app.lot, app.requested, app.submitted_at, &consolidations[&app.id])
    }))
}

fn budget(fixture: &Fixture, lot: i64) -> Money {
    fixture.lots.iter().find(|l| l.id == lot).expect("the lot exists").budget
}

#[test]
fn the_example_is_well_formed_and_every_scorecard_may_be_submitted() {
    let fixture = fixture();
    let grid = grid(&fixture);
    grid.validate(Language::EN).unwrap();
    assert_eq!(fixture.applications.iter().map(|a| a.id).collect::<Vec<_>>(), (1..=12).collect::<Vec<_>>());
    assert_eq!(fixture.lots.len(), 2);
    assert_eq!(fixture.evaluators, ["e1", "e2", "e3", "e4"]);
    for app in &fixture.applications {
        assert!((2..=3).contains(&app.scorecards.len()), "application {}", app.id);
        assert!(fixture.lots.iter().any(|l| l.id == app.lot));
        let evaluators: BTreeSet<&String> = app.scorecards.iter().map(|c| &c.evaluator).collect();
        assert_eq!(evaluators.len(), app.scorecards.len(), "application {}: distinct evaluators", app.id);
        assert!(evaluators.iter().all(|e| fixture.evaluators.contains(e)));
        for (card, written) in scorecards(&grid, app).iter().zip(&app.scorecards) {
            for lang in [Language::EN, Language::FR] {
                let errors = card.validate(&grid, fixture.comment_required_below, lang);
                assert!(errors.is_empty(), "application {} by {}: {errors:?}", app.id, written.evaluator);
            }
        }
    }
}

#[test]
fn consolidations_match_the_hand_computed_scores() {
    let fixture = fixture();
    let consolidations = consolidations(&fixture);
    for app in &fixture.applications {
        let got = &consolidations[&app.id];
        let want = &app.expected;
        let id = app.id;
        assert_eq!(for_display(got.total), for_display(want.total), "application {id}: total");
        assert_eq!(for_display(got.section("capacity")), for_display(want.capacity), "application {id}: capacity");
        assert_eq!(for_display(got.section("relevance")), for_display(want.relevance), "application {id}: relevance");
        assert_eq!(got.discrepancy, want.discrepancy, "application {id}: discrepancy");
        assert_eq!(got.thresholds_met, want.thresholds_met, "application {id}: thresholds");
        assert_eq!(got.failed_thresholds, want.failed_thresholds, "application {id}: failed thresholds");
        assert_eq!(got.scorecards, app.scorecards.len());
        assert!(got.is_complete(fixture.required_evaluators), "application {id}: complete");
        let sections: Decimal = got.per_section.values().copied().sum();
        assert!((sections - got.total).abs() < Decimal::new(1, 20), "application {id}: sections add up to the total");
    }
}

#[test]
fn the_discrepancy_is_open_after_two_scorecards_and_closed_by_the_third() {
    let fixture = fixture();
    let grid = grid(&fixture);
    let app = fixture.applications.iter().find(|a| a.expected.open_after_two.is_some()).expect("one discrepancy");
    let open = app.expected.open_after_two.as_ref().unwrap();
    let cards = scorecards(&grid, app);
    assert_eq!(cards.len(), 3);

    let two = consolidate(&grid, &cards[..2], fixture.discrepancy_trigger, false);
    let needs_more = two.needs_more.clone().expect("a third opinion is needed");
    assert_eq!((needs_more.gap, needs_more.allowed_gap), (open.gap, open.allowed_gap));
    assert_eq!(two.total, open.total);
    assert!(two.discrepancy && !two.is_complete(fixture.required_evaluators));

    let three = consolidate(&grid, &cards, fixture.discrepancy_trigger, false);
    assert!(three.needs_more.is_none() && three.is_complete(fixture.required_evaluators));
    assert_eq!(three.total, Decimal::from(220) / Decimal::from(3), "the mean of all three, full precision");

    let arbitrated = consolidate(&grid, &cards[..2], fixture.discrepancy_trigger, true);
    assert!(arbitrated.is_complete(fixture.required_evaluators));
    assert_eq!(arbitrated.total, open.total, "an arbitration lets the mean of the two stand");
}

#[test]
fn rankings_match_the_hand_computed_order() {
    let fixture = fixture();
    let ranking = ranking(&fixture);
    assert_eq!(ranking.lots.keys().copied().collect::<Vec<_>>(), fixture.lots.iter().map(|l| l.id).collect::<Vec<_>>());
    for expected in &fixture.expected {
        let ranked = &ranking.lots[&expected.lot];
        let order: Vec<i64> = ranked.iter().map(|r| r.candidate.application_id).collect();
        assert_eq!(order, expected.ranking, "lot {}", expected.lot);
        assert_eq!(ranked.iter().map(|r| r.rank).collect::<Vec<_>>(), (1..=ranked.len()).collect::<Vec<_>>());
        let eliminated: Vec<i64> =
            ranking.eliminated.iter().filter(|c| c.lot_id == expected.lot).map(|c| c.application_id).collect();
        assert_eq!(eliminated, expected.eliminated, "lot {}", expected.lot);
    }
}

fn check(proposal: &Proposal, expected: &ExpectedProposal, eliminated: &[i64], lot_budget: Money, what: &str) {
    let awarded: Vec<(i64, Money)> = expected.awarded.iter().map(|a| (a.id, a.amount)).collect();
    assert_eq!(proposal.awarded, awarded, "{what}: awarded");
    assert_eq!(proposal.awarded_total(), expected.awarded_total.amount(), "{what}: awarded total");
    assert!(proposal.awarded_total() <= lot_budget.amount(), "{what}: the budget is never exceeded");
    assert_eq!(proposal.reserve, expected.reserve, "{what}: reserve list");
    // The caller rejects the eliminated applications along with the ones the proposal rejects.
    let mut rejected: Vec<i64> = proposal.rejected.iter().chain(eliminated).copied().collect();
    rejected.sort_unstable();
    assert_eq!(rejected, expected.rejected, "{what}: rejected");
}

#[test]
fn proposals_match_the_hand_computed_awards_under_strict_and_fill() {
    let fixture = fixture();
    let ranking = ranking(&fixture);
    assert_eq!(fixture.award_order, AwardOrder::Strict);
    for expected in &fixture.expected {
        let lot_budget = budget(&fixture, expected.lot);
        let ranked = &ranking.lots[&expected.lot];
        for (order, want) in [(AwardOrder::Strict, &expected.strict), (AwardOrder::Fill, &expected.fill)] {
            let proposal = propose(ranked, lot_budget, fixture.reserve_list_length, order);
            check(&proposal, want, &expected.eliminated, lot_budget, &format!("lot {} {order:?}", expected.lot));
        }
        let configured = propose(ranked, lot_budget, fixture.reserve_list_length, fixture.award_order);
        check(&configured, &expected.strict, &expected.eliminated, lot_budget, "as configured");
    }
}

#[test]
fn shortlists_match_the_hand_computed_lines() {
    let fixture = fixture();
    let ranking = ranking(&fixture);
    for expected in &fixture.expected {
        let invited = shortlist(&ranking.lots[&expected.lot], budget(&fixture, expected.lot), fixture.shortlist_factor);
        assert_eq!(invited, expected.shortlist, "lot {}", expected.lot);
    }
}

/// Guards the example itself: it must keep showing the cases it was written for.
#[test]
fn the_example_shows_every_case_it_claims() {
    let fixture = fixture();
    let ranking = ranking(&fixture);
    let ranked: Vec<&Candidate> = ranking.lots.values().flatten().map(|r| &r.candidate).collect();
    let tie_by_relevance = ranked.iter().any(|a| {
        ranked.iter().any(|b| {
            a.lot_id == b.lot_id && a.total == b.total && a.relevance > b.relevance && a.submitted_at > b.submitted_at
        })
    });
    assert!(tie_by_relevance, "a tie on total broken by relevance against the submission order");
    let eliminated_high = ranking
        .eliminated
        .iter()
        .any(|e| e.total > ranking.lots[&e.lot_id].first().map_or(Decimal::ZERO, |r| r.candidate.total));
    assert!(eliminated_high, "an application eliminated by a minimum despite the best total of its lot");
    let consolidations = consolidations(&fixture);
    assert!(consolidations.values().any(|c| c.discrepancy && c.scorecards == 3), "a discrepancy resolved by a third");
    let lot_one = &fixture.expected[0];
    let requested = |id: i64| fixture.applications.iter().find(|a| a.id == id).unwrap().requested;
    let first_left_out = requested(lot_one.strict.reserve[0]);
    let cheaper_in_reserve = lot_one.strict.reserve[1..]
        .iter()
        .any(|id| requested(*id) < first_left_out && lot_one.fill.awarded.iter().any(|a| a.id == *id));
    assert!(cheaper_in_reserve, "strict sends to the reserve list an application fill awards");
}
