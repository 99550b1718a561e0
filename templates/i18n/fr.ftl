# MMD Grants : l'interface en français, un message Fluent par clé (https://projectfluent.org).
# en.ftl a exactement les mêmes messages. Une variable s'écrit { $nom } ; un nombre peut choisir
# la forme avec { $n -> [one] … *[other] … } selon les règles de pluriel CLDR de la langue.
# Typographie : espace insécable avant « : » et « ; ».

# Mise en page
skip_to_content = Aller au contenu principal
nav_label = Menu principal
nav_calls = Appels à propositions
nav_my_applications = Mes demandes
nav_manager_area = Espace gestionnaire
nav_sign_in = Se connecter
signed_in_as = Compte connecté :
sign_out = Se déconnecter
lang_switch_label = Langue
footer_text = Projet d'appui au Dialogue Afrique-UE sur la migration et la mobilité

# Titres des pages
title_login = Connexion
title_calls = Appels à propositions
title_call = Appel à propositions
title_applications = Demandes
title_application = Demande
title_error = Erreur

# Page de connexion
login_intro = Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte.
login_email = Adresse e-mail
login_password = Mot de passe
login_submit = Se connecter
login_failed = Adresse e-mail ou mot de passe incorrect.

# Noms des champs
field_reference = Référence
field_state = État
field_deadline = Date limite
field_total_budget = Budget total
field_min_grant = Subvention minimale
field_max_grant = Subvention maximale
field_procedure = Procédure
field_call = Appel
field_updated_at = Dernière mise à jour
field_organisation = Organisation
field_requested_amount = Montant demandé
field_submitted_at = Soumise le
untitled = Demande sans titre
draft_marker = Brouillon (pas encore de référence)
not_provided = Pas encore indiqué
not_submitted = Pas encore soumise

# Appels
calls_empty = Aucun appel à propositions n'est ouvert pour le moment.
back_to_calls = Retour aux appels à propositions
call_description_heading = À propos de cet appel
call_apply_heading = Déposer une demande
call_apply_intro = Vous pouvez commencer une demande dès maintenant et la compléter avant la date limite. Votre brouillon est enregistré et n'est transmis que lorsque vous le soumettez.
call_start_application = Commencer une demande

# Demandes
applications_empty = Aucune demande à afficher.
back_to_applications = Retour aux demandes
actions_heading = Actions possibles
action_reason_label = Motif ou commentaire
action_reason_hint = Obligatoire pour rejeter une demande ou résilier une subvention ; facultatif sinon.
history_heading = Historique
history_empty = Aucun événement n'a encore été enregistré pour cette demande.
history_to = vers
history_reason = Motif :

# Erreurs
error_heading = Désolé, une erreur s'est produite
error_status = Code d'erreur :
error_home_link = Aller à la page d'accueil
error_sign_in_link = Se connecter
error_forbidden = Vous n'avez pas l'autorisation d'accéder à cette page.
error_not_found = Cette page n'existe pas ou n'est plus disponible.
error_csrf = Votre formulaire a expiré ; veuillez réessayer.
error_storage_unavailable = Le stockage des fichiers est momentanément indisponible : votre fichier n'a pas été enregistré. Rien d'autre n'a changé ; veuillez réessayer dans quelques minutes.
error_busy = Le service est très sollicité en ce moment. Rien n'a été modifié ; réessayez dans un instant.
error_bad_request = Cette adresse ou ce formulaire n'a pas pu être compris. Revenez en arrière et réessayez depuis la page précédente.
error_generic = Une erreur s'est produite de notre côté. Veuillez réessayer dans quelques minutes.

