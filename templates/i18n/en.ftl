# MMD Grants: the interface in English, one Fluent message per key (https://projectfluent.org).
# fr.ftl has exactly the same messages. A variable is written { $name }; a number can choose the
# wording with { $n -> [one] … *[other] … } following the language's CLDR plural rules.

# Layout
skip_to_content = Skip to main content
nav_label = Main menu
nav_calls = Calls for proposals
nav_my_applications = My applications
nav_manager_area = Manager area
nav_sign_in = Sign in
signed_in_as = Signed in as
sign_out = Sign out
lang_switch_label = Language
footer_text = Support Project to the Africa-EU Migration and Mobility Dialogue

# Page titles
title_login = Sign in
title_calls = Calls for proposals
title_call = Call for proposals
title_applications = Applications
title_application = Application
title_error = Error

# Sign-in page
login_intro = Sign in with the email address and password of your account.
login_email = Email address
login_password = Password
login_submit = Sign in
login_failed = Wrong email or password.

# Shared field names
field_reference = Reference
field_state = Status
field_deadline = Deadline
field_total_budget = Total budget
field_min_grant = Minimum grant
field_max_grant = Maximum grant
field_procedure = Procedure
field_call = Call
field_updated_at = Last updated
field_organisation = Organisation
field_requested_amount = Amount requested
field_submitted_at = Submitted on
untitled = Untitled application
draft_marker = Draft (no reference yet)
not_provided = Not provided yet
not_submitted = Not submitted yet

# Calls
calls_empty = There are no calls for proposals at the moment.
back_to_calls = Back to the calls for proposals
call_description_heading = About this call
call_apply_heading = Apply
call_apply_intro = You can start an application now and complete it before the deadline. Your draft is saved and only sent when you submit it.
call_start_application = Start an application

# Applications
applications_empty = There are no applications to show.
back_to_applications = Back to the applications
actions_heading = What you can do
action_reason_label = Reason or comment
action_reason_hint = Required to reject an application or terminate a grant; optional otherwise.
history_heading = History
history_empty = Nothing has happened to this application yet.
history_to = to
history_reason = Reason:

# Errors
error_heading = Sorry, something went wrong
error_status = Error code:
error_home_link = Go to the home page
error_sign_in_link = Sign in
error_forbidden = You do not have permission to see this page.
error_not_found = This page does not exist or is no longer available.
error_csrf = Your form expired; please try again.
error_storage_unavailable = File storage is unavailable at the moment, so your file was not saved. Nothing else was changed; please try again in a few minutes.
error_busy = The service is very busy right now. Nothing was changed; please try again in a moment.
error_bad_request = This address or form could not be understood. Go back and try again from the page you came from.
error_generic = Something went wrong on our side. Please try again in a few minutes.

# Procedures
procedure_open = Open procedure
procedure_restricted = Restricted procedure (concept note first)

# Application states
state_draft = Draft
state_submitted = Submitted
state_eligibility_review = Eligibility check in progress
state_clarification_requested = Clarification requested
state_eligible = Eligible
state_ineligible = Not eligible
state_in_evaluation = Being evaluated
state_evaluated = Evaluated
state_invited = Invited to submit a full application
state_not_shortlisted = Not shortlisted
state_awarded = Grant awarded
state_reserve_listed = On the reserve list
state_rejected = Not selected
state_declined = Grant declined by the applicant
state_contracted = Grant agreement signed
state_closed = Closed
state_terminated = Terminated
state_withdrawn = Withdrawn

# Call states
call_state_draft = Draft
call_state_published = Open for applications
call_state_closed = Closed for applications
call_state_evaluating = Applications being evaluated
call_state_decided = Decisions made
call_state_archived = Archived
call_state_cancelled = Cancelled

# Application actions (button labels)
action_submit = Submit the application
action_withdraw = Withdraw the application
action_open_review = Start the eligibility check
action_request_clarification = Ask for clarification
action_respond = Send the answer
action_expire = Record that no answer was received
action_declare_ineligible = Declare not eligible
action_declare_eligible = Declare eligible
action_assign = Assign to evaluators
action_complete = Complete the evaluation
action_shortlist = Shortlist
action_not_shortlist = Do not shortlist
action_award = Award the grant
action_reserve = Place on the reserve list
action_reject = Reject the application
action_decline = Decline the grant
action_sign_agreement = Record the signed grant agreement
action_close = Close the grant
action_terminate = Terminate the grant

# Application form
title_application_form = Application form
form_intro = Fill in the form at your own pace: save as often as you like. When everything is complete, submit it before the deadline.
form_errors_heading = Please correct the following before submitting:
form_saved = Your draft is saved.
form_save = Save the draft
form_check = Save and check
form_submit = Submit the application
form_submit_confirm = I confirm the information is correct and complete, and I submit this application.
form_rows_hint = Lists show one empty row: fill it and save to add another.
form_required = required
form_yes = Yes
form_no = No
form_select = Choose…
form_edit = Edit the application form

# Accounts
title_signup = Register your organisation
signup_intro = Create an account for your organisation to apply to calls for proposals. We will send you a link to confirm your email address.
field_name = Your name
field_email = Email address
field_password = Password (at least 8 characters)
field_organisation_name = Organisation name
field_country = Country
field_organisation_type = Type of organisation
field_language = Language
signup_submit = Create the account
signup_link = Register your organisation
signup_done = Almost done: we have sent you an email with a link to confirm your address.
title_message = Information
verify_done = Your email address is confirmed. You can now sign in.
verify_failed = This link is invalid or has expired.
title_forgot = Forgotten password
forgot_intro = Give the email address of your account: we will send you a link to choose a new password.
forgot_submit = Send the link
forgot_done = If an account uses this address, we have sent it a link to choose a new password.
forgot_link = Forgotten password?
title_reset = Choose a new password
reset_submit = Save the new password
reset_done = Your password is changed. You can now sign in.

# Evaluation
title_declaration = Declaration of impartiality and confidentiality
declaration_text = I declare that I have no conflict of interest with this application, its applicants or partners, that I will evaluate it impartially, and that I will keep its content and my evaluation confidential.
declaration_sign = I sign the declaration
declaration_conflict = I have a conflict of interest
declaration_statement = Describe the conflict (required if you declare one)
title_scorecard = Scorecard
scorecard_intro = Score each criterion; scores below 3 need a comment. Save as often as you like; the total is updated when you save.
scorecard_total = Running total
scorecard_overall = Overall comment
scorecard_comment = Comment
scorecard_save = Save the scorecard
scorecard_submit = Submit the scorecard
scorecard_submitted = Your scorecard is submitted.
scorecard_link = Open my scorecard

# Manager tools
checklist_heading = Eligibility checklist
checklist_passed = Passed
checklist_failed = Failed
checklist_note = Note (required when failed)
checklist_save = Record the checklist
auto_assign = Assign evaluators automatically
auto_assign_heading = Evaluation
field_lot = Lot

# Reading view and clarifications
answers_heading = The application
clarification_question = Question to the applicant
clarification_due = Answer due by (UTC date)
clarification_answer = Your answer
report_link = Evaluation report (printable)

# Lists and outbox
nav_outbox = Email outbox
filter_all = All
filter_sort = Order
sort_recent = Most recent first
sort_reference = By reference
filter_apply = Apply
results_count = Results:
pagination_label = Pages
page_previous = Previous page
page_next = Next page
title_outbox = Email outbox
outbox_retry_all = Retry every failed email
outbox_template = Email
outbox_attempts = Attempts
outbox_error = Last error
outbox_action = Action
outbox_retry = Retry
outbox_queue_depth = Waiting or being sent
outbox_queue_transactional = Of which receipts, password resets and verifications
outbox_oldest_seconds = Oldest waiting for (seconds)
outbox_sent_last_minute = Sent in the last minute

# Call design and attachments
title_new_call = New call for proposals
new_call_link = Create a call
create_call = Create the draft call
call_actions_heading = Call actions
attachments_heading = Attachments
attachment_kind = Kind of document
attachment_file = File
attachment_upload = Attach the file
call_action_publish = Publish the call
call_action_close = Close the call
call_action_start_evaluation = Start the evaluation
call_action_decide = Record the decisions
call_action_archive = Archive the call
call_action_cancel = Cancel the call
evaluators_heading = Evaluators
evaluator_remove = Remove
evaluator_choose = Evaluator
evaluator_assign = Assign this evaluator
award_amount = Amount awarded (EUR)

# Organisation profile
nav_organisation = My organisation
title_organisation = Organisation profile
org_intro = These details are registered once and reused by every application: keep them up to date.
org_errors = Some details need correcting: see the messages next to the fields.
org_save = Save the profile
org_saved = The profile is saved.
org_stale = Someone else saved this profile in the meantime: here is the current version. Make your changes again.
org_field_name = Registered name
org_field_country = Country of registration
org_field_org_type = Type of organisation
org_field_acronym = Acronym
org_field_registration_number = Registration number
org_field_address = Postal address
org_field_website = Website
org_field_contact_email = Contact email
org_field_phone = Telephone
org_field_description = Presentation (mission, experience in migration and mobility)
org_history_heading = Changes
org_history_changed = Changed:
org_history_none = No change since registration.
org_error_required = This field is required.
org_error_too_long = This text is too long.
org_error_control_characters = This field cannot contain line breaks or control characters.
org_error_invalid_country = Choose one of the programme's participating countries.
org_error_invalid_website = Give the full address, starting with https://
org_error_invalid_email = Give a valid email address.
org_error_name_taken = Another organisation is already registered under this name.
org_error_invalid_choice = Choose one of the options.
role_applicant = Applicant
role_evaluator = Evaluator
role_manager = Grant manager
role_admin = Administrator
role_auditor = Auditor

