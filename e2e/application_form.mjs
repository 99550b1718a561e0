// The MMD full-application form filled as an applicant from Kayes would, for the journeys that apply to
// a call: every question of the programme's template, amounts typed the French way.

/// Fills every question of the programme's form on the edit page `page` is on; without `title`, the
/// action's title is left empty (a journey that wants the form refused).
export async function fillApplicationForm(page, { title } = {}) {
  const fill = (id, value) => page.fill(`#${id}`, value);
  await fill('f-lead-name', 'Réseau Kayes Mobilité');
  await page.selectOption('#f-lead-country', 'ML');
  await page.selectOption('#f-lead-organisation_type', 'civil_society');
  await fill('f-partners-0-name', 'Association des jeunes de Tambacounda');
  await page.selectOption('#f-partners-0-country', 'SN');
  await fill('f-partners-0-role', 'Sessions d\'information à Tambacounda');
  if (title) await fill('f-action-title', title);
  await fill('f-action-summary', 'Informer les jeunes de Kayes et de Tambacounda sur les voies légales de mobilité.');
  await fill('f-action-duration_months', '24');
  await page.check('input[name="/action/countries"][value="ML"]');
  await page.check('input[name="/action/countries"][value="SN"]');
  await page.check('input[name="/tags/jvap_domains"][value="legal_migration_mobility"]');
  await page.check('input[name="/tags/dialogues"][value="rabat_process"]');
  await page.selectOption('#f-tags-geographic_level', 'multi_country');
  await fill('f-logframe-objectives-0', 'Réduire les départs irréguliers des jeunes de la région de Kayes.');
  await fill('f-logframe-results-0', 'Deux points d\'information ouverts et fréquentés.');
  await fill('f-logframe-indicators-0-name', 'Visites des points d\'information');
  await fill('f-logframe-indicators-0-baseline', '0');
  await fill('f-logframe-indicators-0-target', '3 000');
  await page.selectOption('#f-budget-lines-0-category', 'human_resources');
  await fill('f-budget-lines-0-description', 'Équipe du projet, 24 mois');
  await fill('f-budget-lines-0-amount', '240 000');
  await fill('f-budget-total', '240 000,00');
  await fill('f-budget-requested_amount', '200 000');
  await fill('f-budget-own_contribution', '40 000');
}
