// A programme manager designs a whole call on a phone (390 × 844), in French, without typing JSON: the
// rules, an application form with a section of added questions (a repeating co-financing group among
// them), the scoring grid, the checklist and the countries picked by dialogue; previews the form in both
// languages, publishes the call; then an applicant applies to it on a phone and submits.

import { fillApplicationForm } from './application_form.mjs';

const PHONE = { width: 390, height: 844 };

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) throw new Error(`${what} scrolls sideways at ${PHONE.width} px: ${width} px wide`);
}

async function submitted(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/// Throws unless a select on the page offers `label`.
async function offers(page, label) {
  if ((await page.locator('option', { hasText: label }).count()) < 1) throw new Error(`no choice offers "${label}"`);
}

/// Adds one question from the question page the browser is on; returns where the site went next.
async function addQuestion(page, { kind, en, fr, required, min, max, choices, itemEn, itemFr, helpEn, helpFr }) {
  await page.selectOption('#question-kind', kind);
  await page.fill('#question-en', en);
  await page.fill('#question-fr', fr);
  if (helpEn) await page.fill('#question-help_en', helpEn);
  if (helpFr) await page.fill('#question-help_fr', helpFr);
  if (required) await page.check('input[name=required]');
  if (min !== undefined) await page.fill('#question-min', String(min));
  if (max !== undefined) await page.fill('#question-max', String(max));
  if (choices) await page.fill('#question-choices', choices.join('\n'));
  if (itemEn) await page.fill('#question-item_en', itemEn);
  if (itemFr) await page.fill('#question-item_fr', itemFr);
  await submitted(page, 'form[action$="/design/question"] button[type=submit]');
  return new URL(page.url());
}

export async function callDesignerJourney({ browser, base, step, manager, signIn, password, checkAccessibility, shoot }) {
  // The manager's own session, on a phone, reading in French.
  const context = manager.context();
  await context.addCookies([{ name: 'mmdg_lang', value: 'fr', url: base }]);
  const desk = await context.newPage();
  await desk.setViewportSize(PHONE);
  const reference = `MMD-CFP-2027-${String(Date.now() % 90 + 10)}`;
  let callId;
  let section;

  try {
    await step('on a phone, in French, a manager starts a call and adds a section of questions to its form, a repeating co-financing group among them', async () => {
      await desk.goto(`${base}/calls/new`);
      await desk.fill('#call-reference', reference);
      await desk.fill('#call-title_en', 'Local mobility partnerships 2027');
      await desk.fill('#call-title_fr', 'Partenariats locaux de mobilité 2027');
      await desk.fill('#call-description_en', 'Grants for local authorities and civil society along migration routes.');
      await desk.fill('#call-description_fr', 'Subventions aux autorités locales et à la société civile le long des routes migratoires.');
      await desk.fill('#call-total_budget', '600 000');
      await desk.fill('#call-min_grant', '20 000');
      await desk.fill('#call-max_grant', '150 000');
      await submitted(desk, 'form[action="/calls/new"] button[type=submit]');
      callId = Number(new URL(desk.url()).pathname.split('/').pop());
      if (!callId) throw new Error(`the new call did not open: ${desk.url()}`);

      await desk.goto(`${base}/calls/${callId}/edit`);
      await submitted(desk, `nav.design-nav a[href="/calls/${callId}/design/form"]`);
      await desk.getByText('Durée (mois)').first().waitFor();
      await fitsThePhone(desk, 'the list of questions');
      await checkAccessibility(desk, 'form designer');

      await submitted(desk, 'a[href$="parent="]');
      let next = await addQuestion(desk, { kind: 'section', en: 'Co-financing and sustainability', fr: 'Cofinancement et pérennité' });
      section = next.searchParams.get('parent');
      next = await addQuestion(desk, {
        kind: 'group', en: 'Co-financing lines', fr: 'Lignes de cofinancement', itemEn: 'Co-financing line', itemFr: 'Ligne de cofinancement',
        required: true, min: 1, max: 10, helpEn: 'One line per funder.', helpFr: 'Une ligne par bailleur.',
      });
      if (next.searchParams.get('parent') !== `${section}.0`) throw new Error(`a new group should ask for its first field: ${next}`);
      await addQuestion(desk, { kind: 'short_text', en: 'Funder', fr: 'Bailleur', required: true });
      await submitted(desk, `a[href$="parent=${section}.0"]`);
      await addQuestion(desk, { kind: 'money', en: 'Amount', fr: 'Montant', required: true });
      const questions = [
        { kind: 'long_text', en: 'Sustainability plan', fr: 'Plan de pérennisation', required: true, max: 2000 },
        { kind: 'number', en: 'Jobs created', fr: 'Emplois créés', min: 0, max: 1000 },
        { kind: 'yes_no', en: 'Already funded?', fr: 'Déjà financé\u00a0?', required: true },
        { kind: 'date', en: 'Planned start', fr: 'Début prévu' },
        { kind: 'choice', en: 'Stage of the partnership', fr: 'Stade du partenariat', required: true, choices: ['Starting | Naissant', 'Established | Établi'] },
        { kind: 'choices', en: 'Target groups', fr: 'Publics visés', choices: ['Young people | Jeunes', 'Women | Femmes', 'Returnees | Migrants de retour'] },
      ];
      for (const question of questions) {
        await submitted(desk, `a[href$="parent=${section}"]`);
        await addQuestion(desk, question);
      }
      // A refused question keeps what was typed and says why beside the input.
      await submitted(desk, `a[href$="parent=${section}"]`);
      await desk.selectOption('#question-kind', 'choice');
      await desk.fill('#question-en', 'Lead partner');
      await desk.fill('#question-fr', 'Partenaire chef de file');
      await desk.fill('#question-choices', 'Municipality | Commune');
      await submitted(desk, 'form[action$="/design/question"] button[type=submit]');
      await desk.locator('#question-choices-error').getByText('au moins deux options').waitFor();
      if ((await desk.inputValue('#question-fr')) !== 'Partenaire chef de file') throw new Error('the typed question was lost');
      await checkAccessibility(desk, 'question refused');
      await fitsThePhone(desk, 'the question page');

      await desk.goto(`${base}/calls/${callId}/design/form`);
      for (const label of ['Lignes de cofinancement', 'Bailleur', 'Montant', 'Plan de pérennisation', 'Emplois créés', 'Début prévu', 'Stade du partenariat', 'Publics visés']) {
        await desk.locator('.questions').getByText(label, { exact: true }).first().waitFor();
      }
      await shoot(desk, 'manager-form-designer-phone');
    });

    await step('on a phone, in French, the manager previews the form as applicants will see it, in French and in English', async () => {
      await submitted(desk, `a[href="/calls/${callId}/design/preview?stage=full_application"]`);
      for (const label of ['Lignes de cofinancement', 'Une ligne par bailleur.', 'Déjà financé', 'Migrants de retour']) {
        await desk.getByText(label).first().waitFor();
      }
      await offers(desk, 'Naissant');
      if ((await desk.locator('input[type=date]').count()) < 1) throw new Error('the date question is not a date input');
      await fitsThePhone(desk, 'the preview');
      await checkAccessibility(desk, 'form preview');
      await shoot(desk, 'manager-form-preview-phone');
      await submitted(desk, 'a[hreflang="en"]');
      for (const label of ['Co-financing lines', 'Already funded?', 'Returnees']) {
        await desk.getByText(label).first().waitFor();
      }
      await offers(desk, 'Starting');
      await desk.goto(`${base}/calls/${callId}/design/preview?in=fr`);
    });

    await step('on a phone, in French, the manager publishes the designed call after confirming', async () => {
      await desk.goto(`${base}/calls/${callId}`);
      await submitted(desk, `form[action="/calls/${callId}/actions/publish"] button[type=submit]`);
      await desk.getByText('Cette action est définitive').first().waitFor();
      await submitted(desk, `form[action="/calls/${callId}/actions/publish"] button[type=submit]`);
      await desk.locator('.flash').waitFor();
      const stillDraft = await desk.request.get(`${base}/calls/${callId}/design/form`);
      if (stillDraft.status() !== 409) throw new Error(`a published call's form should be frozen, got ${stillDraft.status()}`);
    });

    await step('on a phone, in French, an applicant applies to the designed call, answers its added questions and submits', async () => {
      const phone = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: PHONE, isMobile: true, hasTouch: true });
      try {
        await phone.addCookies([{ name: 'mmdg_lang', value: 'fr', url: base }]);
        const applicant = await phone.newPage();
        await signIn(applicant, base, 'aminata.traore@example.org', password);
        await applicant.goto(`${base}/calls/${callId}`);
        await submitted(applicant, `form[action="/calls/${callId}/apply"] button[type=submit]`);
        const applicationId = Number(new URL(applicant.url()).pathname.split('/').pop());
        await applicant.goto(`${base}/applications/${applicationId}/edit`);
        await fillApplicationForm(applicant, { title: 'Mobilité des jeunes entre Kayes et Dakar' });
        const fill = (id, value) => applicant.fill(`#f-co_financing_and_sustainability-${id}`, value);
        await fill('co_financing_lines-0-funder', 'Région de Kayes');
        await fill('co_financing_lines-0-amount', '20 000');
        await fill('sustainability_plan', 'La commune reprend les points d\'information à la fin du projet.');
        await fill('jobs_created', '12');
        await applicant.selectOption('#f-co_financing_and_sustainability-already_funded', 'false');
        await fill('planned_start', '2027-03-01');
        await applicant.selectOption('#f-co_financing_and_sustainability-stage_of_the_partnership', 'established');
        await applicant.check('input[name="/co_financing_and_sustainability/target_groups"][value="young_people"]');
        await fitsThePhone(applicant, 'the designed form');
        await checkAccessibility(applicant, 'designed application form');
        await applicant.check('input[name=confirm]');
        await submitted(applicant, 'button[name=intent][value=submit]');
        await applicant.getByText(new RegExp(`${reference}-\\d{4}`)).first().waitFor();
        await applicant.getByText('Région de Kayes').first().waitFor();
        await shoot(applicant, 'applicant-designed-call-phone');
      } finally {
        await phone.close();
      }
    });
    // A second draft, left for the crawls to read every designer page in both languages.
    await desk.goto(`${base}/calls/new`);
    await desk.fill('#call-reference', `${reference}-B`);
    await desk.fill('#call-title_en', 'Diaspora investment pilots 2027');
    await desk.fill('#call-title_fr', 'Projets pilotes d\'investissement de la diaspora 2027');
    await submitted(desk, 'form[action="/calls/new"] button[type=submit]');
    return { draftCallId: Number(new URL(desk.url()).pathname.split('/').pop()) };
  } finally {
    await context.addCookies([{ name: 'mmdg_lang', value: 'en', url: base }]);
    await desk.close();
  }
}