# Call design form
title_edit_call = Edit the draft call
back = Back
save_call = Save the draft call
edit_call_link = Design this draft call: rules, form, grid, checklist, countries, reporting
call_reference_taken = Another call already uses this reference.
call_section_rules = Rules
call_section_lots = Lots
call_section_settings = Eligibility and evaluation
call_section_restricted = Restricted calls
call_field_reference = Reference
call_field_title_en = Title (English)
call_field_title_fr = Title (French)
call_field_description_en = Description (English)
call_field_description_fr = Description (French)
call_field_procedure = Procedure
call_field_total_budget = Total budget
call_field_min_grant = Minimum grant
call_field_max_grant = Maximum grant
call_field_opens_at = Opens (UTC)
call_field_deadline_at = Deadline (UTC)
call_field_display_timezone = Timezone shown with the deadline
call_field_lots = Lots
call_field_max_cofinancing_rate = Largest co-financing rate
call_field_duration_min_months = Shortest action (months)
call_field_duration_max_months = Longest action (months)
call_field_evaluators_per_application = Evaluators per application
call_field_discrepancy_trigger = Discrepancy trigger
call_field_reserve_list_length = Reserve list length
call_field_award_order = Award order
call_field_anonymous_evaluation = Hide the applicant's identity from evaluators
call_field_evaluation_deadline = Scorecards due (UTC, optional)
call_field_full_application_deadline = Full applications due (UTC, restricted calls)
call_hint_display_timezone = An IANA name, such as Africa/Bamako or Europe/Brussels.
call_hint_lots = Each lot has a name and a budget; the budgets add up to the total budget. No lot: one lot holding the whole budget.
call_hint_max_cofinancing_rate = A fraction: 0.90 means the grant covers at most 90 % of the action's cost.
call_hint_discrepancy_trigger = A fraction of the grid's maximum: two totals further apart call for a third evaluation.
call_field_other = Other settings
call_field_comment_required_below = A score below this needs a comment
call_hint_comment_required_below = On the grid's scale: 3 on a 1–5 scale means evaluators explain every 1 or 2.
call_field_reserve_list_valid_until = Reserve list valid until (UTC, optional)
call_hint_reserve_list_valid_until = Until then, an application on the reserve list may still be awarded; archiving the call before then is refused.
call_field_shortlist_budget_factor = Concept notes shortlisted up to (multiple of the lot budget)
call_hint_shortlist_budget_factor = 2 invites full applications until their requests reach twice the lot's budget.
call_field_full_application_variation = Largest change between concept note and full application
call_hint_full_application_variation = A fraction: 0.20 lets the full application ask for up to 20 % more or less than its concept note.
award_order_strict = Strict: a cheaper proposal never overtakes a better one
award_order_fill = Fill: keep awarding later proposals that still fit
call_lots_heading = Lots

# Ranking and award proposal
title_ranking = Ranking and award proposal
ranking_link = Ranking and award proposal
ranking_intro = Applications ranked per lot by consolidated score (ties: relevance, then submission time). The proposal follows the call's award order; every decision is recorded with its author and sent to the applicant.
ranking_budget = Budget
ranking_proposed = proposed
ranking_awarded = awarded
ranking_rank = Rank
ranking_score = Score
ranking_proposal = Proposal
ranking_decide = Decision
ranking_none = No evaluated application in this lot yet.
ranking_eliminated = Below a minimum score (not ranked)
ranking_apply_heading = Record the whole proposal
ranking_apply_hint = Awards, reserve list and rejections for every application still waiting for its decision, in the proposal's order. Each decision is its own record; if one is refused, the run stops and says which.
ranking_apply_reason = Reason sent to the applications that are not funded
ranking_apply = Record the proposal
ranking_recorded_before = recorded before stopping
proposal_award = Award
proposal_reserve = Reserve list
proposal_reject = Reject
proposal_shortlist = Invite to full application
proposal_not_shortlist = Not shortlisted

# Evaluator work list
nav_assignments = My evaluations
title_assignments = My evaluations
assignments_progress = Scorecards handed in:
assignments_due = Scorecards due
assignments_step = Where you are
assignments_open = Open
assignments_empty = No application is assigned to you at the moment.
progress_must_declare = Declaration to sign
progress_not_started = Not started
progress_draft = Draft saved
progress_submitted = Handed in
progress_link_must_declare = Sign the declaration
progress_link_not_started = Score
progress_link_draft = Continue
progress_link_submitted = View

# Grant management
title_report = Report
grant_heading = Grant agreement
agreement_amount = Grant amount (EUR)
agreement_period = Action period
agreement_starts_on = Action starts on
agreement_ends_on = Action ends on
reports_heading = Reports
report_heading = Report
report_covers = Period covered
report_due = Due on
report_kind_interim = Interim report
report_kind_final = Final report
report_status_due = Due
report_status_submitted = Submitted, under review
report_status_approved = Approved
report_status_changes_requested = Changes requested
report_spent = Spent to the end of the period
report_submit = Submit the report
report_review_heading = Review
report_review_note = Remarks
report_approve = Approve the report
report_request_changes = Send back for changes
report_note_required = Say what must change before sending the report back.
payments_heading = Payments
payment_kind = Kind
payment_amount = Amount (EUR)
payment_kind_prefinancing = Pre-financing
payment_kind_balance = Balance
payment_status_scheduled = Scheduled
payment_status_requested = Released, to be paid
payment_status_paid = Paid
payment_mark_paid = Record as paid
action_submit_report = Report submitted
action_approve_report = Report approved
action_request_report_changes = Report sent back
action_mark_paid = Payment made

call_field_publish_awards = List the awarded projects on the public page

# Portfolio
nav_portfolio = Portfolio
title_portfolio = Portfolio
portfolio_submitted = Submitted
portfolio_requested = Requested (EUR)
portfolio_funded = Funded
portfolio_awarded = Awarded (EUR)
portfolio_hint = Every submitted application counts once per call, country, type and year, and under each JVAP domain and dialogue it selected. Funded: awarded, under agreement, closed or terminated.
portfolio_csv = Download as CSV
portfolio_by_jvap_domain = By JVAP domain
portfolio_by_dialogue = By dialogue
portfolio_by_country = By country of the lead organisation
portfolio_by_applicant_type = By type of organisation
portfolio_by_call = By call
portfolio_by_year = By year of submission
title_awarded = Awarded projects
awarded_intro = Projects funded under the calls that publish their results.
awarded_project = Project
awarded_none = No awarded project is published yet.
awarded_downloads = Download the data
awarded_download_csv = Projects (CSV)
awarded_download_json = Projects (JSON)
awarded_download_iati = IATI 2.03 activities (XML)
awarded_filters = Filter the projects
awarded_all_calls = All calls
awarded_all_countries = All countries
awarded_all_domains = All JVAP domains
awarded_all_dialogues = All dialogues
awarded_filter = Show
awarded_filter_country = Country of action
awarded_filter_domain = JVAP domain
awarded_filter_dialogue = Dialogue
awarded_found = Projects found:
awarded_page = Page
awarded_of = of
awarded_none_match = No published project matches these filters.
awarded_lead = Lead organisation
awarded_countries = Countries of action
awarded_domains = JVAP domains
awarded_dialogues = Dialogues
awarded_amount = Grant awarded
awarded_paid = Paid so far
awarded_period = Action period
awarded_status = Status
open_data_under_call = Grant awarded under the call
report_form_intro = Fill in what was done, the indicators of each JVAP domain the action serves, and each budget line as planned and as spent.
report_answers = The report as submitted
report_next = Next report

# Refusals shown next to the refused form, one sentence per unmet condition of the workflow table
action_reason_required = Required: it is recorded and sent to the applicant.
action_reason_optional = Optional: it is recorded in the history.
error_too_large = The file or form is too large.
error_declaration_required = Sign the declaration of impartiality and confidentiality before reading this application.
guard_agreement_recorded = Give the agreement's first and last day, within the call's duration limits, and an amount no higher than the award.
guard_all_applications_decided = Some applications of this call still wait for their decision.
guard_budget_available = The lot's remaining budget does not cover this amount, or the amount is above the request.
guard_call_open_for_submission = The call is not open for submissions now.
guard_checklist_failed = Record the failed checklist item (with its note) that makes the application ineligible.
guard_checklist_passed = Every checklist item must be checked and passed first.
guard_clarification_answer = Write your answer.
guard_clarification_overdue = The clarification is not overdue yet.
guard_clarification_question = Write the question and choose a due date in the future.
guard_concept_note_stage = Only a concept note can be shortlisted.
guard_deadline_passed = The deadline has not passed yet.
guard_eligibility_rules = The application does not meet the call's eligibility rules.
guard_evaluators_assigned = Assign the number of evaluators the call requires first.
guard_final_report_settled = The final report must be approved and every payment made first.
guard_form_valid = The form has errors to fix.
guard_full_application_stage = A concept note is shortlisted or not, not awarded or rejected.
guard_grant_running = Reports and payments move only while the grant agreement runs.
guard_in_evaluation = Scorecards change only while the application is in evaluation.
guard_no_submitted_scorecard = This evaluator's scorecard is submitted: reopen it first.
guard_reason_given = Give a reason.
guard_reserve_list_expired = The reserve list is still valid.
guard_reserve_list_space = The reserve list is full.
guard_rules_publishable = The call is not complete: check its titles, descriptions, budget and a deadline in the future.
guard_scorecards_complete = The evaluation is not complete.
guard_spending_reported = Less than 70 % of the previous payment is reported as spent.
refusal_action_not_allowed = This cannot be done at this stage.
refusal_stale_version = Someone else changed this record in the meantime. Check it and try again.
refusal_wrong_state = This cannot be done in the record's current state.
refusal_validation_failed = Some fields need correcting.
refusal_duplicate = This already exists.
refusal_payload_too_large = The file is too large.
refusal_generic = This could not be done.
call_rules_frozen = This call is published: its rules are frozen and can no longer be edited.