# Procédures
procedure_open = Procédure ouverte
procedure_restricted = Procédure restreinte (note succincte d'abord)

# États des demandes
state_draft = Brouillon
state_submitted = Soumise
state_eligibility_review = Vérification de l'éligibilité en cours
state_clarification_requested = Précisions demandées
state_eligible = Éligible
state_ineligible = Non éligible
state_in_evaluation = En cours d'évaluation
state_evaluated = Évaluée
state_invited = Invitée à soumettre une demande complète
state_not_shortlisted = Non présélectionnée
state_awarded = Subvention accordée
state_reserve_listed = Inscrite sur la liste de réserve
state_rejected = Non retenue
state_declined = Subvention déclinée par le demandeur
state_contracted = Contrat de subvention signé
state_closed = Clôturée
state_terminated = Résiliée
state_withdrawn = Retirée

# États des appels
call_state_draft = Brouillon
call_state_published = Ouvert aux candidatures
call_state_closed = Clos aux candidatures
call_state_evaluating = Demandes en cours d'évaluation
call_state_decided = Décisions prises
call_state_archived = Archivé
call_state_cancelled = Annulé

# Actions sur les demandes (libellés des boutons)
action_submit = Soumettre la demande
action_withdraw = Retirer la demande
action_open_review = Commencer la vérification de l'éligibilité
action_request_clarification = Demander des précisions
action_respond = Envoyer la réponse
action_expire = Constater l'absence de réponse
action_declare_ineligible = Déclarer non éligible
action_declare_eligible = Déclarer éligible
action_assign = Attribuer aux évaluateurs
action_complete = Terminer l'évaluation
action_shortlist = Présélectionner
action_not_shortlist = Ne pas présélectionner
action_award = Accorder la subvention
action_reserve = Inscrire sur la liste de réserve
action_reject = Rejeter la demande
action_decline = Décliner la subvention
action_sign_agreement = Enregistrer la signature du contrat de subvention
action_close = Clôturer la subvention
action_terminate = Résilier la subvention

# Formulaire de demande
title_application_form = Formulaire de demande
form_intro = Remplissez le formulaire à votre rythme et enregistrez aussi souvent que vous le souhaitez. Lorsque tout est complet, soumettez-le avant la date limite.
form_errors_heading = Veuillez corriger les points suivants avant de soumettre :
form_saved = Votre brouillon est enregistré.
form_save = Enregistrer le brouillon
form_check = Enregistrer et vérifier
form_submit = Soumettre la demande
form_submit_confirm = Je confirme que les informations sont exactes et complètes, et je soumets cette demande.
form_rows_hint = Les listes affichent une ligne vide : remplissez-la et enregistrez pour en ajouter une autre.
form_required = obligatoire
form_yes = Oui
form_no = Non
form_select = Choisir…
form_edit = Modifier le formulaire de demande

# Comptes
title_signup = Enregistrer votre organisation
signup_intro = Créez un compte pour votre organisation afin de répondre aux appels à propositions. Nous vous enverrons un lien pour confirmer votre adresse électronique.
field_name = Votre nom
field_email = Adresse électronique
field_password = Mot de passe (au moins 8 caractères)
field_organisation_name = Nom de l'organisation
field_country = Pays
field_organisation_type = Type d'organisation
field_language = Langue
signup_submit = Créer le compte
signup_link = Enregistrer votre organisation
signup_done = C'est presque fini : nous vous avons envoyé un courriel avec un lien pour confirmer votre adresse.
title_message = Information
verify_done = Votre adresse électronique est confirmée. Vous pouvez maintenant vous connecter.
verify_failed = Ce lien n'est pas valable ou a expiré.
title_forgot = Mot de passe oublié
forgot_intro = Indiquez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot_submit = Envoyer le lien
forgot_done = Si un compte utilise cette adresse, nous lui avons envoyé un lien pour choisir un nouveau mot de passe.
forgot_link = Mot de passe oublié ?
title_reset = Choisir un nouveau mot de passe
reset_submit = Enregistrer le nouveau mot de passe
reset_done = Votre mot de passe est modifié. Vous pouvez maintenant vous connecter.

# Évaluation
title_declaration = Déclaration d'impartialité et de confidentialité
declaration_text = Je déclare n'avoir aucun conflit d'intérêts avec cette demande, ses demandeurs ou partenaires, que je l'évaluerai de manière impartiale et que je garderai confidentiels son contenu et mon évaluation.
declaration_sign = Je signe la déclaration
declaration_conflict = J'ai un conflit d'intérêts
declaration_statement = Décrivez le conflit (obligatoire si vous en déclarez un)
title_scorecard = Grille d'évaluation
scorecard_intro = Notez chaque critère ; une note inférieure à 3 demande un commentaire. Enregistrez aussi souvent que vous le souhaitez ; le total est mis à jour à chaque enregistrement.
scorecard_total = Total provisoire
scorecard_overall = Commentaire général
scorecard_comment = Commentaire
scorecard_save = Enregistrer la grille
scorecard_submit = Soumettre la grille
scorecard_submitted = Votre grille est soumise.
scorecard_link = Ouvrir ma grille d'évaluation

# Outils du gestionnaire
checklist_heading = Liste de contrôle de l'éligibilité
checklist_passed = Satisfait
checklist_failed = Non satisfait
checklist_note = Note (obligatoire si non satisfait)
checklist_save = Enregistrer la liste de contrôle
auto_assign = Affecter les évaluateurs automatiquement
auto_assign_heading = Évaluation
field_lot = Lot

# Reading view and clarifications
answers_heading = La demande
clarification_question = Question au demandeur
clarification_due = Réponse attendue avant le (date UTC)
clarification_answer = Votre réponse
report_link = Rapport d'évaluation (imprimable)

# Lists and outbox
nav_outbox = Courriels en attente
filter_all = Tous
filter_sort = Ordre
sort_recent = Les plus récentes d'abord
sort_reference = Par référence
filter_apply = Appliquer
results_count = Résultats :
pagination_label = Pages
page_previous = Page précédente
page_next = Page suivante
title_outbox = Courriels en attente
outbox_retry_all = Renvoyer tous les courriels en échec
outbox_template = Courriel
outbox_attempts = Tentatives
outbox_error = Dernière erreur
outbox_action = Action
outbox_retry = Renvoyer
outbox_queue_depth = En attente ou en cours d'envoi
outbox_queue_transactional = Dont accusés de réception, réinitialisations de mot de passe et vérifications
outbox_oldest_seconds = Le plus ancien attend depuis (secondes)
outbox_sent_last_minute = Envoyés au cours de la dernière minute

# Conception des appels et pièces jointes
title_new_call = Nouvel appel à propositions
new_call_link = Créer un appel
create_call = Créer l'appel en brouillon
call_actions_heading = Actions sur l'appel
attachments_heading = Pièces jointes
attachment_kind = Type de document
attachment_file = Fichier
attachment_upload = Joindre le fichier
call_action_publish = Publier l'appel
call_action_close = Clôturer l'appel
call_action_start_evaluation = Lancer l'évaluation
call_action_decide = Enregistrer les décisions
call_action_archive = Archiver l'appel
call_action_cancel = Annuler l'appel
evaluators_heading = Évaluateurs
evaluator_remove = Retirer
evaluator_choose = Évaluateur
evaluator_assign = Affecter cet évaluateur
award_amount = Montant accordé (EUR)

# Profil de l'organisation
nav_organisation = Mon organisation
title_organisation = Profil de l'organisation
org_intro = Ces informations sont enregistrées une fois et reprises dans chaque demande : tenez-les à jour.
org_errors = Certaines informations sont à corriger : voir les messages à côté des champs.
org_save = Enregistrer le profil
org_saved = Le profil est enregistré.
org_stale = Quelqu'un d'autre a enregistré ce profil entre-temps : voici la version actuelle. Refaites vos modifications.
org_field_name = Nom officiel
org_field_country = Pays d'enregistrement
org_field_org_type = Type d'organisation
org_field_acronym = Sigle
org_field_registration_number = Numéro d'enregistrement
org_field_address = Adresse postale
org_field_website = Site web
org_field_contact_email = Courriel de contact
org_field_phone = Téléphone
org_field_description = Présentation (mission, expérience en migration et mobilité)
org_history_heading = Modifications
org_history_changed = Modifié :
org_history_none = Aucune modification depuis l'enregistrement.
org_error_required = Ce champ est obligatoire.
org_error_too_long = Ce texte est trop long.
org_error_control_characters = Ce champ ne peut pas contenir de retour à la ligne ni de caractère de contrôle.
org_error_invalid_country = Choisissez l'un des pays participant au programme.
org_error_invalid_website = Indiquez l'adresse complète, commençant par https://
org_error_invalid_email = Indiquez une adresse électronique valide.
org_error_name_taken = Une autre organisation est déjà enregistrée sous ce nom.
org_error_invalid_choice = Choisissez l'une des options.
role_applicant = Demandeur
role_evaluator = Évaluateur
role_manager = Gestionnaire de subventions
role_admin = Administrateur
role_auditor = Auditeur

# Formulaire d'appel
title_edit_call = Modifier l'appel en projet
back = Retour
save_call = Enregistrer l'appel en projet
edit_call_link = Concevoir cet appel en projet : règles, formulaire, grille, liste de contrôle, pays, rapports
call_reference_taken = Un autre appel utilise déjà cette référence.
call_section_rules = Règles
call_section_lots = Lots
call_section_settings = Éligibilité et évaluation
call_section_restricted = Appels restreints
call_field_reference = Référence
call_field_title_en = Titre (anglais)
call_field_title_fr = Titre (français)
call_field_description_en = Description (anglais)
call_field_description_fr = Description (français)
call_field_procedure = Procédure
call_field_total_budget = Budget total
call_field_min_grant = Subvention minimale
call_field_max_grant = Subvention maximale
call_field_opens_at = Ouverture (UTC)
call_field_deadline_at = Date limite (UTC)
call_field_display_timezone = Fuseau horaire affiché avec la date limite
call_field_lots = Lots
call_field_max_cofinancing_rate = Taux de cofinancement maximal
call_field_duration_min_months = Durée minimale de l'action (mois)
call_field_duration_max_months = Durée maximale de l'action (mois)
call_field_evaluators_per_application = Évaluateurs par demande
call_field_discrepancy_trigger = Seuil d'écart
call_field_reserve_list_length = Longueur de la liste de réserve
call_field_award_order = Ordre d'attribution
call_field_anonymous_evaluation = Masquer l'identité du demandeur aux évaluateurs
call_field_evaluation_deadline = Grilles attendues (UTC, facultatif)
call_field_full_application_deadline = Demandes complètes attendues (UTC, appels restreints)
call_hint_display_timezone = Un nom IANA, par exemple Africa/Bamako ou Europe/Brussels.
call_hint_lots = Chaque lot a un nom et un budget ; les budgets font ensemble le budget total. Aucun lot : un seul lot avec tout le budget.
call_hint_max_cofinancing_rate = Une fraction : 0,90 signifie que la subvention couvre au plus 90 % du coût de l'action.
call_hint_discrepancy_trigger = Une fraction du maximum de la grille : au-delà de cet écart entre deux totaux, une troisième évaluation est demandée.
call_field_other = Autres paramètres
call_field_comment_required_below = Une note inférieure à ce seuil exige un commentaire
call_hint_comment_required_below = Sur l'échelle de la grille : 3 sur une échelle de 1 à 5 signifie que les évaluateurs justifient chaque 1 ou 2.
call_field_reserve_list_valid_until = Liste de réserve valable jusqu'au (UTC, facultatif)
call_hint_reserve_list_valid_until = Jusqu'à cette date, une demande de la liste de réserve peut encore être retenue ; archiver l'appel avant est refusé.
call_field_shortlist_budget_factor = Notes conceptuelles présélectionnées jusqu'à (multiple du budget du lot)
call_hint_shortlist_budget_factor = 2 invite des demandes complètes jusqu'à ce que leurs montants atteignent deux fois le budget du lot.
call_field_full_application_variation = Écart maximal entre note conceptuelle et demande complète
call_hint_full_application_variation = Une fraction : 0,20 permet à la demande complète de demander jusqu'à 20 % de plus ou de moins que sa note conceptuelle.
award_order_strict = Strict : une proposition moins chère ne passe jamais devant une meilleure
award_order_fill = Remplissage : continuer à attribuer aux propositions suivantes qui tiennent dans le budget
call_lots_heading = Lots

# Classement et proposition d'attribution
title_ranking = Classement et proposition d'attribution
ranking_link = Classement et proposition d'attribution
ranking_intro = Demandes classées par lot selon la note consolidée (à égalité : pertinence, puis heure de soumission). La proposition suit l'ordre d'attribution de l'appel ; chaque décision est enregistrée avec son auteur et envoyée au demandeur.
ranking_budget = Budget
ranking_proposed = proposé
ranking_awarded = attribué
ranking_rank = Rang
ranking_score = Note
ranking_proposal = Proposition
ranking_decide = Décision
ranking_none = Aucune demande évaluée dans ce lot pour l'instant.
ranking_eliminated = Sous une note minimale (non classées)
ranking_apply_heading = Enregistrer toute la proposition
ranking_apply_hint = Attributions, liste de réserve et rejets pour chaque demande encore en attente de décision, dans l'ordre de la proposition. Chaque décision est un enregistrement distinct ; si l'une est refusée, l'opération s'arrête et indique laquelle.
ranking_apply_reason = Motif envoyé aux demandes non financées
ranking_apply = Enregistrer la proposition
ranking_recorded_before = enregistrées avant l'arrêt
proposal_award = Attribuer
proposal_reserve = Liste de réserve
proposal_reject = Rejeter
proposal_shortlist = Inviter à la demande complète
proposal_not_shortlist = Non présélectionnée

# Liste de travail de l'évaluateur
nav_assignments = Mes évaluations
title_assignments = Mes évaluations
assignments_progress = Grilles remises :
assignments_due = Grilles attendues le
assignments_step = Où vous en êtes
assignments_open = Ouvrir
assignments_empty = Aucune demande ne vous est affectée pour le moment.
progress_must_declare = Déclaration à signer
progress_not_started = Pas commencée
progress_draft = Brouillon enregistré
progress_submitted = Remise
progress_link_must_declare = Signer la déclaration
progress_link_not_started = Évaluer
progress_link_draft = Continuer
progress_link_submitted = Voir

# Gestion des subventions
title_report = Rapport
grant_heading = Contrat de subvention
agreement_amount = Montant de la subvention (EUR)
agreement_period = Période de l'action
agreement_starts_on = Début de l'action
agreement_ends_on = Fin de l'action
reports_heading = Rapports
report_heading = Rapport
report_covers = Période couverte
report_due = À remettre le
report_kind_interim = Rapport intermédiaire
report_kind_final = Rapport final
report_status_due = Attendu
report_status_submitted = Remis, en cours d'examen
report_status_approved = Approuvé
report_status_changes_requested = Modifications demandées
report_spent = Dépenses jusqu'à la fin de la période
report_submit = Remettre le rapport
report_review_heading = Examen
report_review_note = Remarques
report_approve = Approuver le rapport
report_request_changes = Renvoyer pour modifications
report_note_required = Indiquez ce qui doit être modifié avant de renvoyer le rapport.
payments_heading = Paiements
payment_kind = Nature
payment_amount = Montant (EUR)
payment_kind_prefinancing = Préfinancement
payment_kind_balance = Solde
payment_status_scheduled = Prévu
payment_status_requested = Débloqué, à payer
payment_status_paid = Payé
payment_mark_paid = Enregistrer le paiement
action_submit_report = Rapport remis
action_approve_report = Rapport approuvé
action_request_report_changes = Rapport renvoyé
action_mark_paid = Paiement effectué

call_field_publish_awards = Publier les projets financés sur la page publique

# Portefeuille
nav_portfolio = Portefeuille
title_portfolio = Portefeuille
portfolio_submitted = Soumises
portfolio_requested = Demandé (EUR)
portfolio_funded = Financées
portfolio_awarded = Attribué (EUR)
portfolio_hint = Chaque demande soumise compte une fois par appel, pays, type et année, et sous chaque domaine du PACV et chaque dialogue choisis. Financées : attribuées, sous contrat, clôturées ou résiliées.
portfolio_csv = Télécharger en CSV
portfolio_by_jvap_domain = Par domaine du PACV
portfolio_by_dialogue = Par dialogue
portfolio_by_country = Par pays de l'organisation chef de file
portfolio_by_applicant_type = Par type d'organisation
portfolio_by_call = Par appel
portfolio_by_year = Par année de soumission
title_awarded = Projets financés
awarded_intro = Projets financés au titre des appels qui publient leurs résultats.
awarded_project = Projet
awarded_none = Aucun projet financé n'est encore publié.
awarded_downloads = Télécharger les données
awarded_download_csv = Projets (CSV)
awarded_download_json = Projets (JSON)
awarded_download_iati = Activités IATI 2.03 (XML)
awarded_filters = Filtrer les projets
awarded_all_calls = Tous les appels
awarded_all_countries = Tous les pays
awarded_all_domains = Tous les domaines du PACV
awarded_all_dialogues = Tous les dialogues
awarded_filter = Afficher
awarded_filter_country = Pays d'action
awarded_filter_domain = Domaine du PACV
awarded_filter_dialogue = Dialogue
awarded_found = Projets trouvés :
awarded_page = Page
awarded_of = sur
awarded_none_match = Aucun projet publié ne correspond à ces filtres.
awarded_lead = Organisation cheffe de file
awarded_countries = Pays d'action
awarded_domains = Domaines du PACV
awarded_dialogues = Dialogues
awarded_amount = Subvention accordée
awarded_paid = Déjà versé
awarded_period = Période de l'action
awarded_status = Statut
open_data_under_call = Subvention accordée au titre de l'appel
report_form_intro = Indiquez ce qui a été réalisé, les indicateurs de chaque domaine du PACV visé et chaque ligne budgétaire, prévue et dépensée.
report_answers = Le rapport tel que remis
report_next = Prochain rapport

# Refus affichés à côté du formulaire refusé, une phrase par condition non remplie de la table du processus
action_reason_required = Obligatoire : il est enregistré et envoyé au demandeur.
action_reason_optional = Facultatif : il est enregistré dans l'historique.
error_too_large = Le fichier ou le formulaire est trop volumineux.
error_declaration_required = Signez la déclaration d'impartialité et de confidentialité avant de lire cette demande.
guard_agreement_recorded = Indiquez le premier et le dernier jour du contrat, dans les limites de durée de l'appel, et un montant qui ne dépasse pas la subvention accordée.
guard_all_applications_decided = Certaines demandes de cet appel attendent encore leur décision.
guard_budget_available = Le budget restant du lot ne couvre pas ce montant, ou le montant dépasse la demande.
guard_call_open_for_submission = L'appel n'est pas ouvert aux soumissions en ce moment.
guard_checklist_failed = Enregistrez le point de la liste de contrôle non satisfait (avec sa note) qui rend la demande non éligible.
guard_checklist_passed = Chaque point de la liste de contrôle doit d'abord être vérifié et satisfait.
guard_clarification_answer = Rédigez votre réponse.
guard_clarification_overdue = Le délai de réponse aux précisions n'est pas encore dépassé.
guard_clarification_question = Rédigez la question et choisissez une date limite future.
guard_concept_note_stage = Seule une note conceptuelle peut être présélectionnée.
guard_deadline_passed = La date limite n'est pas encore passée.
guard_eligibility_rules = La demande ne respecte pas les règles d'éligibilité de l'appel.
guard_evaluators_assigned = Attribuez d'abord le nombre d'évaluateurs requis par l'appel.
guard_final_report_settled = Le rapport final doit d'abord être approuvé et tous les paiements effectués.
guard_form_valid = Le formulaire contient des erreurs à corriger.
guard_full_application_stage = Une note conceptuelle est présélectionnée ou non, elle n'est ni financée ni rejetée.
guard_grant_running = Les rapports et les paiements n'avancent que pendant l'exécution du contrat de subvention.
guard_in_evaluation = Les grilles d'évaluation ne changent que pendant l'évaluation de la demande.
guard_no_submitted_scorecard = La grille de cet évaluateur est remise : rouvrez-la d'abord.
guard_reason_given = Indiquez un motif.
guard_reserve_list_expired = La liste de réserve est encore valable.
guard_reserve_list_space = La liste de réserve est complète.
guard_rules_publishable = L'appel n'est pas complet : vérifiez ses titres, ses descriptions, son budget et une date limite future.
guard_scorecards_complete = L'évaluation n'est pas terminée.
guard_spending_reported = Moins de 70 % du paiement précédent est déclaré comme dépensé.
refusal_action_not_allowed = Cette action n'est pas possible à cette étape.
refusal_stale_version = Quelqu'un d'autre a modifié ce dossier entre-temps. Vérifiez-le et réessayez.
refusal_wrong_state = Cette action n'est pas possible dans l'état actuel du dossier.
refusal_validation_failed = Certains champs doivent être corrigés.
refusal_duplicate = Cet élément existe déjà.
refusal_payload_too_large = Le fichier est trop volumineux.
refusal_generic = Cette action n'a pas pu être effectuée.
call_rules_frozen = Cet appel est publié : ses règles sont figées et ne peuvent plus être modifiées.

# Sign-in security: throttling, two-step sign-in, password strength, confirmation links.
login_throttled = Trop de tentatives pour ce compte depuis votre connexion. Patientez un peu puis réessayez, ou réinitialisez votre mot de passe.
login_unverified = Veuillez d'abord confirmer votre adresse électronique : suivez le lien que nous vous avons envoyé, ou demandez-en un nouveau.
title_second_factor = Deuxième étape : le code de votre application d'authentification
second_factor_intro = Ouvrez l'application d'authentification de votre téléphone et saisissez le code à 6 chiffres qu'elle affiche pour MMD Grants.
second_factor_code = Code
second_factor_submit = Continuer
second_factor_lost = Téléphone perdu ? Utilisez un code de secours
second_factor_wrong = Ce code n'est pas le bon, ou il a déjà servi. Saisissez le code que votre application affiche maintenant.
title_recovery = Se connecter avec un code de secours
recovery_intro = Saisissez l'un des codes de secours conservés lors de la configuration. Chacun ne sert qu'une fois ; l'application perdue cessera de fonctionner et vous en configurerez une nouvelle.
recovery_code = Code de secours
recovery_submit = Utiliser le code de secours
recovery_wrong = Ce code de secours n'est pas le bon, ou il a déjà servi.
title_second_factor_setup = Connexion en deux étapes
second_factor_enabled = La connexion en deux étapes est active : après votre mot de passe, vous saisissez le code de votre application d'authentification.
recovery_codes_left = Codes de secours restants :
second_factor_required = Votre rôle exige la connexion en deux étapes. Configurez une application d'authentification pour continuer.
second_factor_setup_intro = Scannez le code QR avec une application d'authentification (par exemple FreeOTP, Aegis ou Google Authenticator), ou saisissez-y la clé ci-dessous. Saisissez ensuite le code à 6 chiffres qu'elle affiche.
second_factor_qr_alt = Code QR contenant la clé de votre application d'authentification
second_factor_secret = Clé :
second_factor_confirm = Activer la connexion en deux étapes
title_recovery_codes = Vos codes de secours
recovery_codes_intro = La connexion en deux étapes est active. Conservez ces codes de secours en lieu sûr : chacun permet de vous connecter une fois si vous perdez votre téléphone. Ils ne sont affichés que maintenant.
recovery_codes_continue = Continuer
nav_security = Sécurité de connexion
password_too_short = Le mot de passe est trop court : au moins 8 caractères.
password_too_long = Le mot de passe est trop long : au plus 128 caractères.
password_too_weak = Ce mot de passe est trop facile à deviner.
password_warning_keyboard = Les suites de touches du clavier sont faciles à deviner.
password_warning_repeats = Les caractères ou mots répétés sont faciles à deviner.
password_warning_common = C'est un mot de passe très courant.
password_warning_similar = Il ressemble à un mot de passe très courant.
password_warning_sequence = Les suites comme abc ou 1234 sont faciles à deviner.
password_warning_dates = Les dates et les années sont faciles à deviner.
password_warning_word = Un mot seul est facile à deviner.
password_warning_names = Les noms sont faciles à deviner, surtout le vôtre.
password_suggestion_words = Utilisez quelques mots sans rapport entre eux ; une courte phrase convient très bien.
password_suggestion_no_symbols = Inutile d'ajouter symboles, chiffres ou majuscules : la longueur compte davantage.
password_suggestion_tricks = Majuscules, mots inversés et lettres remplacées (a→@) n'aident guère.
password_suggestion_keyboard = Évitez les suites de touches du clavier.
password_suggestion_repeats = Évitez les mots et caractères répétés.
password_suggestion_sequences = Évitez les suites.
password_suggestion_dates = Évitez les dates et années qui vous sont liées.
signup_org_taken = Une organisation de ce nom est déjà enregistrée. Si c'est la vôtre, adressez-vous à un collègue qui y a un compte.
resend_link = Vous n'avez pas reçu le courriel de confirmation ?
title_resend = Renvoyer le lien de confirmation
resend_intro = Indiquez l'adresse utilisée lors de l'inscription : si elle attend encore sa confirmation, nous lui enverrons un nouveau lien.
resend_submit = Envoyer un nouveau lien
resend_done = Si cette adresse attend sa confirmation, nous lui avons envoyé un nouveau lien.
identity_hidden = Masqué : cet appel est évalué de façon anonyme
login_account_throttled = Trop de mots de passe erronés ont été essayés sur ce compte ces derniers temps. Si le mot de passe saisi est le bon, nous avons envoyé au compte un lien pour terminer la connexion ; sinon, patientez un peu ou réinitialisez votre mot de passe.

# Avis par courriel des nouvelles demandes (gestionnaires)
title_notices = Avis par courriel
nav_notices = Avis par courriel
notices_intro = Comment vous êtes informé des nouvelles demandes. Les demandeurs reçoivent toujours leur accusé de réception ; ce choix ne change que les avis qui vous sont envoyés.
notices_label = Nouvelles demandes
notices_each = Un courriel par demande
notices_digest_15 = Un récapitulatif par appel, au plus toutes les 15 minutes
notices_digest_60 = Un récapitulatif par appel, au plus toutes les heures
notices_digest_240 = Un récapitulatif par appel, au plus toutes les 4 heures
notices_digest_1440 = Un récapitulatif par appel, au plus une fois par jour
notices_save = Enregistrer
notices_saved = Votre choix est enregistré.
notices_unknown_choice = Choisissez l'une des options proposées.

# La page publique d'un appel
call_who_heading = Qui peut soumettre une demande
call_who_types = Organisations
call_who_countries = Pays
call_who_all_countries = Tous les pays du programme
call_who_cofinancing = Part maximale du budget financée
call_who_duration = Durée du projet
call_who_months = mois
call_who_documents = Documents à joindre
call_sign_in_to_apply = Pour soumettre une demande, connectez-vous ou créez un compte pour votre organisation ; votre brouillon est conservé jusqu'à sa soumission.
call_create_account = Créer un compte
call_closes_within_a_day = clôture dans moins de 24 heures
call_closes_in_days = clôture dans { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
document_statutes = Statuts
document_budget = Budget
document_budget_sheet = Tableau budgétaire
document_registration_certificate = Certificat d'enregistrement
document_financial_statements = États financiers
document_partnership_letter = Lettre de partenariat
document_cv = CV du responsable du projet

# Libellés des cycles d'évaluation, de rapport, de paiement et d'envoi des courriels
action_declare_conflict = Conflit d'intérêts déclaré
action_declare_no_conflict = Déclaration d'impartialité signée
action_release_payment = Paiement demandé
action_remove_evaluator = Évaluateur retiré
action_reopen_scorecard = Grille d'évaluation rouverte
action_submit_scorecard = Grille d'évaluation soumise
assignment_status_assigned = en attente de la déclaration
assignment_status_conflict = conflit d'intérêts déclaré
assignment_status_declared = déclaration signée, évaluation en cours
assignment_status_removed = retiré
outbox_status_failed = En échec
outbox_status_pending = En attente
outbox_status_sending = En cours d'envoi
outbox_status_sent = Envoyé
state_approved = Approuvé
state_assigned = Attribué
state_changes_requested = Modifications demandées
state_conflict = Conflit d'intérêts
state_declared = Déclaration signée
state_due = À remettre
state_paid = Payé
state_removed = Retiré
state_requested = Demandé
state_scheduled = Prévu

# La demande d'éclaircissements sur la page de la demande
clarification_heading = Éclaircissements demandés par le programme
clarification_asked = Demandés le
clarification_due_at = Réponse attendue avant le
clarification_question_heading = Question
clarification_answer_heading = Réponse
clarification_answered_at = Répondu le
clarification_waiting = Le programme attend la réponse du demandeur ; la demande ne peut pas avancer d'ici là.

# Pièces jointes
attachments_none = Aucun fichier joint pour l'instant.
attachment_remove = Retirer
document_other = Autre document
attachment_error_type_not_allowed = Ce type de fichier n'est pas accepté pour cet appel. Formats acceptés : { $accepted }.
attachment_error_empty_file = Le fichier est vide ; choisissez à nouveau le document.
attachment_error_invalid_kind = Indiquez de quel type de document il s'agit.
attachment_error_too_large = Le fichier dépasse la taille acceptée par cet appel ({ $max } au plus).

# La déclaration nomme ceux qu'elle concerne ; une grille soumise peut être relue
declaration_title = Titre
declaration_partners = Partenaires
declaration_no_partners = Aucun partenaire indiqué
declaration_judge_hint = Déclarez un conflit si vous-même, un proche ou une organisation pour laquelle vous travaillez avez un lien avec le demandeur ou un partenaire.
scorecard_submitted_note = Vous avez soumis cette grille ; elle est affichée telle qu'enregistrée. Un gestionnaire peut la rouvrir si une correction est nécessaire.

# La demande soumise en PDF
pdf_answers = Réponses
pdf_fact = { $label } : { $value }
pdf_generated = Document produit par MMD Grants le { $at }, à partir de l'enregistrement de la soumission.
pdf_download = Télécharger la demande soumise (PDF)
ranking_lots_label = Lots
ranking_page_position = Page
ranking_page_of = sur

# Les documents d'un appel
call_documents_heading = Documents de l'appel
call_documents_none = Aucun document n'a encore été publié avec cet appel.
call_document_title = Titre du document (tel que les demandeurs le liront)
call_document_file = Fichier (PDF, Word, Excel ou OpenDocument)
call_document_publish = Publier le document
call_document_remove = Retirer
document_error_title = Donnez un titre au document (200 caractères au plus).

# Questions et réponses sur un appel
call_questions_heading = Questions et réponses
call_questions_until = Les questions sont reçues jusqu'au
call_questions_closed = Les questions sur cet appel sont closes.
call_questions_none = Aucune question n'a encore reçu de réponse.
call_question_waiting = En attente de la réponse du programme ; elle sera publiée ici pour tous.
call_question_answered_on = Réponse publiée le
call_question_answer = Réponse (publiée pour tous)
call_question_publish = Publier la réponse
call_question_label = Votre question (les réponses sont publiées pour tous les demandeurs)
call_question_ask = Envoyer la question
call_question_length = Rédigez votre question (ou réponse) en 10 à 2 000 caractères.
call_question_already_answered = Cette question a déjà reçu une réponse.

# Ce qu'une page dit après une action réussie (une seule fois)
flash_done = C'est fait : { $what }.
flash_submit = Votre demande a été soumise. Un accusé de réception part vers votre adresse électronique.
flash_withdraw = La demande a été retirée.
flash_respond = Votre réponse a été transmise au programme.
flash_decline = La subvention a été déclinée ; le programme en a été informé.
flash_declare_no_conflict = Votre déclaration est signée : vous pouvez maintenant lire et évaluer la demande.
flash_declare_conflict = Votre conflit d'intérêts est enregistré ; la demande a été retirée de votre liste.
flash_submit_scorecard = Votre grille d'évaluation a été soumise.
flash_question_asked = Votre question a été envoyée. La réponse sera publiée sur cette page pour tous les demandeurs.
flash_question_answered = La réponse est publiée sur la page de l'appel et la personne qui a posé la question en a été informée par courriel.
flash_document_published = Le document est publié avec l'appel.
flash_document_withdrawn = Le document a été retiré de l'appel.
flash_attachment_removed = Le fichier a été retiré.

# Les libellés de l'échelle habituelle en cinq points, à côté de chaque note
scale_five_1 = très insuffisant
scale_five_2 = insuffisant
scale_five_3 = moyen
scale_five_4 = bon
scale_five_5 = très bon

# Irreversible actions, asked twice.
title_confirm = Confirmer : { $what }
confirm_reason = Motif indiqué :
confirm_go_back = Revenir sans rien faire
confirm_application_withdraw = Une fois retirée, la demande quitte l'appel : elle ne sera pas évaluée et ne pourra plus être soumise. Cette action est définitive.
confirm_application_decline = La subvention sera refusée et proposée à la demande suivante de la liste de réserve. Cette action est définitive.
confirm_application_close = La subvention sera clôturée : plus aucun rapport ni paiement ne pourra y être enregistré. Cette action est définitive.
confirm_application_terminate = La convention de subvention prendra fin de façon anticipée ; le bénéficiaire et le programme en sont informés. Cette action est définitive.
confirm_call_publish = L'appel sera ouvert à tous : ses règles, son budget et ses formulaires ne pourront plus être modifiés. Cette action est définitive.
confirm_call_cancel = L'appel sera annulé : plus aucune demande ne pourra y être soumise. Cette action est définitive.
confirm_payment_paid = Le paiement sera enregistré comme effectué et le bénéficiaire en sera informé. Cette action est définitive.
flash_paid = Le paiement est enregistré comme effectué.
scorecard_proposal = La proposition
scorecard_grid = Votre notation

# A form sent after its session ended.
held_notice = Votre session a expiré. Reconnectez-vous : ce que vous avez saisi est conservé et vous pourrez l'envoyer ensuite.
title_held = Envoyer ce que vous avez saisi
held_intro = Vous êtes de nouveau connecté. Ce que vous avez saisi avant la fin de votre session n'a pas encore été envoyé.
held_send = L'envoyer maintenant
held_back = Revenir à la page sans envoyer

# The printable evaluation report.
evaluation_report_title = Rapport d'évaluation
evaluation_report_deadline = date limite
evaluation_report_generated = établi le
evaluation_report_opening = Procès-verbal d'ouverture
evaluation_report_organisation = Organisation
evaluation_report_country = Pays
evaluation_report_lot = Lot
evaluation_report_submitted = Soumise
evaluation_report_on_time = Dans les délais
evaluation_report_yes = oui
evaluation_report_no = non
evaluation_report_not_checked = non vérifié
evaluation_report_eligibility = Éligibilité
evaluation_report_scores = Notes
evaluation_report_evaluator = Évaluateur
evaluation_report_total = Total
evaluation_report_decisions = Notes consolidées, classement et décisions
evaluation_report_thresholds = Seuils
evaluation_report_thresholds_met = atteints
evaluation_report_thresholds_not_met = non atteints :
evaluation_report_decision = Décision
evaluation_report_awarded = Montant accordé
evaluation_report_awarded_total = Total accordé
evaluation_report_reserve = Liste de réserve
evaluation_report_none = aucune
evaluation_report_declarations = Déclarations d'impartialité et conflits d'intérêts
evaluation_report_status = Statut
evaluation_report_declared = Déclarée le
evaluation_report_conflict = Conflit déclaré
evaluation_report_sections = Parties du rapport
evaluation_report_whole = Le rapport complet, à imprimer ou enregistrer
action_assign_evaluator = Évaluateur affecté
action_arbitrate = Arbitrage enregistré

# Files sent with the answer to a clarification request.
clarification_files = Fichiers joints à la réponse
clarification_file = Un fichier pour votre réponse (facultatif)
clarification_file_hint = Ajoutez d'abord les fichiers éventuels, puis envoyez votre réponse plus bas.
clarification_file_send = Ajouter le fichier
clarification_file_missing = Choisissez un fichier à joindre à votre réponse.
flash_clarification_file_added = Le fichier est joint à votre réponse. Envoyez la réponse quand elle est complète.
document_clarification = Fichier joint à une réponse de clarification

# Evaluation in sight: discrepancies, arbitration, what blocks the decision.
evaluation_heading = Évaluation
evaluation_scorecards = Grilles soumises
discrepancy_open = Les deux premières notes ({ $first } et { $second }) diffèrent de { $gap } points, plus que les { $allowed } admis : affectez un troisième évaluateur ou enregistrez un arbitrage.
discrepancy_badge = notes à arbitrer
arbitration_note = Votre arbitrage
arbitration_hint = Dites quelle appréciation vous retenez et pourquoi ; ce texte est conservé dans la piste d'audit. La note reste la moyenne des grilles.
arbitration_submit = Enregistrer l'arbitrage
arbitration_recorded = Un arbitrage est enregistré pour cette demande.
flash_arbitrate = L'arbitrage est enregistré ; l'évaluation est terminée s'il ne manque rien d'autre.
pending_heading = Pas encore prêtes pour la décision
pending_intro = Ces demandes ne peuvent pas encore être classées :
pending_more = { $count ->
    [one] et encore { $count } dossier en attente : voir la liste
   *[other] et encore { $count } dossiers en attente : voir la liste
}
waiting_eligibility = éligibilité non établie
waiting_evaluators = éligible, aucun évaluateur encore affecté
waiting_scorecards = { $submitted ->
    [one] { $submitted } grille soumise
   *[other] { $submitted } grilles soumises
} sur { $required }
action_discrepancy_found = Notes à arbitrer : les deux premiers totaux diffèrent trop

# Conception de l'appel
design_nav_label = Parties de l'appel
design_part_rules = Règles et lots
design_part_form = Formulaire de demande
design_part_grid = Grille d'évaluation
design_part_checklist = Liste de contrôle
design_part_eligibility = Qui et où
design_part_reporting = Rapports
design_part_preview = Aperçu
title_design_form = Formulaire de demande
title_design_question = Modifier une question
title_design_new_question = Ajouter une question
title_design_preview = Aperçu du formulaire de demande
design_stage_label = Étape de l'appel
design_stage_concept_note = Note succincte
design_stage_full_application = Demande complète
design_form_intro = Les questions auxquelles répondent les demandeurs, dans l'ordre. Ouvrez une question pour en changer le libellé, l'aide, le type ou les limites.
design_form_preview = Voir le formulaire tel que les demandeurs le verront
design_engine_mark = (utilisée par les contrôles d'éligibilité)
design_group_empty = Rien à l'intérieur pour l'instant : ajoutez-y une question.
design_move_up = Monter
design_move_down = Descendre
design_remove = Supprimer
design_add_inside = Ajouter une question à l'intérieur
design_add_top = Ajouter une section ou une question
design_back_to_form = Retour à la liste des questions
design_engine_note = Les contrôles d'éligibilité lisent cette réponse : elle garde sa place et son type ; son libellé et son aide peuvent changer.
design_field_kind = Type de réponse
design_kind_hint = Un groupe répété (partenaires, lignes budgétaires) réunit plusieurs champs que les demandeurs remplissent une fois par ligne.
design_wording = Libellé
design_field_en = Question en anglais
design_field_fr = Question en français
design_field_help_en = Aide en anglais (facultatif)
design_field_help_fr = Aide en français (facultatif)
design_field_required = Une réponse est obligatoire pour soumettre
design_details = Limites et options
design_details_hint = Les limites comptent les caractères pour les textes, la valeur pour les nombres et les lignes pour les listes et les groupes. Laissez-les vides pour n'en fixer aucune.
design_field_min = Minimum
design_field_max = Maximum
design_field_choices = Options, une par ligne
design_choices_hint = Écrivez chaque option ainsi : libellé anglais | libellé français, une option par ligne.
design_field_item_en = Nom d'une ligne en anglais (listes et groupes)
design_field_item_fr = Nom d'une ligne en français (listes et groupes), par exemple : Ligne budgétaire
design_save_question = Enregistrer la question
design_preview_note = Voici le formulaire exactement tel que les demandeurs le verront. Rien ne peut être envoyé depuis cette page.
design_preview_in_fr = Le voir en français
design_preview_in_en = Le voir en anglais
design_preview_form = Aperçu du formulaire de demande
design_question_gone = Cette question n'est plus dans le formulaire : quelqu'un l'a modifié entre-temps. Voici le formulaire tel qu'il est maintenant.
design_engine_question = Cette question est utilisée par les contrôles d'éligibilité et ne peut pas être supprimée.
design_saved_meanwhile = Quelqu'un a enregistré cet appel pendant que vous le modifiiez. Ouvrez-le de nouveau pour voir ses changements, puis faites les vôtres.
question_kind_section = Section
question_kind_group = Groupe répété
question_kind_short_text = Texte court
question_kind_long_text = Texte long
question_kind_text_list = Liste de textes courts
question_kind_number = Nombre entier
question_kind_money = Montant en euros
question_kind_date = Date
question_kind_choice = Un choix
question_kind_choices = Plusieurs choix
question_kind_country = Un pays
question_kind_countries = Plusieurs pays
question_kind_yes_no = Oui ou non
design_problem_blank = Écrivez-le.
design_problem_too_few_choices = Donnez au moins deux options, une par ligne.
design_problem_choice_unnamed = Chaque option a besoin d'un libellé en anglais et en français.
design_problem_min_above_max = Le maximum est inférieur au minimum.
design_problem_short_text_max = Un texte court compte de 1 à 300 caractères ; choisissez un texte long au-delà.
design_problem_long_text_max = Un texte long compte de 301 à 100 000 caractères ; choisissez un texte court en deçà.
design_problem_unknown_kind = Choisissez un type de réponse dans la liste.
design_problem_not_a_whole_number = Écrivez un nombre entier, par exemple 500.
design_problem_section_inside = Une section ne s'ajoute qu'en haut du formulaire ; utilisez un groupe répété à l'intérieur d'une section.
flash_question_moved = La question a été déplacée.
flash_question_removed = La question a été supprimée.
flash_question_saved = La question a été enregistrée.

# Liste des demandes : recherche, filtres, export
filter_search = Rechercher
filter_search_hint = Référence, titre ou organisation
filter_tag = Étiquette
applications_csv = Télécharger ces demandes (CSV)
tags_jvap_domains = Domaines du PACV
tags_dialogues = Dialogues
tags_geographic_level = Échelles géographiques
csv_reference = Référence
csv_title = Titre
csv_organisation = Organisation
csv_country = Pays
csv_call = Appel
csv_lot = Lot
csv_state = État
csv_requested = Montant demandé (EUR)
csv_awarded = Montant attribué (EUR)
csv_submitted_at = Soumise le (UTC)

# Concepteur d'appel : pages de la grille d'évaluation et de la liste de vérification
design_grid_intro = Les évaluateurs notent chaque critère sur son échelle ; un critère ×2 compte double. Un minimum de section ou de total élimine les demandes en dessous. Enregistrez pour garder vos modifications.
design_grid_stages = Grille de chaque étape
design_grid_stage_concept_note = Grille de la note succincte
design_grid_stage_full_application = Grille de la demande complète
design_grid_sections = Sections
design_grid_section = Section { $n }
design_grid_title_en = Titre en anglais
design_grid_title_fr = Titre en français
design_grid_minimum = Note minimale de la section (facultatif)
design_grid_section_max = Maximum de la section :
design_grid_points = { $points } points
design_grid_criterion = Critère { $section }.{ $n }
design_grid_question_en = Question en anglais
design_grid_question_fr = Question en français
design_grid_scale_min = Note la plus basse
design_grid_scale_max = Note la plus haute
design_grid_weight = Pondération
design_grid_criterion_max = Vaut jusqu'à
design_grid_move_up = Monter
design_grid_move_down = Descendre
design_grid_add_criterion = Ajouter un critère
design_grid_remove_criterion = Retirer ce critère
design_grid_add_section = Ajouter une section
design_grid_remove_section = Retirer cette section
design_grid_descriptors = Libellés de l'échelle
design_grid_descriptors_hint = Facultatif : ce que signifie chaque note, montré aux évaluateurs à côté des notes (par exemple 1 = très insuffisant … 5 = très bien).
design_grid_descriptor = Description de note { $n }
design_grid_score = Note
design_grid_words_en = Signification en anglais
design_grid_words_fr = Signification en français
design_grid_add_descriptor = Ajouter une description de note
design_grid_remove_descriptor = Retirer cette description
design_grid_total_heading = Total
design_grid_total_minimum = Note totale minimale (facultatif)
design_grid_total_max = Total de la grille :
design_grid_update_totals = Mettre à jour les totaux
design_grid_save = Enregistrer la grille
flash_design_grid_saved = La grille d'évaluation est enregistrée.
design_grid_error_invalid = Cette valeur n'est pas acceptée.
design_grid_error_required = Ce champ est obligatoire.
design_grid_error_too_long = Ce texte est trop long.
design_grid_error_invalid_number = Indiquez un nombre, par exemple 12.
design_grid_error_invalid_code = Le code conservé pour cette ligne n'est pas valide ; retirez la ligne et ajoutez-la de nouveau.
design_grid_error_duplicate_code = Une autre ligne a le même code ; retirez cette ligne et ajoutez-la de nouveau.
design_grid_error_reserved_code = Ce titre donne un code réservé ; modifiez le texte anglais.
design_grid_error_out_of_range = Cette valeur est hors des limites permises.
design_grid_error_weight_out_of_range = Un critère a une pondération de 1 ou 2.
design_grid_error_scale_max_out_of_range = Une échelle commence à 1 ou plus et sa note la plus haute dépasse la plus basse, sans aller au-delà de 10.
design_grid_error_score_out_of_range = Aucun critère de cette grille ne peut donner cette note.
design_grid_error_above_maximum = Le minimum dépasse le nombre de points qu'il est possible d'obtenir.
design_grid_error_minimum_out_of_range = Un minimum ne peut pas être négatif.
design_grid_error_total_minimum_out_of_range = Un minimum ne peut pas être négatif.
design_grid_error_duplicate_score = Cette note est déjà décrite.
design_grid_error_sections_required = Une grille a besoin d'au moins une section.
design_grid_error_criteria_required = Une section a besoin d'au moins un critère.
design_grid_error_stale_version = Quelqu'un a enregistré cet appel pendant que vous le modifiiez. Rouvrez la page pour voir ses modifications, puis refaites les vôtres.
scorecard_scale_heading = Signification des notes
design_checklist_intro = Les questions auxquelles un gestionnaire répond pour chaque demande avant de la déclarer éligible. Enregistrez pour garder vos modifications.
design_checklist_item = Question { $n }
design_checklist_question_en = Question en anglais
design_checklist_question_fr = Question en français
design_checklist_add = Ajouter une question
design_checklist_remove = Retirer cette question
design_checklist_empty = La liste de vérification n'a encore aucune question.
design_checklist_save = Enregistrer la liste de vérification
flash_design_checklist_saved = La liste de vérification est enregistrée.

# Conception de l'appel : qui et où
title_design_eligibility = Qui et où
design_elig_intro = Qui peut déposer une demande, depuis quels pays, et quelles étiquettes les demandes peuvent porter. Les boutons ne changent que les cases de cette page ; rien n'est enregistré avant que vous n'enregistriez.
design_elig_applicant_types = Types d'organisation pouvant déposer une demande
design_elig_countries = Pays éligibles
design_elig_countries_hint = Les organisations de ces pays peuvent diriger, s'associer et mettre en œuvre. Cochez-les un par un, ou ajoutez tout un dialogue avec son bouton.
design_elig_all_countries = Cocher tous les pays
design_elig_no_countries = Décocher tous les pays
design_elig_add_dialogue = Ajouter tous les pays du { $dialogue }
design_elig_remove_dialogue = Retirer les pays du { $dialogue }
design_elig_min_countries = Nombre minimal de pays de mise en œuvre
design_elig_min_countries_hint = 1 pour une action dans un seul pays ; 2 ou plus en fait un appel multi-pays.
design_elig_exclude_same_country = Ne jamais affecter un évaluateur du pays du demandeur
design_elig_tags = Étiquettes que les demandes peuvent porter
design_elig_tags_hint = Les demandeurs classent leur action avec celles-ci ; décochez ce que cet appel ne couvre pas.
design_elig_jvap_domains = Domaines du PACV
design_elig_dialogues = Dialogues
design_elig_geographic_levels = Niveaux géographiques
design_elig_save = Enregistrer qui et où
flash_design_eligibility_saved = Qui peut déposer une demande et depuis où : enregistré.
design_elig_error_eligible_applicant_types_required = Cochez au moins un type d'organisation.
design_elig_error_eligible_applicant_types_unknown_type = Un type d'organisation inconnu a été envoyé ; cochez-les à nouveau.
design_elig_error_eligible_countries_required = Cochez au moins un pays.
design_elig_error_eligible_countries_unknown_country = Un pays qui n'est pas dans le programme a été envoyé ; cochez-les à nouveau.
design_elig_error_min_countries_out_of_range = Le nombre minimal de pays doit être d'au moins 1 et au plus le nombre de pays cochés.
design_elig_error_min_countries_not_a_number = Saisissez un nombre entier, par exemple 2.
design_elig_error_jvap_domains_unknown_tag = Un domaine du PACV inconnu a été envoyé ; cochez-les à nouveau.
design_elig_error_dialogues_unknown_tag = Un dialogue inconnu a été envoyé ; cochez-les à nouveau.
design_elig_error_geographic_levels_unknown_tag = Un niveau géographique inconnu a été envoyé ; cochez-les à nouveau.
design_elig_error_call_stale = Quelqu'un a enregistré cet appel pendant que vous le modifiiez. Rouvrez la page pour voir ses modifications, puis faites les vôtres.
design_elig_error_call_frozen = Cet appel est publié : ses règles sont figées et ne peuvent plus être modifiées.

# Conception de l'appel : rapports
title_design_reporting = Rapports
design_report_intro = Quand les bénéficiaires de cet appel rendent compte. Chaque convention signée au titre de l'appel planifie ses rapports et ses versements de préfinancement à partir de ces nombres.
design_report_explained = L'action est découpée en périodes de { $period } mois. Après chaque période sauf la dernière, un rapport intermédiaire est dû { $days } jours après la fin de la période ; il libère le préfinancement suivant. Le rapport final, sur l'ensemble de l'action, est dû { $final } mois après la fin de l'action.
design_report_legend = Plan de rapports
design_report_period_months = Durée d'une période de rapport (mois)
design_report_period_months_hint = Entre 3 et 24 mois ; 12 correspond à un rapport annuel.
design_report_interim_report_days = Rapport intermédiaire dû (jours après la fin de la période)
design_report_interim_report_days_hint = Entre 15 et 180 jours.
design_report_final_report_months = Rapport final dû (mois après la fin de l'action)
design_report_final_report_months_hint = Entre 1 et 12 mois.
design_report_save = Enregistrer le plan de rapports
flash_design_reporting_saved = Le plan de rapports est enregistré.
design_report_error_period_months_out_of_range = Une période de rapport dure entre 3 et 24 mois.
design_report_error_interim_report_days_out_of_range = Un rapport intermédiaire est dû entre 15 et 180 jours après sa période.
design_report_error_final_report_months_out_of_range = Le rapport final est dû entre 1 et 12 mois après l'action.
design_report_error_period_months_not_a_number = Saisissez un nombre entier de mois, par exemple 12.
design_report_error_interim_report_days_not_a_number = Saisissez un nombre entier de jours, par exemple 60.
design_report_error_final_report_months_not_a_number = Saisissez un nombre entier de mois, par exemple 3.
design_report_error_call_stale = Quelqu'un a enregistré cet appel pendant que vous le modifiiez. Rouvrez la page pour voir ses modifications, puis faites les vôtres.
design_report_error_call_frozen = Cet appel est publié : ses règles sont figées et ne peuvent plus être modifiées.

# Call designer: lots in both languages, lots as rows, copying a call
copy_call_link = Copier dans un nouvel appel en projet
call_hint_reference_copy = Ce projet copie un appel précédent : donnez-lui une nouvelle référence, qu'aucun autre appel n'utilise.
call_lot_legend = Lot
call_lot_name_en = Nom en anglais
call_lot_name_fr = Nom en français (facultatif)
call_lot_budget = Budget
call_lot_add = Ajouter un lot
call_lot_remove = Retirer le lot

# People administration (admins invite, change roles, deactivate; API tokens)
nav_people = Personnes
title_people = Personnes
title_people_invite = Inviter une personne
title_person = Personne
title_choose_password = Choisissez votre mot de passe
people_invite_link = Inviter une personne
people_search = Nom ou adresse électronique
people_name = Nom
people_language = Langue
people_roles = Rôles
people_role_manager = Gestionnaire
people_role_evaluator = Évaluateur ou évaluatrice
people_role_auditor = Auditeur ou auditrice
people_role_admin = Administrateur ou administratrice
people_country = Pays
people_country_hint = Nécessaire pour les évaluateurs : ils sont tenus à l'écart des candidats de leur propre pays quand l'appel le prévoit.
people_no_country = Aucun pays
people_expertise = Expertise (évaluateurs)
people_expertise_hint = L'affectation automatique préfère, parmi les évaluateurs les moins chargés, celui qui connaît un domaine du PACV choisi par la demande.
people_error_unknown_domain = Choisissez parmi les domaines du PACV du programme.
people_state_active = Actif
people_state_invited = Invité
people_state_deactivated = Désactivé
people_invite_submit = Envoyer l'invitation
people_back = Retour aux personnes
people_details = Rôles et langue
people_save = Enregistrer
people_access = Accès
people_deactivate = Désactiver
people_reactivate = Réactiver
people_tokens = Jetons d'API
people_no_tokens = Aucun jeton d'API.
people_token_once = Voici le nouveau jeton. Copiez-le maintenant : il ne sera plus affiché.
people_token_created = Créé le
people_token_expires = Expire le
people_token_last_used = Dernière utilisation
people_token_revoked = Révoqué le
people_token_revoke = Révoquer
people_token_new = Nouveau jeton d'API
people_token_name = À quoi il sert
people_token_expires_field = Expire le
people_token_create = Créer le jeton
people_errors_title = Veuillez corriger ce qui suit :
people_error_required = Ce champ est obligatoire.
people_error_invalid_email = Indiquez une adresse électronique valide.
people_error_taken = Cette adresse a déjà un compte.
people_error_too_long = C'est trop long.
people_error_control_characters = Les retours à la ligne et caractères de contrôle ne sont pas permis.
people_error_invalid_country = Indiquez le code du pays à deux lettres, par exemple SN.
people_error_not_staff = Choisissez parmi gestionnaire, évaluateur, auditeur et administrateur.
people_error_last_admin = Au moins un administrateur actif doit rester.
people_error_invalid_date = Indiquez une date.
people_error_token_expiry = Choisissez une date après aujourd'hui et au plus tard dans un an.
confirm_person_deactivate = Ses sessions se terminent et ses jetons d'API cessent de fonctionner aussitôt ; la personne ne peut plus se connecter et ne reçoit plus de nouvelles évaluations jusqu'à sa réactivation.
confirm_person_reactivate = La personne peut de nouveau se connecter avec son mot de passe ; ses anciennes sessions restent fermées.
flash_person_invited = L'invitation a été envoyée.
flash_person_saved = Les modifications ont été enregistrées.
flash_person_deactivated = Son accès a pris fin.
flash_person_reactivated = La personne peut de nouveau se connecter.
flash_person_token_revoked = Le jeton a été révoqué.
design_preview_shown_in = Affiché en :
design_preview_lang_en = anglais
design_preview_lang_fr = français

# Réponses aux formulaires : ce que lit le demandeur quand une réponse ne va pas ($label est le nom du champ)
form-label = Le formulaire
form-item-label = { $list }, élément { $number }
form-error-required = « { $label } » est obligatoire
form-error-type = « { $label } » doit être { $expected }
form-error-minimum = « { $label } » doit être au moins { $limit }
form-error-maximum = « { $label } » doit être au plus { $limit }
form-error-exclusive-minimum = « { $label } » doit être strictement supérieur à { $limit }
form-error-exclusive-maximum = « { $label } » doit être strictement inférieur à { $limit }
form-error-min-length = { $limit ->
    [1] « { $label } » ne doit pas être vide
   *[other] « { $label } » doit contenir au moins { $limit } caractères
}
form-error-max-length = { $limit ->
    [one] « { $label } » doit contenir au plus { $limit } caractère
   *[other] « { $label } » doit contenir au plus { $limit } caractères
}
form-error-pattern-hint = « { $label } » doit être { $hint }
form-error-pattern = « { $label } » n'est pas au format attendu
form-error-enum = « { $label } » doit être l'une des valeurs : { $options }
form-error-const = « { $label } » doit valoir { $value }
form-error-min-items = { $limit ->
    [1] « { $label } » doit contenir au moins un élément
   *[other] « { $label } » doit contenir au moins { $limit } éléments
}
form-error-max-items = { $limit ->
    [1] « { $label } » doit contenir au plus un élément
   *[other] « { $label } » doit contenir au plus { $limit } éléments
}
form-error-unique-items = « { $label } » ne doit pas contenir deux fois la même valeur
form-error-format = « { $label } » doit être { $format }
form-error-unknown-fields = « { $label } » contient des champs qui ne font pas partie du formulaire : { $fields }
form-error-invalid = « { $label } » n'est pas valide
form-types-or = { $first } ou { $second }
form-type-string = du texte
form-type-integer = un nombre entier
form-type-number = un nombre
form-type-boolean = oui ou non
form-type-array = une liste
form-type-object = un groupe de champs
form-type-null = vide
form-format-date = une date (AAAA-MM-JJ)
form-format-date-time = une date et une heure
form-format-email = une adresse e-mail
form-format-uri = une adresse web
form-format-other = au format { $format }

# Grilles d'évaluation : ce que lit l'évaluateur quand sa grille ne peut pas être soumise
scorecard-error-score-required = { $label } : une note est requise
scorecard-error-score-out-of-range = { $label } : la note doit être comprise entre { $min } et { $max }
scorecard-error-comment-required = { $label } : une note inférieure à { $comment_required_below } doit être commentée
scorecard-error-unknown-criterion = { $code } n'est pas un critère de cette grille
scorecard-error-overall-comment-required = Un commentaire général est requis

# Règles d'éligibilité vérifiées à la soumission : pourquoi une demande est refusée ou signalée
eligibility-applicant-type = les organisations de type { $kind } ne peuvent pas répondre à cet appel
eligibility-lead-country = le pays du demandeur principal ({ $country }) n'est pas éligible pour cet appel
eligibility-partner-country = le pays du partenaire ({ $country }) n'est pas éligible pour cet appel
eligibility-implementation-country = l'action ne peut pas se dérouler en { $country } dans le cadre de cet appel
eligibility-multi-country = cet appel exige une action dans au moins { $needed } pays
eligibility-duration = l'action doit durer entre { $min } et { $max } mois
eligibility-required-attachment = la pièce jointe « { $kind } » est obligatoire
eligibility-declared-type-differs = le type déclaré ({ $declared }) diffère du type enregistré ({ $registered })
eligibility-tag-not-allowed = { $tag } ne fait pas partie des thèmes de cet appel
eligibility-level-not-allowed = le niveau { $level } n'est pas ouvert dans cet appel
eligibility-requested-below-minimum = le montant demandé ({ $requested } EUR) est inférieur à la subvention minimale de { $min } EUR
eligibility-requested-above-maximum = le montant demandé ({ $requested } EUR) dépasse la subvention maximale de { $max } EUR
eligibility-cofinancing-cap = la subvention peut couvrir au plus { $percent } % du coût total ({ $cap } EUR sur { $total } EUR)
eligibility-budget-lines-sum = les lignes budgétaires totalisent { $sum } EUR et non { $total } EUR
eligibility-indirect-costs = les coûts indirects dépassent 7 % des coûts directs
eligibility-budget-balance = le montant demandé plus la contribution propre ({ $requested } + { $own } EUR) doit égaler le total ({ $total } EUR)

# Demandes complètes des appels restreints, comparées à leur note conceptuelle
concept-note-locked-field = { $field } est fixé par la note conceptuelle et ne peut pas changer
concept-note-requested-variation = le montant demandé doit rester entre { $low } et { $high } EUR, dans les limites de la note conceptuelle

# Conception des appels : ce qui ne peut pas être lu dans les formulaires de l'appel et de la grille
call-form-error-amount = un montant en euros, par exemple 250000,00 ({ $why })
call-form-error-lot-amount = un montant en euros, par exemple 600 000 ou 600000,00 ({ $why })
call-form-error-whole-number = un nombre entier
call-form-error-rate = une fraction, par exemple 0.90
call-form-error-patch-object = un objet JSON, par exemple {"{"}"min_countries": 2{"}"}
call-form-error-patch-json = JSON non valide : { $why }
call-form-error-instant-required = une date et une heure (UTC) sont requises
call-form-error-instant = une date et une heure au format AAAA-MM-JJTHH:MM (UTC)
grid-form-error-points = un nombre de points, par exemple 12 ou 12,5

# Dates et heures, pour les pages, les PDF et les e-mails : 10 décembre 2026 à 23 h 59 GMT
written-date = { $day } { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
} { $year }
written-date-time = { $date } à { $hour } h { $minute } { $zone }
written-percent = { $value } %

# Comment cette langue écrit les nombres : séparateur décimal, séparateur des milliers, montant en euros, et son
# nom dans le menu des langues.
number-decimal = ,
number-group = {"\u202F"}
written-money = { $amount } €
written-size = { $number } { $unit ->
    [b] o
    [kb] ko
   *[mb] Mo
}
language-name = Français

# E-mails : mots que les modèles reçoivent déjà dans la langue du destinataire
email-report-kind = { $kind ->
    [interim] intermédiaire
    [final] final
   *[other] { $kind }
}

# E-mails : toutes les phrases des e-mails de notification. Les modèles (templates/email/<événement>/subject.hbs,
# text.hbs, html.hbs et partials/) contiennent la mise en forme et appellent ces messages par leur identifiant.
# Un message « -text » est la formulation de la partie texte quand elle diffère de la partie HTML.

# e-mail : communs à plusieurs e-mails
email-greeting = Bonjour { $name },
email-link-view-grant = Consulter votre subvention
email-link-view-grant-text = Consulter votre subvention :
email-link-view-application = Consulter votre demande
email-link-view-application-text = Consulter votre demande :
email-reason-given = Motif indiqué :
email-label-title = Titre :
email-link-open-application = Ouvrir la demande
email-link-open-application-text = Ouvrir la demande :
email-link-open-call = Ouvrir l'appel
email-link-open-call-text = Ouvrir l'appel :
email-link-expires-hours = Ce lien expire dans { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }.
email-decision-amount-awarded = Montant accordé :
email-decision-amount-requested = Montant demandé :
email-decision-score = Note consolidée :
email-decision-section-score = { $label } : { $points } / { $max }
email-decision-comments = Commentaires des évaluateurs :
email-footer-regards = Cordialement,
email-footer-team = L'équipe { $programme }
email-footer-why = Vous recevez ce message parce que vous disposez d'un compte sur { $programme } et participez à ses appels à propositions. Il s'agit d'un message de service.
email-application-draft = n° { $id } (brouillon)

# e-mail : account_exists
email-account-exists-subject = Tentative d'inscription avec votre adresse
email-account-exists-heading = Cette adresse a déjà un compte
email-account-exists-intro = Quelqu'un — peut-être vous — a tenté de créer un nouveau compte { $programme } avec cette adresse électronique. Elle a déjà un compte : rien n'a été créé.
email-account-exists-link = Mot de passe oublié ? Choisissez-en un nouveau
email-account-exists-not-you = Si ce n'était pas vous, vous pouvez ignorer ce message : votre compte n'a pas changé.
email-account-exists-link-text = Si c'était vous, connectez-vous avec votre mot de passe ; si vous l'avez oublié, choisissez-en un nouveau :

# e-mail : agreement_signed
email-agreement-signed-subject = Contrat de subvention signé : { $reference }
email-agreement-signed-heading = Contrat de subvention signé
email-agreement-signed-intro = Le contrat de subvention relatif à votre demande { $reference } « { $title } » a été signé.
email-agreement-signed-amount = Montant de la subvention :
email-agreement-signed-period = Période de mise en œuvre :
email-agreement-signed-period-dates = du { $start } au { $end }
email-agreement-signed-payments = Paiements :
email-agreement-signed-payment-balance = { $amount }, solde, à l'approbation du rapport final
email-agreement-signed-payment-after-report = { $amount }, préfinancement, à l'approbation du rapport intermédiaire { $period }
email-agreement-signed-payment-at-signature = { $amount }, préfinancement, versé à la signature
email-agreement-signed-report-final = Rapport final : { $due }
email-agreement-signed-report-interim = Rapport intermédiaire { $period } : { $due }
email-agreement-signed-reports = Rapports attendus :
email-agreement-signed-reminders = Merci de respecter les échéances de rapport fixées dans le contrat. Nous vous enverrons un rappel avant chaque échéance.
email-agreement-signed-period-text = Période de mise en œuvre : du { $start } au { $end }

# e-mail : application_awarded
email-application-awarded-subject = Subvention accordée : { $reference }
email-application-awarded-heading = Subvention accordée
email-application-awarded-intro = Nous avons le plaisir de vous informer qu'une subvention a été accordée à votre demande { $reference } « { $title } » au titre de l'appel { $call }.
email-application-awarded-next = La prochaine étape est le contrat de subvention. Nous prendrons contact avec vous pour le préparer.

# e-mail : application_eligible
email-application-eligible-subject = Demande { $reference } éligible
email-application-eligible-heading = Demande éligible
email-application-eligible-intro = Votre demande { $reference } « { $title } » au titre de l'appel { $call } a été déclarée éligible.
email-application-eligible-next = L'étape suivante est son évaluation. Nous vous informerons du résultat par e-mail.

# e-mail : application_ineligible
email-application-ineligible-subject = Demande { $reference } non éligible
email-application-ineligible-heading = Demande non éligible
email-application-ineligible-intro = Après examen, votre demande { $reference } « { $title } » au titre de l'appel { $call } a été déclarée inéligible. Elle ne sera pas évaluée.
email-application-ineligible-no-reason = Elle ne remplit pas un ou plusieurs des critères d'éligibilité fixés par l'appel.
email-application-ineligible-thanks = Nous vous remercions du temps consacré à votre demande.

# e-mail : application_rejected
email-application-rejected-subject = Demande { $reference } non retenue
email-application-rejected-heading = Demande non retenue
email-application-rejected-intro = Nous avons le regret de vous informer que votre demande { $reference } « { $title } » au titre de l'appel { $call } n'a pas été retenue pour une subvention.
email-application-rejected-scores = Les notes et commentaires des évaluateurs sont disponibles sur la page de votre demande.
email-application-rejected-thanks = Nous vous remercions du travail consacré à votre demande.
email-application-rejected-link = Voir les notes et commentaires
email-application-rejected-link-text = Voir les notes et commentaires :

# e-mail : application_reserve_listed
email-application-reserve-listed-subject = Demande { $reference } inscrite sur la liste de réserve
email-application-reserve-listed-heading = Demande inscrite sur la liste de réserve
email-application-reserve-listed-intro = Votre demande { $reference } « { $title } » au titre de l'appel { $call } a été inscrite sur la liste de réserve.
email-application-reserve-listed-next = Elle ne peut pas être financée pour le moment, mais pourra recevoir une subvention si des fonds se libèrent. Nous vous communiquerons la décision finale par e-mail.

# e-mail : application_submitted
email-application-submitted-subject = Nouvelle demande { $reference } ({ $call_reference })
email-application-submitted-heading = Nouvelle demande soumise
email-application-submitted-intro = Une nouvelle demande a été soumise au titre de l'appel { $call } ({ $call_reference }).
email-application-submitted-reference = Référence :

# e-mail : application_submitted_receipt
email-application-submitted-receipt-subject = Demande reçue : { $reference }
email-application-submitted-receipt-heading = Demande reçue
email-application-submitted-receipt-intro = Nous avons bien reçu votre demande « { $title } » au titre de l'appel à propositions { $call } ({ $call_reference }).
email-application-submitted-receipt-reference = La référence de votre demande est :
email-application-submitted-receipt-quote = Merci d'indiquer cette référence dans tout échange concernant votre demande.
email-application-submitted-receipt-next = Nous allons maintenant vérifier l'éligibilité de votre demande. Nous vous informerons du résultat par e-mail.

# e-mail : application_withdrawn
email-application-withdrawn-subject = Demande { $reference } retirée par le demandeur
email-application-withdrawn-heading = Demande retirée par le demandeur
email-application-withdrawn-intro = Le demandeur a retiré la demande { $reference } de l'appel { $call } ({ $call_reference }).
email-application-withdrawn-next = Aucune autre action n'est nécessaire sur cette demande.

# e-mail : application_withdrawn_receipt
email-application-withdrawn-receipt-subject = Demande retirée : { $reference }
email-application-withdrawn-receipt-heading = Demande retirée
email-application-withdrawn-receipt-intro = Comme vous l'avez demandé, votre demande { $reference } « { $title } » au titre de l'appel { $call } ({ $call_reference }) a été retirée.
email-application-withdrawn-receipt-next = Elle ne sera ni examinée ni évaluée. Si vous n'êtes pas à l'origine de ce retrait, veuillez contacter l'équipe { $programme } au plus vite.

# e-mail : award_declined
email-award-declined-subject = Subvention déclinée par le demandeur : { $reference }
email-award-declined-heading = Subvention déclinée
email-award-declined-intro = Le demandeur a décliné la subvention accordée à la demande { $reference } « { $title } » (appel { $call_reference }).
email-award-declined-next = Les fonds correspondants peuvent désormais bénéficier à une demande de la liste de réserve.

# e-mail : call_cancelled
email-call-cancelled-subject = Appel annulé : { $call_reference } – { $call }
email-call-cancelled-heading = Appel annulé
email-call-cancelled-intro = L'appel à propositions { $call } ({ $call_reference }) a été annulé.
email-call-cancelled-next = Aucune autre étape n'aura lieu dans le cadre de cet appel. Nous vous prions de nous excuser pour la gêne occasionnée.
email-call-cancelled-link = Consulter l'appel
email-call-cancelled-link-text = Consulter l'appel :

# e-mail : call_closed
email-call-closed-subject = Appel clôturé : { $call_reference }
email-call-closed-heading = Appel clôturé
email-call-closed-intro = La date limite de l'appel { $call } ({ $call_reference }) est passée : l'appel est désormais clôturé. Aucune nouvelle demande ne peut être soumise.
email-call-closed-next = L'étape suivante est le lancement de l'évaluation.

# e-mail : call_decided
email-call-decided-subject = Décisions enregistrées : { $call_reference }
email-call-decided-heading = Décisions enregistrées
email-call-decided-intro = Les décisions d'attribution ont été enregistrées pour toutes les demandes de l'appel { $call } ({ $call_reference }).
email-call-decided-next = L'appel peut désormais être archivé.

# e-mail : call_published
email-call-published-subject = Appel publié : { $call_reference }
email-call-published-heading = Appel publié
email-call-published-intro = L'appel à propositions { $call } ({ $call_reference }) est désormais publié. Les demandeurs peuvent soumettre leur demande jusqu'à la date limite.

# e-mail : call_question_answered
email-call-question-answered-subject = Votre question sur { $call_reference } a reçu une réponse
email-call-question-answered-heading = Votre question a reçu une réponse
email-call-question-answered-intro = Le programme a répondu à votre question sur l'appel { $call } ({ $call_reference }). La réponse est publiée sur la page de l'appel pour tous les demandeurs.
email-call-question-answered-question = Votre question :
email-call-question-answered-answer = La réponse :
email-call-question-answered-link = Lire les questions et réponses de l'appel
email-call-question-answered-link-text = Lire les questions et réponses de l'appel :

# e-mail : clarification_answered
email-clarification-answered-subject = Réponse à la demande de précisions : { $reference }
email-clarification-answered-heading = Réponse à la demande de précisions
email-clarification-answered-intro = Le demandeur a répondu à votre question concernant la demande { $reference } « { $title } » (appel { $call_reference }).
email-clarification-answered-answer = Réponse :
email-clarification-answered-next = La demande est de nouveau en cours d'examen d'éligibilité.

# e-mail : clarification_expired
email-clarification-expired-subject = Demande { $reference } inéligible : aucune réponse reçue
email-clarification-expired-heading = Aucune réponse reçue : demande inéligible
email-clarification-expired-intro = Nous n'avons pas reçu à temps votre réponse à notre question concernant la demande { $reference } « { $title } ». Votre demande a donc été déclarée inéligible et ne sera pas évaluée.
email-clarification-expired-thanks = Nous vous remercions de l'intérêt que vous portez à l'appel { $call }.

# e-mail : clarification_requested
email-clarification-requested-subject = Question sur votre demande { $reference } : merci de répondre au plus tard le { $due }
email-clarification-requested-heading = Question sur votre demande
email-clarification-requested-intro = Un gestionnaire de l'appel souhaite obtenir des précisions sur votre demande { $reference } « { $title } ».
email-clarification-requested-question = Question :
email-clarification-requested-due = Merci de répondre sur la page de votre demande au plus tard le { $due }.
email-clarification-requested-warning = Sans réponse de votre part à cette date, votre demande sera déclarée inéligible.
email-clarification-requested-link = Répondre à la question
email-clarification-requested-link-text = Répondre à la question :

# e-mail : concept_note_not_shortlisted
email-concept-note-not-shortlisted-subject = Note succincte { $reference } non présélectionnée
email-concept-note-not-shortlisted-heading = Note succincte non présélectionnée
email-concept-note-not-shortlisted-intro = Nous avons le regret de vous informer que votre note succincte { $reference } « { $title } » au titre de l'appel { $call } n'a pas été présélectionnée. Elle ne pourra donc pas donner lieu à une demande complète.
email-concept-note-not-shortlisted-thanks = Nous vous remercions du travail consacré à votre note succincte.

# e-mail : concept_note_shortlisted
email-concept-note-shortlisted-subject = Note succincte { $reference } présélectionnée : demande complète à soumettre
email-concept-note-shortlisted-heading = Note succincte présélectionnée
email-concept-note-shortlisted-intro = Votre note succincte { $reference } « { $title } » au titre de l'appel { $call } a été présélectionnée. Nous vous invitons à soumettre une demande complète.
email-concept-note-shortlisted-next = Les prochaines étapes sont indiquées sur la page de votre demande.
email-concept-note-shortlisted-link = Voir les prochaines étapes
email-concept-note-shortlisted-link-text = Voir les prochaines étapes :

# e-mail : email_verification
email-email-verification-subject = Confirmez votre adresse e-mail
email-email-verification-heading = Confirmez votre adresse e-mail
email-email-verification-intro = Merci de confirmer votre adresse e-mail pour activer votre compte { $programme }.
email-email-verification-link = Confirmer mon adresse e-mail
email-email-verification-not-you = Si vous n'avez pas créé de compte, vous pouvez ignorer ce message.
email-email-verification-link-text = Confirmer mon adresse e-mail :

# e-mail : evaluation_assigned
email-evaluation-assigned-subject = Nouvelle évaluation attribuée : { $reference }
email-evaluation-assigned-heading = Nouvelle évaluation attribuée
email-evaluation-assigned-intro = L'évaluation de la demande { $reference } « { $title } » de l'appel { $call } ({ $call_reference }) vous a été attribuée.
email-evaluation-assigned-declaration = Avant de pouvoir en consulter le contenu, vous devez déclarer si vous êtes ou non en situation de conflit d'intérêts.

# e-mail : evaluation_completed
email-evaluation-completed-subject = Évaluation terminée : { $reference }
email-evaluation-completed-heading = Évaluation terminée
email-evaluation-completed-intro = Toutes les grilles d'évaluation de la demande { $reference } « { $title } » (appel { $call_reference }) ont été soumises.
email-evaluation-completed-next = La demande est prête pour une décision.

# e-mail : grant_closed
email-grant-closed-subject = Subvention clôturée : { $reference }
email-grant-closed-heading = Subvention clôturée
email-grant-closed-intro = La subvention relative à votre demande { $reference } « { $title } » a été clôturée. Aucun autre rapport n'est attendu.
email-grant-closed-thanks = Nous vous remercions pour votre travail et votre collaboration.

# e-mail : grant_terminated
email-grant-terminated-subject = Subvention résiliée : { $reference }
email-grant-terminated-heading = Subvention résiliée
email-grant-terminated-intro = La subvention relative à votre demande { $reference } « { $title } » a été résiliée.
email-grant-terminated-no-reason = Aucun motif n'a été enregistré avec cette décision. Pour toute question, veuillez contacter l'équipe { $programme }.
email-grant-terminated-next = Pour la suite, veuillez vous reporter à votre contrat de subvention et à la page de votre demande.

# e-mail : invitation
email-invitation-subject = Vous êtes invité·e : choisissez votre mot de passe
email-invitation-heading = Vous êtes invité·e
email-invitation-intro = Un compte a été ouvert pour vous sur { $programme }.
email-invitation-link = Choisir votre mot de passe
email-invitation-expiry = Ce lien expire dans { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }. S'il a expiré, demandez-en un nouveau à l'administrateur qui vous a invité·e.
email-invitation-link-text = Choisissez votre mot de passe pour vous connecter :

# e-mail : password_reset
email-password-reset-subject = Réinitialisation de votre mot de passe
email-password-reset-heading = Réinitialisation de votre mot de passe
email-password-reset-intro = Nous avons reçu une demande de réinitialisation du mot de passe de votre compte { $programme }.
email-password-reset-link = Choisir un nouveau mot de passe
email-password-reset-not-you = Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message : votre mot de passe ne sera pas modifié.
email-password-reset-link-text = Choisir un nouveau mot de passe :

# e-mail : payment_made
email-payment-made-subject = Paiement effectué : { $reference }
email-payment-made-heading = Paiement effectué
email-payment-made-intro = Le paiement n° { $sequence } de { $amount } pour votre subvention { $reference } « { $title } » a été effectué.

# e-mail : report_approved
email-report-approved-subject = Rapport approuvé : { $reference }
email-report-approved-heading = Rapport approuvé
email-report-approved-intro = Votre rapport ({ $kind }, période { $period }) pour { $reference } « { $title } » a été approuvé.
email-report-approved-remarks = Remarques :
email-report-approved-next = Le paiement que ce rapport débloque, le cas échéant, est en cours de traitement.

# e-mail : report_changes_requested
email-report-changes-requested-subject = Modifications demandées sur votre rapport : { $reference }
email-report-changes-requested-heading = Modifications demandées sur votre rapport
email-report-changes-requested-intro = Votre rapport ({ $kind }, période { $period }) pour { $reference } « { $title } » doit être modifié avant de pouvoir être approuvé.
email-report-changes-requested-changes = À modifier :
email-report-changes-requested-next = Merci de le corriger et de le remettre à nouveau.
email-report-changes-requested-link = Corriger le rapport
email-report-changes-requested-link-text = Corriger le rapport :

# e-mail : report_due_reminder
email-report-due-reminder-subject = Rappel : rapport { $kind } attendu pour le { $due } ({ $grant })
email-report-due-reminder-heading = Rappel : rapport à remettre
email-report-due-reminder-intro = Votre rapport { $kind } pour la subvention { $grant } est attendu pour le { $due }.
email-report-due-reminder-next = Merci de le soumettre dans les délais via la plateforme.
email-report-due-reminder-link = Ouvrir le rapport
email-report-due-reminder-link-text = Ouvrir le rapport :

# e-mail : report_overdue
email-report-overdue-subject = En retard : rapport { $kind } pour la subvention { $grant }
email-report-overdue-heading = Rapport en retard
email-report-overdue-intro = Votre rapport { $kind } pour la subvention { $grant } était attendu pour le { $due } et ne nous est pas parvenu.
email-report-overdue-next = Merci de le soumettre dès que possible. En cas de difficulté, veuillez contacter l'équipe { $programme }.
email-report-overdue-link = Soumettre le rapport
email-report-overdue-link-text = Soumettre le rapport :

# e-mail : report_submitted
email-report-submitted-subject = Rapport remis : { $reference }
email-report-submitted-heading = Rapport remis
email-report-submitted-intro = Le bénéficiaire de { $reference } « { $title } » a remis un rapport ({ $kind }, période { $period }). Il attend votre examen.
email-report-submitted-link = Examiner le rapport
email-report-submitted-link-text = Examiner le rapport :

# e-mail : scorecard_reminder
email-scorecard-reminder-subject = Rappel : grille d'évaluation { $reference } à soumettre au plus tard le { $due }
email-scorecard-reminder-heading = Rappel : grille d'évaluation à terminer
email-scorecard-reminder-intro = Votre grille d'évaluation de la demande { $reference } (appel { $call }) n'est pas encore terminée.
email-scorecard-reminder-due = Merci de la compléter et de la soumettre au plus tard le { $due }.
email-scorecard-reminder-link = Ouvrir votre grille d'évaluation
email-scorecard-reminder-link-text = Ouvrir votre grille d'évaluation :

# e-mail : scoring_discrepancy
email-scoring-discrepancy-subject = Notes à arbitrer : { $reference }
email-scoring-discrepancy-heading = Notes à arbitrer
email-scoring-discrepancy-intro = Les deux premières grilles de la demande { $reference } « { $title } » (appel { $call_reference }) diffèrent trop : { $first } et { $second } points, soit un écart de { $gap } quand l'appel en admet { $allowed }.
email-scoring-discrepancy-next = La demande ne peut pas être classée tant qu'un troisième évaluateur ne l'a pas notée ou qu'un gestionnaire n'a pas enregistré un arbitrage sur sa page.

# e-mail : sign_in_link
email-sign-in-link-subject = Terminez votre connexion
email-sign-in-link-heading = Terminez votre connexion
email-sign-in-link-intro = Quelqu'un s'est connecté à votre compte { $programme } avec le bon mot de passe depuis un nouvel endroit, alors que de nombreux mots de passe erronés y étaient essayés. Si c'était vous, terminez la connexion :
email-sign-in-link-link = Terminer la connexion
email-sign-in-link-not-you = Si ce n'était pas vous, quelqu'un connaît votre mot de passe : n'ouvrez pas le lien et choisissez sans attendre un nouveau mot de passe.
email-sign-in-link-intro-text = Quelqu'un s'est connecté à votre compte { $programme } avec le bon mot de passe depuis un nouvel endroit, alors que de nombreux mots de passe erronés y étaient essayés. Si c'était vous, terminez la connexion ici :

# e-mail : submissions_digest
email-submissions-digest-subject = Nouvelles demandes pour { $call_reference } : { $count }
email-submissions-digest-heading = Nouvelles demandes : { $call_reference }
email-submissions-digest-intro = Demandes soumises au titre de l'appel { $call } ({ $call_reference }) depuis votre dernier récapitulatif : { $count }
email-submissions-digest-item-after-link = {" "}: { $title } ({ $organisation })
email-submissions-digest-settings = Vous avez choisi un récapitulatif plutôt qu'un courriel par demande ; vous pouvez changer ce choix sous « Avis par courriel » dans votre compte.
email-submissions-digest-item = { $reference } : { $title } ({ $organisation })
email-submissions-digest-settings-text = Vous avez choisi un récapitulatif plutôt qu'un courriel par demande ; vous pouvez changer ce choix sous « Avis par courriel » dans votre compte.

# Conception des appels : vérification des règles, paramètres et lots d'un appel
validation-required = { $field } est obligatoire
validation-too-long = { $field } doit contenir au plus { $max } caractères
call-rules-error-reference = la référence compte 3 à 40 lettres majuscules, chiffres ou tirets, par exemple MMD-CFP-2026-01
call-rules-error-deadline-before-opening = la date limite doit suivre l'ouverture
call-rules-error-min-above-max = la subvention minimale ne peut pas dépasser la subvention maximale
call-rules-error-max-above-budget = la subvention maximale ne peut pas dépasser le budget total
call-rules-error-timezone = indiquez le fuseau horaire dans lequel la date limite est affichée, par exemple Africa/Bamako
call-rules-error-required-before-publication = { $field } est obligatoire avant la publication
call-rules-error-total-budget-zero = le budget total doit être supérieur à zéro
call-rules-error-max-grant-zero = la subvention maximale doit être supérieure à zéro
call-rules-error-deadline-passed = la date limite est déjà passée
call-settings-error-cofinancing-rate = le plafond de cofinancement est un taux supérieur à 0 et au plus égal à 1
call-settings-error-durations = les durées doivent respecter 1 ≤ minimum ≤ maximum ≤ 120 mois
call-settings-error-applicant-types = au moins un type de demandeur doit être éligible
call-settings-error-countries = au moins un pays doit être éligible
call-settings-error-min-countries = le nombre minimal de pays est compris entre 1 et les { $chosen } pays éligibles
call-settings-error-unknown-country = { $code } n'est pas un pays du programme { $programme }
call-settings-error-unknown-tag = { $code } ne figure pas dans la liste { $list } du programme
call-settings-error-evaluators = entre 1 et 10 évaluateurs par demande
call-settings-error-rate = { $field } est un taux supérieur à 0 et au plus égal à 1
call-settings-error-shortlist-factor = le facteur de présélection vaut au moins 1
call-settings-error-attachment-size = les pièces jointes sont limitées à { $max } octets au plus
call-settings-error-attachment-type = { $kind } n'est pas un type de pièce jointe accepté
call-settings-error-attachment-kind = les types de pièces jointes sont des codes snake_case, par exemple statutes
call-settings-error-concept-note-grid = un appel restreint nécessite une grille pour les notes conceptuelles
call-settings-error-checklist-code = les codes de la liste de contrôle sont en snake_case, par exemple on_time
call-settings-error-duplicate-code = le code { $code } est utilisé deux fois
call-settings-error-concept-note-form = un appel restreint nécessite un formulaire de note conceptuelle
call-settings-error-lots-required = un appel nécessite au moins un lot
call-settings-error-lot-budget = un lot doit avoir un budget supérieur à zéro
call-settings-error-lots-sum = les lots totalisent { $sum } mais le budget total est de { $total }
call-design-error-full-application-deadline = les demandes complètes sont dues après la date limite des notes conceptuelles

# Conception des appels : vérification d'une grille d'évaluation
grid-error-code = les codes sont en snake_case, par exemple action_plan
grid-error-duplicate-code = le code { $code } est utilisé deux fois dans la grille
grid-error-negative-minimum = un minimum ne peut pas être négatif
grid-error-minimum-above-maximum = le minimum { $minimum } dépasse le maximum de { $max } points
grid-error-no-section = une grille nécessite au moins une section
grid-error-reserved-code = total est réservé au minimum total
grid-error-no-criterion = une section nécessite au moins un critère
grid-error-weight = un critère pèse 1 ou 2
grid-error-scale = une échelle doit respecter 0 < minimum < maximum ≤ { $max }
grid-error-descriptor-score = aucun critère de la grille ne peut recevoir la note { $score }
grid-error-duplicate-score = la note { $score } est décrite deux fois

# Grilles et liste de contrôle par défaut du programme, copiées en anglais et en français dans un nouvel appel
default-grid-section-relevance = Pertinence de l'action
default-grid-section-design = Conception de l'action
default-grid-section-capacity = Capacité opérationnelle et financière
default-grid-section-effectiveness = Efficacité et faisabilité
default-grid-section-sustainability = Durabilité
default-grid-section-budget = Budget et coût-efficacité
default-grid-criterion-management-experience = Expérience de la gestion de projets
default-grid-criterion-technical-expertise = Expertise technique sur le sujet
default-grid-criterion-management-capacity = Capacité de gestion (personnel, moyens)
default-grid-criterion-financial-sources = Financement stable et suffisant
default-grid-criterion-objectives-priorities = Pertinence au regard des objectifs
default-grid-criterion-local-needs = Pertinence au regard des besoins locaux
default-grid-criterion-stakeholders = Parties prenantes définies et bien choisies
default-grid-criterion-target-groups = Besoins des groupes cibles pris en compte
default-grid-criterion-coherence = Cohérence de la conception d'ensemble
default-grid-criterion-feasibility = Réalisable et cohérente avec les objectifs
default-grid-criterion-activities = Activités cohérentes avec les objectifs
default-grid-criterion-action-plan = Plan d'action clair et réalisable
default-grid-criterion-indicators = Indicateurs vérifiables et évaluation
default-grid-criterion-partners-involvement = Implication des partenaires
default-grid-criterion-impact = Impact tangible sur les groupes cibles
default-grid-criterion-multiplier-effects = Effets multiplicateurs, reproductibilité
default-grid-criterion-sustainable-results = Résultats durables après l'action
default-grid-criterion-cost-effectiveness = Coûts proportionnés aux résultats
default-grid-criterion-necessary-expenditure = Dépenses nécessaires à l'action
default-checklist-submitted-on-time = Soumise avant la date limite
default-checklist-complete = Complète : toutes les parties et pièces requises
default-checklist-declaration-signed = Déclaration sur l'honneur signée
default-checklist-lead-eligible = Demandeur principal éligible

# Conception des appels : vérification du calendrier des rapports
reporting-plan-error-months = { $field } est compris entre { $min } et { $max } mois
reporting-plan-error-days = { $field } est compris entre { $min } et { $max } jours
design_part_documents = Pièces
title_design_documents = Pièces à joindre
design_docs_intro = Les pièces que chaque demande doit porter à la soumission, et les fichiers acceptés. Les demandeurs les déposent sur leur demande ; une pièce obligatoire manquante bloque la soumission en la nommant.
design_docs_required = Pièces obligatoires à la soumission
design_docs_required_hint = Décochez-les toutes pour n'en exiger aucune ; les demandeurs peuvent toujours joindre l'une d'elles.
design_docs_other = Autre pièce obligatoire (son nom)
design_docs_other_hint = Pour une pièce absente de la liste, par exemple « Relevé d'identité bancaire » : elle est ajoutée aux pièces obligatoires à l'enregistrement.
design_docs_types = Types de fichier acceptés
design_docs_max = Taille maximale d'un fichier (Mo)
design_docs_max_hint = Entre 0,1 et { $max }.
design_docs_save = Enregistrer les pièces
flash_design_documents_saved = Les pièces de l'appel sont enregistrées.
design_docs_error_other_document_unreadable = Donnez à la pièce un nom qui commence par une lettre, par exemple « Relevé d'identité bancaire ».
design_docs_error_required_attachments_invalid_code = Une pièce obligatoire a un nom illisible ; décochez-la et ajoutez-la à nouveau par son nom.
design_docs_error_attachment_types_required = Cochez au moins un type de fichier.
design_docs_error_attachment_types_unsupported_type = Un type de fichier inconnu a été envoyé ; cochez-les à nouveau.
design_docs_error_attachment_max_bytes_out_of_range = Saisissez une taille en mégaoctets dans les limites indiquées, par exemple 10.
design_docs_error_call_stale = Quelqu'un a enregistré cet appel pendant que vous le modifiiez. Rouvrez la page pour voir ses changements, puis faites les vôtres.
design_docs_error_call_frozen = Cet appel est publié : ses règles sont figées et ne peuvent plus être modifiées.
money-error-not-a-number = uniquement des chiffres, avec une virgule ou un point avant les centimes
money-error-negative = un montant ne peut pas être négatif
money-error-too-precise = au plus deux chiffres après la virgule
money-error-too-large = le montant est trop élevé
agreement-error-amount-required = la subvention doit être supérieure à zéro
agreement-error-above-award = le contrat ne peut pas dépasser le montant accordé ({ $awarded } EUR)
agreement-error-before-start = l'action doit se terminer après son début
agreement-error-duration = l'action dure { $months } mois ; l'appel autorise de { $min } à { $max } mois
submit-error-form-unavailable = le formulaire de cette étape ne peut pas être utilisé ; l'équipe du programme a été prévenue