# Sign-in security: throttling, two-step sign-in, password strength, confirmation links.
login_throttled = Too many attempts for this account from your connection. Wait a little and try again, or reset your password.
login_unverified = Please confirm your email address first: follow the link we sent you, or ask for a new link.
title_second_factor = Second step: your authenticator code
second_factor_intro = Open the authenticator app on your phone and type the 6-digit code it shows for MMD Grants.
second_factor_code = Code
second_factor_submit = Continue
second_factor_lost = Lost your phone? Use a recovery code
second_factor_wrong = This code is not right, or it was already used. Type the code your app shows now.
title_recovery = Sign in with a recovery code
recovery_intro = Type one of the recovery codes you saved when you set up your authenticator. Each works once; your lost authenticator will stop working and you will set up a new one.
recovery_code = Recovery code
recovery_submit = Use the recovery code
recovery_wrong = This recovery code is not right, or it was already used.
title_second_factor_setup = Two-step sign-in
second_factor_enabled = Two-step sign-in is on: after your password, you type the code of your authenticator app.
recovery_codes_left = Recovery codes left:
second_factor_required = Your role requires two-step sign-in. Set up an authenticator app to continue.
second_factor_setup_intro = Scan the QR code with an authenticator app (for example FreeOTP, Aegis or Google Authenticator), or type the key below into it. Then type the 6-digit code it shows.
second_factor_qr_alt = QR code holding the key of your authenticator
second_factor_secret = Key:
second_factor_confirm = Turn on two-step sign-in
title_recovery_codes = Your recovery codes
recovery_codes_intro = Two-step sign-in is on. Keep these recovery codes somewhere safe: each lets you sign in once if you lose your phone. They are shown only now.
recovery_codes_continue = Continue
nav_security = Sign-in security
password_too_short = The password is too short: use at least 8 characters.
password_too_long = The password is too long: use at most 128 characters.
password_too_weak = This password is too easy to guess.
password_warning_keyboard = Keyboard patterns are easy to guess.
password_warning_repeats = Repeated characters or words are easy to guess.
password_warning_common = This is a very common password.
password_warning_similar = This is close to a commonly used password.
password_warning_sequence = Sequences like abc or 1234 are easy to guess.
password_warning_dates = Dates and years are easy to guess.
password_warning_word = A single word is easy to guess.
password_warning_names = Names are easy to guess, especially your own.
password_suggestion_words = Use a few unrelated words; a short sentence works well.
password_suggestion_no_symbols = No need for symbols, digits or capitals: length matters more.
password_suggestion_tricks = Capitals, reversed words and swapped letters (a→@) do not help much.
password_suggestion_keyboard = Avoid keyboard patterns.
password_suggestion_repeats = Avoid repeated words and characters.
password_suggestion_sequences = Avoid sequences.
password_suggestion_dates = Avoid dates and years that are linked to you.
signup_org_taken = An organisation with this name is already registered. If it is yours, ask a colleague who has an account there.
resend_link = Did not receive the confirmation email?
title_resend = Send the confirmation link again
resend_intro = Give the email address you registered with: if it still awaits confirmation, we will send it a new link.
resend_submit = Send a new link
resend_done = If this address awaits confirmation, we have sent it a new link.
identity_hidden = Hidden: this call is evaluated anonymously
login_account_throttled = Too many wrong passwords were tried on this account lately. If the password you typed is right, we have emailed the account a link to finish signing in; otherwise wait a little, or reset your password.

# Email notices of new submissions (managers)
title_notices = Email notices
nav_notices = Email notices
notices_intro = How you hear of new applications. Applicants always get their own receipt; this only changes the notices sent to you.
notices_label = New applications
notices_each = One email per application
notices_digest_15 = One digest per call, at most every 15 minutes
notices_digest_60 = One digest per call, at most every hour
notices_digest_240 = One digest per call, at most every 4 hours
notices_digest_1440 = One digest per call, at most once a day
notices_save = Save
notices_saved = Your choice is saved.
notices_unknown_choice = Choose one of the options listed.

# The public call page
call_who_heading = Who may apply
call_who_types = Organisations
call_who_countries = Countries
call_who_all_countries = All countries of the programme
call_who_cofinancing = Maximum share of the budget funded
call_who_duration = Project duration
call_who_months = months
call_who_documents = Documents to attach
call_sign_in_to_apply = To apply, sign in or create an account for your organisation; your draft is kept until you submit it.
call_create_account = Create an account
call_closes_within_a_day = closes within 24 hours
call_closes_in_days = closes in { $days ->
    [one] { $days } day
   *[other] { $days } days
}
document_statutes = Statutes
document_budget = Budget
document_budget_sheet = Budget sheet
document_registration_certificate = Registration certificate
document_financial_statements = Financial statements
document_partnership_letter = Letter of partnership
document_cv = CV of the project lead

# Labels of the evaluation, report, payment and outbox lifecycles
action_declare_conflict = Conflict of interest declared
action_declare_no_conflict = Declaration of impartiality signed
action_release_payment = Payment requested
action_remove_evaluator = Evaluator removed
action_reopen_scorecard = Scorecard reopened
action_submit_scorecard = Scorecard submitted
assignment_status_assigned = waiting for the declaration
assignment_status_conflict = conflict of interest declared
assignment_status_declared = declaration signed, scoring
assignment_status_removed = removed
outbox_status_failed = Failed
outbox_status_pending = Waiting
outbox_status_sending = Being sent
outbox_status_sent = Sent
state_approved = Approved
state_assigned = Assigned
state_changes_requested = Changes requested
state_conflict = Conflict of interest
state_declared = Declaration signed
state_due = Due
state_paid = Paid
state_removed = Removed
state_requested = Requested
state_scheduled = Scheduled

# The clarification round on the application page
clarification_heading = Clarification requested by the programme
clarification_asked = Asked on
clarification_due_at = Answer due by
clarification_question_heading = Question
clarification_answer_heading = Answer
clarification_answered_at = Answered on
clarification_waiting = The programme is waiting for the answer; the application cannot go further until then.

# Attachments
attachments_none = No file attached yet.
attachment_remove = Remove
document_other = Other document
attachment_error_type_not_allowed = This kind of file is not accepted for this call. Accepted: { $accepted }.
attachment_error_empty_file = The file is empty; choose the document again.
attachment_error_invalid_kind = Choose what kind of document this is.
attachment_error_too_large = The file is larger than this call accepts ({ $max } at most).

# The declaration names whom it is about; a submitted scorecard can be read again
declaration_title = Title
declaration_partners = Partners
declaration_no_partners = No partner named
declaration_judge_hint = Declare a conflict if you, a relative or an organisation you work for has a link with the applicant or a partner.
scorecard_submitted_note = You submitted this scorecard; it is shown as recorded. A manager can reopen it if it needs a change.

# The submitted application as a PDF
pdf_answers = Answers
pdf_fact = { $label }: { $value }
pdf_generated = Generated by MMD Grants on { $at }, from the record of the submission.
pdf_download = Download the submitted application (PDF)
ranking_lots_label = Lots
ranking_page_position = Page
ranking_page_of = of

# A call's documents
call_documents_heading = Documents of the call
call_documents_none = No document has been published with this call yet.
call_document_title = Title of the document (as applicants will read it)
call_document_file = File (PDF, Word, Excel or OpenDocument)
call_document_publish = Publish the document
call_document_remove = Withdraw
document_error_title = Give the document a title (at most 200 characters).

# Questions and answers about a call
call_questions_heading = Questions and answers
call_questions_until = Questions are taken until
call_questions_closed = Questions about this call are closed.
call_questions_none = No question has been answered yet.
call_question_waiting = Waiting for the programme's answer; it will be published here for everyone.
call_question_answered_on = Answered on
call_question_answer = Answer (published for everyone)
call_question_publish = Publish the answer
call_question_label = Your question (answers are published for every applicant)
call_question_ask = Send the question
call_question_length = Write your question (or answer) in 10 to 2,000 characters.
call_question_already_answered = This question has already been answered.

# What a page says after an action that worked (once)
flash_done = Done: { $what }.
flash_submit = Your application has been submitted. A receipt is on its way to your email address.
flash_withdraw = The application has been withdrawn.
flash_respond = Your answer has been sent to the programme.
flash_decline = The grant has been declined; the programme has been told.
flash_declare_no_conflict = Your declaration is signed: you can now read and score the application.
flash_declare_conflict = Your conflict of interest is recorded; the application has been taken off your list.
flash_submit_scorecard = Your scorecard has been submitted.
flash_question_asked = Your question has been sent. The answer will be published on this page for every applicant.
flash_question_answered = The answer is published on the call's page and the person who asked has been emailed.
flash_document_published = The document is published with the call.
flash_document_withdrawn = The document has been withdrawn from the call.
flash_attachment_removed = The file has been removed.

# The usual five-point scale's descriptors, shown beside each score
scale_five_1 = very poor
scale_five_2 = poor
scale_five_3 = adequate
scale_five_4 = good
scale_five_5 = very good

# Irreversible actions, asked twice.
title_confirm = Confirm: { $what }
confirm_reason = Reason given:
confirm_go_back = Go back without doing anything
confirm_application_withdraw = Once withdrawn, the application leaves the call: it will not be evaluated and cannot be submitted again. This cannot be undone.
confirm_application_decline = The grant will be declined and offered to the next application on the reserve list. This cannot be undone.
confirm_application_close = The grant will be closed: no more reports or payments can be recorded for it. This cannot be undone.
confirm_application_terminate = The grant agreement will end early; the grantee and the programme are told. This cannot be undone.
confirm_call_publish = The call will be open to everyone: its rules, budget and forms can no longer be changed. This cannot be undone.
confirm_call_cancel = The call will be cancelled: no application can be submitted to it any more. This cannot be undone.
confirm_payment_paid = The payment will be recorded as paid and the grantee told. This cannot be undone.
flash_paid = The payment is recorded as paid.
scorecard_proposal = The proposal
scorecard_grid = Your scores

# A form sent after its session ended.
held_notice = Your session has ended. Sign in again: what you typed is kept, and you can send it afterwards.
title_held = Send what you typed
held_intro = You are signed in again. What you typed before your session ended has not been sent yet.
held_send = Send it now
held_back = Go back to the page without sending

# The printable evaluation report.
evaluation_report_title = Evaluation report
evaluation_report_deadline = deadline
evaluation_report_generated = generated
evaluation_report_opening = Opening record
evaluation_report_organisation = Organisation
evaluation_report_country = Country
evaluation_report_lot = Lot
evaluation_report_submitted = Submitted
evaluation_report_on_time = On time
evaluation_report_yes = yes
evaluation_report_no = no
evaluation_report_not_checked = not checked
evaluation_report_eligibility = Eligibility
evaluation_report_scores = Scores
evaluation_report_evaluator = Evaluator
evaluation_report_total = Total
evaluation_report_decisions = Consolidated scores, ranking and decisions
evaluation_report_thresholds = Thresholds
evaluation_report_thresholds_met = met
evaluation_report_thresholds_not_met = not met:
evaluation_report_decision = Decision
evaluation_report_awarded = Amount awarded
evaluation_report_awarded_total = Total awarded
evaluation_report_reserve = Reserve list
evaluation_report_none = none
evaluation_report_declarations = Declarations of impartiality and conflicts of interest
evaluation_report_status = Status
evaluation_report_declared = Declared
evaluation_report_conflict = Conflict declared
evaluation_report_sections = Parts of the report
evaluation_report_whole = The whole report, to print or save
action_assign_evaluator = Evaluator assigned
action_arbitrate = Arbitration recorded

# Files sent with the answer to a clarification request.
clarification_files = Files sent with the answer
clarification_file = A file for your answer (optional)
clarification_file_hint = Add any files first, then send your answer below.
clarification_file_send = Add the file
clarification_file_missing = Choose a file to add to your answer.
flash_clarification_file_added = The file is added to your answer. Send the answer when it is complete.
document_clarification = File sent with a clarification answer

# Evaluation in sight: discrepancies, arbitration, what blocks the decision.
evaluation_heading = Evaluation
evaluation_scorecards = Scorecards submitted
discrepancy_open = The first two totals ({ $first } and { $second }) differ by { $gap } points, more than the { $allowed } allowed: assign a third evaluator or record an arbitration.
discrepancy_badge = scores to arbitrate
arbitration_note = Your arbitration
arbitration_hint = Say which assessment you follow and why; it is kept in the audit trail. The score stays the mean of the scorecards.
arbitration_submit = Record the arbitration
arbitration_recorded = An arbitration is recorded for this application.
flash_arbitrate = The arbitration is recorded; the evaluation is complete if nothing else is missing.
pending_heading = Not ready for the decision
pending_intro = These applications cannot be ranked yet:
pending_more = { $count ->
    [one] and 1 more application waiting: see the list
   *[other] and { $count } more applications waiting: see the list
}
waiting_eligibility = eligibility not settled
waiting_evaluators = eligible, no evaluator assigned yet
waiting_scorecards = { $submitted } of { $required } scorecards submitted
action_discrepancy_found = Scores to arbitrate: the first two totals differ too much

# Call designer
design_nav_label = Parts of the call
design_part_rules = Rules and lots
design_part_form = Application form
design_part_grid = Scoring grid
design_part_checklist = Checklist
design_part_eligibility = Who and where
design_part_reporting = Reporting
design_part_preview = Preview
title_design_form = Application form
title_design_question = Edit a question
title_design_new_question = Add a question
title_design_preview = Preview of the application form
design_stage_label = Stage of the call
design_stage_concept_note = Concept note
design_stage_full_application = Full application
design_form_intro = The questions applicants answer, in order. Open a question to change its wording, help, kind or limits.
design_form_preview = Preview the form as applicants will see it
design_engine_mark = (used by the eligibility checks)
design_group_empty = Nothing inside yet: add a question to it.
design_move_up = Move up
design_move_down = Move down
design_remove = Remove
design_add_inside = Add a question inside
design_add_top = Add a section or a question
design_back_to_form = Back to the list of questions
design_engine_note = The eligibility checks read this answer, so it keeps its place and its kind; its wording and help can change.
design_field_kind = Kind of answer
design_kind_hint = A repeating group (partners, budget lines) holds several fields that applicants fill in once per line.
design_wording = Wording
design_field_en = Question in English
design_field_fr = Question in French
design_field_help_en = Help in English (optional)
design_field_help_fr = Help in French (optional)
design_field_required = An answer is required to submit
design_details = Limits and options
design_details_hint = Limits count characters for texts, the value for numbers and lines for lists and groups. Leave them empty for none.
design_field_min = Minimum
design_field_max = Maximum
design_field_choices = Options, one per line
design_choices_hint = Write each option as English | French, for example: Yes, fully | Oui, entièrement
design_field_item_en = Name of one line in English (lists and groups), e.g. Budget line
design_field_item_fr = Name of one line in French (lists and groups), e.g. Ligne budgétaire
design_save_question = Save the question
design_preview_note = This is the form exactly as applicants will see it. Nothing can be sent from this page.
design_preview_in_fr = See it in French
design_preview_in_en = See it in English
design_preview_form = Application form preview
design_question_gone = That question is no longer in the form: someone changed it meanwhile. Here is the form as it is now.
design_engine_question = This question is used by the eligibility checks and cannot be removed.
design_saved_meanwhile = Someone saved this call while you were editing it. Open it again to see their changes, then make yours.
question_kind_section = Section
question_kind_group = Repeating group
question_kind_short_text = Short text
question_kind_long_text = Long text
question_kind_text_list = List of short texts
question_kind_number = Whole number
question_kind_money = Amount in euros
question_kind_date = Date
question_kind_choice = One choice
question_kind_choices = Several choices
question_kind_country = One country
question_kind_countries = Several countries
question_kind_yes_no = Yes or no
design_problem_blank = Write it.
design_problem_too_few_choices = Give at least two options, one per line.
design_problem_choice_unnamed = Every option needs a label in English and in French.
design_problem_min_above_max = The maximum is below the minimum.
design_problem_short_text_max = A short text holds from 1 to 300 characters; choose a long text for more.
design_problem_long_text_max = A long text holds from 301 to 100,000 characters; choose a short text for less.
design_problem_unknown_kind = Choose a kind of answer from the list.
design_problem_not_a_whole_number = Write a whole number, such as 500.
design_problem_section_inside = A section can only be added at the top of the form; use a repeating group inside a section.
flash_question_moved = The question was moved.
flash_question_removed = The question was removed.
flash_question_saved = The question was saved.

# Applications list: search, filters, export
filter_search = Search
filter_search_hint = Reference, title or organisation
filter_tag = Tag
applications_csv = Download these applications (CSV)
tags_jvap_domains = JVAP domains
tags_dialogues = Dialogues
tags_geographic_level = Geographic levels
csv_reference = Reference
csv_title = Title
csv_organisation = Organisation
csv_country = Country
csv_call = Call
csv_lot = Lot
csv_state = State
csv_requested = Amount requested (EUR)
csv_awarded = Amount awarded (EUR)
csv_submitted_at = Submitted at (UTC)

# Call designer: scoring grid and checklist pages
design_grid_intro = Evaluators score each criterion on its scale; a ×2 criterion counts twice. A section or total minimum eliminates the applications below it. Save to keep your changes.
design_grid_stages = Grid of each stage
design_grid_stage_concept_note = Concept-note grid
design_grid_stage_full_application = Full-application grid
design_grid_sections = Sections
design_grid_section = Section { $n }
design_grid_title_en = Title in English
design_grid_title_fr = Title in French
design_grid_minimum = Minimum score of the section (optional)
design_grid_section_max = Section maximum:
design_grid_points = { $points } points
design_grid_criterion = Criterion { $section }.{ $n }
design_grid_question_en = Question in English
design_grid_question_fr = Question in French
design_grid_scale_min = Lowest score
design_grid_scale_max = Highest score
design_grid_weight = Weight
design_grid_criterion_max = Worth up to
design_grid_move_up = Move up
design_grid_move_down = Move down
design_grid_add_criterion = Add a criterion
design_grid_remove_criterion = Remove this criterion
design_grid_add_section = Add a section
design_grid_remove_section = Remove this section
design_grid_descriptors = Words of the scale
design_grid_descriptors_hint = Optional: what each score means, shown to evaluators beside the scores (for example 1 = very poor … 5 = very good).
design_grid_descriptor = Score description { $n }
design_grid_score = Score
design_grid_words_en = Meaning in English
design_grid_words_fr = Meaning in French
design_grid_add_descriptor = Add a score description
design_grid_remove_descriptor = Remove this description
design_grid_total_heading = Total
design_grid_total_minimum = Minimum total score (optional)
design_grid_total_max = Grid total:
design_grid_update_totals = Update the totals
design_grid_save = Save the grid
flash_design_grid_saved = The scoring grid is saved.
design_grid_error_invalid = This value is not accepted.
design_grid_error_required = This field is required.
design_grid_error_too_long = This text is too long.
design_grid_error_invalid_number = Write a number, such as 12.
design_grid_error_invalid_code = The code kept for this line is not valid; remove the line and add it again.
design_grid_error_duplicate_code = Another line has the same code; remove this line and add it again.
design_grid_error_reserved_code = This title gives a reserved code; change the English text.
design_grid_error_out_of_range = This value is outside the allowed range.
design_grid_error_weight_out_of_range = A criterion weighs 1 or 2.
design_grid_error_scale_max_out_of_range = A scale starts at 1 or more and its highest score is above its lowest and at most 10.
design_grid_error_score_out_of_range = No criterion of this grid can give this score.
design_grid_error_above_maximum = The minimum is above the most points that can be scored.
design_grid_error_minimum_out_of_range = A minimum cannot be negative.
design_grid_error_total_minimum_out_of_range = A minimum cannot be negative.
design_grid_error_duplicate_score = This score is already described.
design_grid_error_sections_required = A grid needs at least one section.
design_grid_error_criteria_required = A section needs at least one criterion.
design_grid_error_stale_version = Someone saved this call while you were editing it. Open the page again to see their changes, then make yours.
scorecard_scale_heading = Meaning of the scores
design_checklist_intro = The questions a manager answers for every application before it is declared eligible. Save to keep your changes.
design_checklist_item = Question { $n }
design_checklist_question_en = Question in English
design_checklist_question_fr = Question in French
design_checklist_add = Add a question
design_checklist_remove = Remove this question
design_checklist_empty = The checklist has no question yet.
design_checklist_save = Save the checklist
flash_design_checklist_saved = The checklist is saved.

# Call designer: who and where
title_design_eligibility = Who and where
design_elig_intro = Who may apply, from which countries, and which tags applications may carry. The buttons only change the boxes on this page; nothing is stored until you save.
design_elig_applicant_types = Kinds of organisation that may apply
design_elig_countries = Eligible countries
design_elig_countries_hint = Organisations from these countries may lead, partner and implement. Tick them one by one, or take in a whole dialogue with its button.
design_elig_all_countries = Tick every country
design_elig_no_countries = Clear every country
design_elig_add_dialogue = Add every country of the { $dialogue }
design_elig_remove_dialogue = Remove the countries of the { $dialogue }
design_elig_min_countries = Minimum number of countries of implementation
design_elig_min_countries_hint = 1 for a single-country action; 2 or more makes it a multi-country call.
design_elig_exclude_same_country = Never assign an evaluator from the applicant's country
design_elig_tags = Tags applications may carry
design_elig_tags_hint = Applicants classify their action with these; untick what this call does not cover.
design_elig_jvap_domains = JVAP domains
design_elig_dialogues = Dialogues
design_elig_geographic_levels = Geographic levels
design_elig_save = Save who and where
flash_design_eligibility_saved = Who may apply and from where is saved.
design_elig_error_eligible_applicant_types_required = Tick at least one kind of organisation.
design_elig_error_eligible_applicant_types_unknown_type = An unknown kind of organisation was sent; tick them again.
design_elig_error_eligible_countries_required = Tick at least one country.
design_elig_error_eligible_countries_unknown_country = A country that is not in the programme was sent; tick them again.
design_elig_error_min_countries_out_of_range = The minimum number of countries must be at least 1 and at most the number of countries ticked.
design_elig_error_min_countries_not_a_number = Type a whole number, such as 2.
design_elig_error_jvap_domains_unknown_tag = An unknown JVAP domain was sent; tick them again.
design_elig_error_dialogues_unknown_tag = An unknown dialogue was sent; tick them again.
design_elig_error_geographic_levels_unknown_tag = An unknown geographic level was sent; tick them again.
design_elig_error_call_stale = Someone saved this call while you were editing it. Open the page again to see their changes, then make yours.
design_elig_error_call_frozen = This call is published: its rules are frozen and can no longer be edited.

# Call designer: reporting
title_design_reporting = Reporting
design_report_intro = When grantees of this call report. Each agreement signed under the call plans its reports and its pre-financing payments from these numbers.
design_report_explained = The action is cut into periods of { $period } months. After each period but the last, an interim report is due { $days } days after the period ends; it releases the next pre-financing. The final report, on the whole action, is due { $final } months after the action ends.
design_report_legend = Reporting plan
design_report_period_months = Length of a reporting period (months)
design_report_period_months_hint = Between 3 and 24 months; 12 means a yearly report.
design_report_interim_report_days = Interim report due (days after the period ends)
design_report_interim_report_days_hint = Between 15 and 180 days.
design_report_final_report_months = Final report due (months after the action ends)
design_report_final_report_months_hint = Between 1 and 12 months.
design_report_save = Save the reporting plan
flash_design_reporting_saved = The reporting plan is saved.
design_report_error_period_months_out_of_range = A reporting period lasts between 3 and 24 months.
design_report_error_interim_report_days_out_of_range = An interim report is due between 15 and 180 days after its period.
design_report_error_final_report_months_out_of_range = The final report is due between 1 and 12 months after the action.
design_report_error_period_months_not_a_number = Type a whole number of months, such as 12.
design_report_error_interim_report_days_not_a_number = Type a whole number of days, such as 60.
design_report_error_final_report_months_not_a_number = Type a whole number of months, such as 3.
design_report_error_call_stale = Someone saved this call while you were editing it. Open the page again to see their changes, then make yours.
design_report_error_call_frozen = This call is published: its rules are frozen and can no longer be edited.

# Call designer: lots in both languages, lots as rows, copying a call
copy_call_link = Copy into a new draft
call_hint_reference_copy = This draft copies an earlier call: give it a new reference, one no other call uses.
call_lot_legend = Lot
call_lot_name_en = Name in English
call_lot_name_fr = Name in French (optional)
call_lot_budget = Budget
call_lot_add = Add a lot
call_lot_remove = Remove lot

# People administration (admins invite, change roles, deactivate; API tokens)
nav_people = People
title_people = People
title_people_invite = Invite someone
title_person = Person
title_choose_password = Choose your password
people_invite_link = Invite someone
people_search = Name or email
people_name = Name
people_language = Language
people_roles = Roles
people_role_manager = Manager
people_role_evaluator = Evaluator
people_role_auditor = Auditor
people_role_admin = Admin
people_country = Country
people_country_hint = Needed for evaluators: they are kept away from applicants of their own country when the call says so.
people_no_country = No country
people_expertise = Expertise (evaluators)
people_expertise_hint = Automatic assignment prefers, among the least busy evaluators, one who knows a JVAP domain the application selected.
people_error_unknown_domain = Choose among the programme's JVAP domains.
people_state_active = Active
people_state_invited = Invited
people_state_deactivated = Deactivated
people_invite_submit = Send the invitation
people_back = Back to people
people_details = Roles and language
people_save = Save
people_access = Access
people_deactivate = Deactivate
people_reactivate = Reactivate
people_tokens = API tokens
people_no_tokens = No API token.
people_token_once = Here is the new token. Copy it now: it will not be shown again.
people_token_created = Created
people_token_expires = Expires
people_token_last_used = Last used
people_token_revoked = Revoked
people_token_revoke = Revoke
people_token_new = New API token
people_token_name = What it is for
people_token_expires_field = Expires on
people_token_create = Create the token
people_errors_title = Please correct the following:
people_error_required = This is required.
people_error_invalid_email = Give a valid email address.
people_error_taken = This email already has an account.
people_error_too_long = This is too long.
people_error_control_characters = Line breaks and control characters are not allowed.
people_error_invalid_country = Give the two-letter country code, e.g. SN.
people_error_not_staff = Choose among manager, evaluator, auditor and admin.
people_error_last_admin = At least one active admin must remain.
people_error_invalid_date = Give a date.
people_error_token_expiry = Choose a date after today and at most one year from now.
confirm_person_deactivate = Their sessions end and their API tokens stop working at once; they cannot sign in and get no new evaluations until reactivated.
confirm_person_reactivate = They can sign in again with their password; their old sessions stay closed.
flash_person_invited = The invitation has been sent.
flash_person_saved = The changes have been saved.
flash_person_deactivated = Their access has ended.
flash_person_reactivated = They can sign in again.
flash_person_token_revoked = The token has been revoked.
design_preview_shown_in = Shown in:
design_preview_lang_en = English
design_preview_lang_fr = French

# Form answers: what an applicant reads when an answer is wrong ($label is the field's name)
form-label = The form
form-item-label = { $list }, item { $number }
form-error-required = { $label } is required
form-error-type = { $label } must be { $expected }
form-error-minimum = { $label } must be at least { $limit }
form-error-maximum = { $label } must be at most { $limit }
form-error-exclusive-minimum = { $label } must be greater than { $limit }
form-error-exclusive-maximum = { $label } must be less than { $limit }
form-error-min-length = { $limit ->
    [1] { $label } must not be empty
   *[other] { $label } must be at least { $limit } characters long
}
form-error-max-length = { $limit ->
    [one] { $label } must be at most { $limit } character long
   *[other] { $label } must be at most { $limit } characters long
}
form-error-pattern-hint = { $label } must be { $hint }
form-error-pattern = { $label } is not in the expected format
form-error-enum = { $label } must be one of: { $options }
form-error-const = { $label } must be { $value }
form-error-min-items = { $limit ->
    [1] { $label } must have at least one entry
   *[other] { $label } must have at least { $limit } entries
}
form-error-max-items = { $limit ->
    [1] { $label } must have at most one entry
   *[other] { $label } must have at most { $limit } entries
}
form-error-unique-items = { $label } must not list the same value twice
form-error-format = { $label } must be { $format }
form-error-unknown-fields = { $label } has fields that are not part of the form: { $fields }
form-error-invalid = { $label } is not valid
form-types-or = { $first } or { $second }
form-type-string = text
form-type-integer = a whole number
form-type-number = a number
form-type-boolean = yes or no
form-type-array = a list
form-type-object = a group of fields
form-type-null = empty
form-format-date = a date (YYYY-MM-DD)
form-format-date-time = a date and time
form-format-email = an email address
form-format-uri = a web address
form-format-other = in the { $format } format

# Scorecards: what an evaluator reads when a scorecard cannot be submitted
scorecard-error-score-required = { $label }: a score is required
scorecard-error-score-out-of-range = { $label }: the score must be between { $min } and { $max }
scorecard-error-comment-required = { $label }: a score below { $comment_required_below } needs a comment
scorecard-error-unknown-criterion = { $code } is not a criterion of this grid
scorecard-error-overall-comment-required = An overall comment is required

# Eligibility rules checked at submission: why an application is refused or flagged
eligibility-applicant-type = organisations of type { $kind } cannot apply to this call
eligibility-lead-country = the lead organisation's country ({ $country }) is not eligible for this call
eligibility-partner-country = partner country { $country } is not eligible for this call
eligibility-implementation-country = the action cannot take place in { $country } under this call
eligibility-multi-country = this call needs actions in at least { $needed } countries
eligibility-duration = the action must last between { $min } and { $max } months
eligibility-required-attachment = the attachment `{ $kind }` is required
eligibility-declared-type-differs = declared type { $declared } differs from the registered type { $registered }
eligibility-tag-not-allowed = { $tag } is not among this call's themes
eligibility-level-not-allowed = the { $level } level is not open in this call
eligibility-requested-below-minimum = the requested amount ({ $requested } EUR) is below the minimum grant of { $min } EUR
eligibility-requested-above-maximum = the requested amount ({ $requested } EUR) is above the maximum grant of { $max } EUR
eligibility-cofinancing-cap = the grant may cover at most { $percent } % of the total cost ({ $cap } EUR of { $total } EUR)
eligibility-budget-lines-sum = the budget lines add up to { $sum } EUR, not to the total of { $total } EUR
eligibility-indirect-costs = indirect costs exceed 7 % of direct costs
eligibility-budget-balance = requested amount plus own contribution ({ $requested } + { $own } EUR) must equal the total ({ $total } EUR)

# Full applications of restricted calls, checked against their concept note
concept-note-locked-field = { $field } is fixed by the concept note and cannot change
concept-note-requested-variation = the requested amount must stay between { $low } and { $high } EUR, within the concept note's

# Call designer: what cannot be read in the call and grid forms
call-form-error-amount = an amount in euros, such as 250000.00 ({ $why })
call-form-error-lot-amount = an amount in euros, such as 600 000 or 600000.00 ({ $why })
call-form-error-whole-number = a whole number
call-form-error-rate = a fraction such as 0.90
call-form-error-patch-object = a JSON object, such as {"{"}"min_countries": 2{"}"}
call-form-error-patch-json = not valid JSON: { $why }
call-form-error-instant-required = a date and time (UTC) is required
call-form-error-instant = a date and time as YYYY-MM-DDTHH:MM (UTC)
grid-form-error-points = a number of points, such as 12 or 12.5

# Dates and times, for pages, PDFs and emails: 10 December 2026, 23:59 GMT
written-date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
written-date-time = { $date }, { $hour_padded }:{ $minute } { $zone }
written-percent = { $value }%

# How this language writes numbers: its decimal mark, the mark between groups of three digits, an amount in
# euros, and its own name in the language menu. A new catalogue sets these for its language.
number-decimal = .
number-group = ,
written-money = €{ $amount }
written-size = { $number } { $unit ->
    [b] B
    [kb] kB
   *[mb] MB
}
language-name = English

# Emails: words the templates receive already in the recipient's language
email-report-kind = { $kind ->
    [interim] interim
    [final] final
   *[other] { $kind }
}

# Emails: every sentence of the notification emails. The templates (templates/email/<event>/subject.hbs,
# text.hbs, html.hbs and partials/) hold the markup and ask for these by id: {{t "email-greeting" name=…}}.
# Ids are email-<event>-<what>; shared ones name no event. A "-text" message is the plain-text part's
# wording where it differs from the HTML part's (there a link's label ends with a colon and the address
# follows on the next line). The HTML part escapes what these print, variables and text alike.

# email: shared by several emails
email-greeting = Dear { $name },
email-link-view-grant = View your grant
email-link-view-grant-text = View your grant:
email-link-view-application = View your application
email-link-view-application-text = View your application:
email-reason-given = Reason given:
email-label-title = Title:
email-link-open-application = Open the application
email-link-open-application-text = Open the application:
email-link-open-call = Open the call
email-link-open-call-text = Open the call:
email-link-expires-hours = This link expires in { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }.
email-decision-amount-awarded = Amount awarded:
email-decision-amount-requested = Amount requested:
email-decision-score = Consolidated score:
email-decision-section-score = { $label }: { $points } / { $max }
email-decision-comments = The evaluators' comments:
email-footer-regards = Kind regards,
email-footer-team = The { $programme } team
email-footer-why = You receive this email because you have an account on { $programme } and take part in its calls for proposals. This is a service message.
email-application-draft = no. { $id } (draft)

# email: account_exists
email-account-exists-subject = Someone tried to register with your address
email-account-exists-heading = This address already has an account
email-account-exists-intro = Someone — perhaps you — tried to register a new { $programme } account with this email address. It already has an account, so nothing was created.
email-account-exists-link = Forgotten your password? Choose a new one
email-account-exists-not-you = If it was not you, you can ignore this email: your account has not changed.
email-account-exists-link-text = If it was you, sign in with your password; if you forgot it, choose a new one:

# email: agreement_signed
email-agreement-signed-subject = Grant agreement signed: { $reference }
email-agreement-signed-heading = Grant agreement signed
email-agreement-signed-intro = The grant agreement for your application { $reference } “{ $title }” has been signed.
email-agreement-signed-amount = Amount of the grant:
email-agreement-signed-period = Implementation period:
email-agreement-signed-period-dates = { $start } to { $end }
email-agreement-signed-payments = Payments:
email-agreement-signed-payment-balance = { $amount }, balance, on approval of the final report
email-agreement-signed-payment-after-report = { $amount }, pre-financing, on approval of interim report { $period }
email-agreement-signed-payment-at-signature = { $amount }, pre-financing, released at signature
email-agreement-signed-report-final = Final report: { $due }
email-agreement-signed-report-interim = Interim report { $period }: { $due }
email-agreement-signed-reports = Reports due:
email-agreement-signed-reminders = Please keep to the reporting dates set in the agreement. We will remind you before each report is due.
email-agreement-signed-period-text = Implementation period: { $start } to { $end }

# email: application_awarded
email-application-awarded-subject = Grant awarded: { $reference }
email-application-awarded-heading = Grant awarded
email-application-awarded-intro = We are pleased to inform you that a grant has been awarded to your application { $reference } “{ $title }” in the call { $call }.
email-application-awarded-next = The next step is the grant agreement. We will contact you to prepare it.

# email: application_eligible
email-application-eligible-subject = Application { $reference } is eligible
email-application-eligible-heading = Application eligible
email-application-eligible-intro = Your application { $reference } “{ $title }” to the call { $call } has been declared eligible.
email-application-eligible-next = The next step is its evaluation. We will tell you the result by email.

# email: application_ineligible
email-application-ineligible-subject = Application { $reference } is not eligible
email-application-ineligible-heading = Application not eligible
email-application-ineligible-intro = After review, your application { $reference } “{ $title }” to the call { $call } has been declared ineligible. It will not be evaluated.
email-application-ineligible-no-reason = It does not meet one or more of the eligibility criteria set out in the call.
email-application-ineligible-thanks = Thank you for the time you put into your application.

# email: application_rejected
email-application-rejected-subject = Application { $reference } not selected
email-application-rejected-heading = Application not selected
email-application-rejected-intro = We regret to inform you that your application { $reference } “{ $title }” in the call { $call } has not been selected for a grant.
email-application-rejected-scores = The evaluators' scores and comments are available on the application page.
email-application-rejected-thanks = Thank you for the work you put into your application.
email-application-rejected-link = View scores and comments
email-application-rejected-link-text = View scores and comments:

# email: application_reserve_listed
email-application-reserve-listed-subject = Application { $reference } placed on the reserve list
email-application-reserve-listed-heading = Application on the reserve list
email-application-reserve-listed-intro = Your application { $reference } “{ $title }” in the call { $call } has been placed on the reserve list.
email-application-reserve-listed-next = It cannot be funded for now, but it may receive a grant if funds become available. We will tell you the final decision by email.

# email: application_submitted
email-application-submitted-subject = New application { $reference } ({ $call_reference })
email-application-submitted-heading = New application submitted
email-application-submitted-intro = A new application has been submitted to the call { $call } ({ $call_reference }).
email-application-submitted-reference = Reference:

# email: application_submitted_receipt
email-application-submitted-receipt-subject = Application received: { $reference }
email-application-submitted-receipt-heading = Application received
email-application-submitted-receipt-intro = We have received your application “{ $title }” to the call for proposals { $call } ({ $call_reference }).
email-application-submitted-receipt-reference = Your application reference is:
email-application-submitted-receipt-quote = Please quote this reference in any message about your application.
email-application-submitted-receipt-next = Next, we will check that your application is eligible. We will tell you the result by email.

# email: application_withdrawn
email-application-withdrawn-subject = Application { $reference } withdrawn by the applicant
email-application-withdrawn-heading = Application withdrawn by the applicant
email-application-withdrawn-intro = The applicant has withdrawn application { $reference } from the call { $call } ({ $call_reference }).
email-application-withdrawn-next = No further action is needed on this application.

# email: application_withdrawn_receipt
email-application-withdrawn-receipt-subject = Application withdrawn: { $reference }
email-application-withdrawn-receipt-heading = Application withdrawn
email-application-withdrawn-receipt-intro = As you requested, your application { $reference } “{ $title }” to the call { $call } ({ $call_reference }) has been withdrawn.
email-application-withdrawn-receipt-next = It will not be reviewed or evaluated. If you did not withdraw it yourself, please contact the { $programme } team as soon as possible.

# email: award_declined
email-award-declined-subject = Award declined: { $reference }
email-award-declined-heading = Award declined
email-award-declined-intro = The applicant has declined the grant awarded to application { $reference } “{ $title }” (call { $call_reference }).
email-award-declined-next = The funds may now be available for an application on the reserve list.

# email: call_cancelled
email-call-cancelled-subject = Call cancelled: { $call_reference } – { $call }
email-call-cancelled-heading = Call cancelled
email-call-cancelled-intro = The call for proposals { $call } ({ $call_reference }) has been cancelled.
email-call-cancelled-next = No further steps will take place under this call. We apologise for any inconvenience.
email-call-cancelled-link = View the call
email-call-cancelled-link-text = View the call:

# email: call_closed
email-call-closed-subject = Call closed: { $call_reference }
email-call-closed-heading = Call closed
email-call-closed-intro = The deadline of the call { $call } ({ $call_reference }) has passed and the call is now closed. No more applications can be submitted.
email-call-closed-next = The next step is to start the evaluation.

# email: call_decided
email-call-decided-subject = Decisions recorded: { $call_reference }
email-call-decided-heading = Decisions recorded
email-call-decided-intro = Award decisions have been recorded for all applications in the call { $call } ({ $call_reference }).
email-call-decided-next = The call can now be archived.

# email: call_published
email-call-published-subject = Call published: { $call_reference }
email-call-published-heading = Call published
email-call-published-intro = The call for proposals { $call } ({ $call_reference }) is now published. Applicants can submit applications until the deadline.

# email: call_question_answered
email-call-question-answered-subject = Your question about { $call_reference } is answered
email-call-question-answered-heading = Your question is answered
email-call-question-answered-intro = The programme has answered your question about the call { $call } ({ $call_reference }). The answer is published on the call's page for every applicant.
email-call-question-answered-question = Your question:
email-call-question-answered-answer = The answer:
email-call-question-answered-link = Read the call's questions and answers
email-call-question-answered-link-text = Read the call's questions and answers:

# email: clarification_answered
email-clarification-answered-subject = Clarification answered: { $reference }
email-clarification-answered-heading = Clarification answered
email-clarification-answered-intro = The applicant has answered your question about application { $reference } “{ $title }” (call { $call_reference }).
email-clarification-answered-answer = Answer:
email-clarification-answered-next = The application is back in eligibility review.

# email: clarification_expired
email-clarification-expired-subject = Application { $reference } ineligible: no answer received
email-clarification-expired-heading = No answer received: application ineligible
email-clarification-expired-intro = We did not receive your answer to our question about application { $reference } “{ $title }” in time. Your application has therefore been declared ineligible and will not be evaluated.
email-clarification-expired-thanks = Thank you for your interest in the call { $call }.

# email: clarification_requested
email-clarification-requested-subject = Question about your application { $reference }: please reply by { $due }
email-clarification-requested-heading = Question about your application
email-clarification-requested-intro = A call manager has a question about your application { $reference } “{ $title }”.
email-clarification-requested-question = Question:
email-clarification-requested-due = Please answer on the application page by { $due }.
email-clarification-requested-warning = If we do not receive your answer by then, your application will be declared ineligible.
email-clarification-requested-link = Answer the question
email-clarification-requested-link-text = Answer the question:

# email: concept_note_not_shortlisted
email-concept-note-not-shortlisted-subject = Concept note { $reference } not shortlisted
email-concept-note-not-shortlisted-heading = Concept note not shortlisted
email-concept-note-not-shortlisted-intro = We regret to inform you that your concept note { $reference } “{ $title }” to the call { $call } has not been shortlisted. You are therefore not invited to submit a full application.
email-concept-note-not-shortlisted-thanks = Thank you for the work you put into your concept note.

# email: concept_note_shortlisted
email-concept-note-shortlisted-subject = Concept note { $reference } shortlisted: full application invited
email-concept-note-shortlisted-heading = Concept note shortlisted
email-concept-note-shortlisted-intro = Your concept note { $reference } “{ $title }” to the call { $call } has been shortlisted. You are invited to submit a full application.
email-concept-note-shortlisted-next = The next steps are shown on the application page.
email-concept-note-shortlisted-link = View the next steps
email-concept-note-shortlisted-link-text = View the next steps:

# email: email_verification
email-email-verification-subject = Confirm your email address
email-email-verification-heading = Confirm your email address
email-email-verification-intro = Please confirm your email address to activate your { $programme } account.
email-email-verification-link = Confirm my email address
email-email-verification-not-you = If you did not create an account, you can ignore this email.
email-email-verification-link-text = Confirm my email address:

# email: evaluation_assigned
email-evaluation-assigned-subject = New evaluation assignment: { $reference }
email-evaluation-assigned-heading = New evaluation assignment
email-evaluation-assigned-intro = You have been assigned to evaluate application { $reference } “{ $title }” in the call { $call } ({ $call_reference }).
email-evaluation-assigned-declaration = Before you can see its content, you must declare whether you have a conflict of interest.

# email: evaluation_completed
email-evaluation-completed-subject = Evaluation completed: { $reference }
email-evaluation-completed-heading = Evaluation completed
email-evaluation-completed-intro = All scorecards for application { $reference } “{ $title }” (call { $call_reference }) have been submitted.
email-evaluation-completed-next = The application is ready for a decision.

# email: grant_closed
email-grant-closed-subject = Grant closed: { $reference }
email-grant-closed-heading = Grant closed
email-grant-closed-intro = The grant for your application { $reference } “{ $title }” has been closed. No further reports are due.
email-grant-closed-thanks = Thank you for your work and cooperation.

# email: grant_terminated
email-grant-terminated-subject = Grant terminated: { $reference }
email-grant-terminated-heading = Grant terminated
email-grant-terminated-intro = The grant for your application { $reference } “{ $title }” has been terminated.
email-grant-terminated-no-reason = No reason was recorded with this decision. If you have questions, please contact the { $programme } team.
email-grant-terminated-next = For what happens next, please refer to your grant agreement and the application page.

# email: invitation
email-invitation-subject = You are invited: choose your password
email-invitation-heading = You are invited
email-invitation-intro = An account has been opened for you on { $programme }.
email-invitation-link = Choose your password
email-invitation-expiry = This link expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }. If it has expired, ask the administrator who invited you for a new one.
email-invitation-link-text = Choose your password to sign in:

# email: password_reset
email-password-reset-subject = Reset your password
email-password-reset-heading = Reset your password
email-password-reset-intro = We received a request to reset the password of your { $programme } account.
email-password-reset-link = Choose a new password
email-password-reset-not-you = If you did not request this, you can ignore this email: your password will not change.
email-password-reset-link-text = Choose a new password:

# email: payment_made
email-payment-made-subject = Payment made: { $reference }
email-payment-made-heading = Payment made
email-payment-made-intro = Payment no. { $sequence } of { $amount } for your grant { $reference } “{ $title }” has been made.

# email: report_approved
email-report-approved-subject = Report approved: { $reference }
email-report-approved-heading = Report approved
email-report-approved-intro = Your report ({ $kind }, period { $period }) for { $reference } “{ $title }” has been approved.
email-report-approved-remarks = Remarks:
email-report-approved-next = Any payment this report releases is now being processed.

# email: report_changes_requested
email-report-changes-requested-subject = Changes requested to your report: { $reference }
email-report-changes-requested-heading = Changes requested to your report
email-report-changes-requested-intro = Your report ({ $kind }, period { $period }) for { $reference } “{ $title }” needs changes before it can be approved.
email-report-changes-requested-changes = What to change:
email-report-changes-requested-next = Please correct it and submit it again.
email-report-changes-requested-link = Correct the report
email-report-changes-requested-link-text = Correct the report:

# email: report_due_reminder
email-report-due-reminder-subject = Reminder: { $kind } report due { $due } ({ $grant })
email-report-due-reminder-heading = Reminder: report due
email-report-due-reminder-intro = Your { $kind } report for grant { $grant } is due on { $due }.
email-report-due-reminder-next = Please submit it on time through the platform.
email-report-due-reminder-link = Open the report
email-report-due-reminder-link-text = Open the report:

# email: report_overdue
email-report-overdue-subject = Overdue: { $kind } report for grant { $grant }
email-report-overdue-heading = Report overdue
email-report-overdue-intro = Your { $kind } report for grant { $grant } was due on { $due } and has not been received.
email-report-overdue-next = Please submit it as soon as possible. If you are facing difficulties, please contact the { $programme } team.
email-report-overdue-link = Submit the report
email-report-overdue-link-text = Submit the report:

# email: report_submitted
email-report-submitted-subject = Report submitted: { $reference }
email-report-submitted-heading = Report submitted
email-report-submitted-intro = The grantee of { $reference } “{ $title }” has submitted a report ({ $kind }, period { $period }). It is waiting for your review.
email-report-submitted-link = Review the report
email-report-submitted-link-text = Review the report:

# email: scorecard_reminder
email-scorecard-reminder-subject = Reminder: scorecard for { $reference } due { $due }
email-scorecard-reminder-heading = Reminder: scorecard to finish
email-scorecard-reminder-intro = Your scorecard for application { $reference } in the call { $call } is not finished yet.
email-scorecard-reminder-due = Please complete and submit it by { $due }.
email-scorecard-reminder-link = Open your scorecard
email-scorecard-reminder-link-text = Open your scorecard:

# email: scoring_discrepancy
email-scoring-discrepancy-subject = Scores to arbitrate: { $reference }
email-scoring-discrepancy-heading = Scores to arbitrate
email-scoring-discrepancy-intro = The first two scorecards of application { $reference } “{ $title }” (call { $call_reference }) differ too much: { $first } and { $second } points, a gap of { $gap } where the call allows { $allowed }.
email-scoring-discrepancy-next = The application cannot be ranked until a third evaluator scores it or a manager records an arbitration on its page.

# email: sign_in_link
email-sign-in-link-subject = Finish signing in
email-sign-in-link-heading = Finish signing in
email-sign-in-link-intro = Someone signed in to your { $programme } account with the right password from a new place, while many wrong passwords were being tried on it. If it was you, finish signing in:
email-sign-in-link-link = Finish signing in
email-sign-in-link-not-you = If it was not you, someone knows your password: do not open the link, and choose a new password at once.
email-sign-in-link-intro-text = Someone signed in to your { $programme } account with the right password from a new place, while many wrong passwords were being tried on it. If it was you, finish signing in here:

# email: submissions_digest
email-submissions-digest-subject = New applications to { $call_reference }: { $count }
email-submissions-digest-heading = New applications: { $call_reference }
email-submissions-digest-intro = Applications submitted to the call { $call } ({ $call_reference }) since your last digest: { $count }
email-submissions-digest-item-after-link = : { $title } ({ $organisation })
email-submissions-digest-settings = You chose one digest instead of one email per submission; you can change this under “Email notices” in your account.
email-submissions-digest-item = { $reference }: { $title } ({ $organisation })
email-submissions-digest-settings-text = You chose one digest instead of one email per submission; you can change this under "Email notices" in your account.

# Call designer: checks of a call's rules, settings and lots
validation-required = { $field } is required
validation-too-long = { $field } must be at most { $max } characters
call-rules-error-reference = reference must be 3 to 40 upper-case letters, digits or dashes, e.g. MMD-CFP-2026-01
call-rules-error-deadline-before-opening = the deadline must come after the opening
call-rules-error-min-above-max = the minimum grant cannot exceed the maximum grant
call-rules-error-max-above-budget = the maximum grant cannot exceed the total budget
call-rules-error-timezone = give the timezone the deadline is shown in, e.g. Africa/Bamako
call-rules-error-required-before-publication = { $field } is required before publication
call-rules-error-total-budget-zero = the total budget must be above zero
call-rules-error-max-grant-zero = the maximum grant must be above zero
call-rules-error-deadline-passed = the deadline has already passed
call-settings-error-cofinancing-rate = the co-financing cap is a rate above 0 and at most 1
call-settings-error-durations = durations need 1 ≤ minimum ≤ maximum ≤ 120 months
call-settings-error-applicant-types = at least one applicant type must be eligible
call-settings-error-countries = at least one country must be eligible
call-settings-error-min-countries = the minimum number of countries is between 1 and the { $chosen } eligible countries
call-settings-error-unknown-country = { $code } is not a country of the { $programme } programme
call-settings-error-unknown-tag = { $code } is not in the programme's { $list }
call-settings-error-evaluators = between 1 and 10 evaluators per application
call-settings-error-rate = { $field } is a rate above 0 and at most 1
call-settings-error-shortlist-factor = the shortlist factor is at least 1
call-settings-error-attachment-size = attachments are limited to at most { $max } bytes
call-settings-error-attachment-type = { $kind } is not a supported attachment type
call-settings-error-attachment-kind = attachment kinds are snake_case codes such as statutes
call-settings-error-concept-note-grid = a restricted call needs a concept-note grid
call-settings-error-checklist-code = checklist codes are snake_case, such as on_time
call-settings-error-duplicate-code = the code { $code } is used twice
call-settings-error-concept-note-form = a restricted call needs a concept-note form
call-settings-error-lots-required = a call needs at least one lot
call-settings-error-lot-budget = a lot needs a budget above zero
call-settings-error-lots-sum = the lots add up to { $sum } but the total budget is { $total }
call-design-error-full-application-deadline = full applications are due after the concept-note deadline

# Call designer: checks of a scoring grid
grid-error-code = codes are snake_case, such as action_plan
grid-error-duplicate-code = the code { $code } is used twice in the grid
grid-error-negative-minimum = a minimum cannot be negative
grid-error-minimum-above-maximum = the minimum { $minimum } is above the maximum of { $max } points
grid-error-no-section = a grid needs at least one section
grid-error-reserved-code = total is reserved for the total minimum
grid-error-no-criterion = a section needs at least one criterion
grid-error-weight = a criterion weighs 1 or 2
grid-error-scale = a scale needs 0 < minimum < maximum ≤ { $max }
grid-error-descriptor-score = no criterion of the grid can score { $score }
grid-error-duplicate-score = the score { $score } is described twice

# The programme's default grids and checklist, copied into a new call in English and French
default-grid-section-relevance = Relevance of the action
default-grid-section-design = Design of the action
default-grid-section-capacity = Operational and financial capacity
default-grid-section-effectiveness = Effectiveness and feasibility
default-grid-section-sustainability = Sustainability
default-grid-section-budget = Budget and cost-effectiveness
default-grid-criterion-management-experience = Experience of project management
default-grid-criterion-technical-expertise = Technical expertise on the issues addressed
default-grid-criterion-management-capacity = Management capacity (staff, equipment)
default-grid-criterion-financial-sources = Stable and sufficient sources of finance
default-grid-criterion-objectives-priorities = Relevance to the call's objectives
default-grid-criterion-local-needs = Relevance to local needs and constraints
default-grid-criterion-stakeholders = Stakeholders defined and well chosen
default-grid-criterion-target-groups = Needs of the target groups addressed
default-grid-criterion-coherence = Coherence of the overall design
default-grid-criterion-feasibility = Feasible and consistent with the objectives
default-grid-criterion-activities = Activities consistent with the objectives
default-grid-criterion-action-plan = Clear and feasible action plan
default-grid-criterion-indicators = Verifiable indicators and evaluation
default-grid-criterion-partners-involvement = Involvement of the partners
default-grid-criterion-impact = Tangible impact on the target groups
default-grid-criterion-multiplier-effects = Multiplier effects, replication
default-grid-criterion-sustainable-results = Results sustainable after the action
default-grid-criterion-cost-effectiveness = Costs in proportion to the results
default-grid-criterion-necessary-expenditure = Expenditure necessary for the action
default-checklist-submitted-on-time = Submitted before the deadline
default-checklist-complete = Complete: every required part and attachment
default-checklist-declaration-signed = Declaration of honour signed
default-checklist-lead-eligible = Lead applicant eligible

# Call designer: checks of the reporting plan
reporting-plan-error-months = { $field } is between { $min } and { $max } months
reporting-plan-error-days = { $field } is between { $min } and { $max } days
design_part_documents = Documents
title_design_documents = Documents
design_docs_intro = The documents every application must carry when it is submitted, and the files accepted. Applicants upload them on their application; a missing required document stops the submission with its name.
design_docs_required = Documents required at submission
design_docs_required_hint = Untick all of them to require none; applicants may still attach any of these.
design_docs_other = Another required document (its name)
design_docs_other_hint = For a document the list lacks, such as "Bank details": it is added to the required documents when you save.
design_docs_types = File types accepted
design_docs_max = Largest file (MB)
design_docs_max_hint = Between 0.1 and { $max }.
design_docs_save = Save the documents
flash_design_documents_saved = The documents of the call are saved.
design_docs_error_other_document_unreadable = Give the document a name that starts with a letter, such as "Bank details".
design_docs_error_required_attachments_invalid_code = A required document has an unreadable name; untick it and add it again by its name.
design_docs_error_attachment_types_required = Tick at least one file type.
design_docs_error_attachment_types_unsupported_type = An unknown file type was sent; tick them again.
design_docs_error_attachment_max_bytes_out_of_range = Type a size in megabytes within the range shown, such as 10.
design_docs_error_call_stale = Someone saved this call while you were editing it. Open the page again to see their changes, then make yours.
design_docs_error_call_frozen = This call is published: its rules are frozen and can no longer be edited.
money-error-not-a-number = only digits, with a comma or a point before the cents
money-error-negative = an amount cannot be negative
money-error-too-precise = at most two digits after the decimal separator
money-error-too-large = the amount is too large
agreement-error-amount-required = the grant must be above zero
agreement-error-above-award = the agreement cannot exceed the amount awarded ({ $awarded } EUR)
agreement-error-before-start = the action must end after it starts
agreement-error-duration = the action lasts { $months } months; the call allows { $min } to { $max }
submit-error-form-unavailable = the application form of this stage cannot be used; the programme team has been told
