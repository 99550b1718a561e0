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
      await desk.fill('#call-max_grant', '250 000');
      await submitted(desk, 'form[action="/calls/new"] button[type=submit]:not(.default-submit):not([name=op])');
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

    await step('on a phone, in French, the manager builds a five-section scoring grid with a scale described in words, the checklist, and the countries of the Rabat Process', async () => {
      await desk.goto(`${base}/calls/${callId}/design/form`);
      await submitted(desk, `nav.design-nav a[href="/calls/${callId}/design/grid"]`);
      await desk.locator('#s0-en').waitFor();
      // The preset's budget section goes; a section of the call's own takes its place.
      await submitted(desk, 'button[name=op][value="remove_section-4"]');
      await submitted(desk, 'button[name=op][value="add_section"]');
      await desk.fill('#s4-en', 'Local anchoring');
      await desk.fill('#s4-fr', 'Ancrage local');
      await desk.fill('#s4-minimum', '5');
      // A new section comes with its first criterion to fill.
      await desk.fill('#s4-c0-en', 'The local authority is a partner');
      await desk.fill('#s4-c0-fr', 'La collectivité locale est partenaire');
      await submitted(desk, 'button[name=op][value="add_criterion-4"]');
      await desk.fill('#s4-c1-en', 'Diaspora organisations take part');
      await desk.fill('#s4-c1-fr', 'Les organisations de la diaspora participent');
      const words = [['very poor', 'très insuffisant'], ['poor', 'insuffisant'], ['adequate', 'correct'], ['good', 'bon'], ['very good', 'très bon']];
      for (const [index, [en, fr]] of words.entries()) {
        await submitted(desk, 'button[name=op][value="add_descriptor"]');
        await desk.fill(`#d${index}-score`, String(index + 1));
        await desk.fill(`#d${index}-en`, en);
        await desk.fill(`#d${index}-fr`, fr);
      }
      await submitted(desk, 'p.actions button[name=op][value="totals"]');
      await desk.locator('#grid-total').waitFor();
      if ((await desk.inputValue('#s4-c1-fr')) !== 'Les organisations de la diaspora participent') throw new Error('the typed criterion was lost');
      await fitsThePhone(desk, 'the grid page');
      await checkAccessibility(desk, 'grid designer');
      await submitted(desk, 'p.actions button[name=op][value="save"]');
      await desk.locator('.flash').waitFor();
      if ((await desk.locator('fieldset.design-item:not(.criterion):has(input[id$="-minimum"])').count()) !== 5) throw new Error('five sections expected after saving');
      if ((await desk.inputValue('#s4-fr')) !== 'Ancrage local') throw new Error('the saved grid is not read back');
      await shoot(desk, 'manager-grid-designer-phone');

      await submitted(desk, `nav.design-nav a[href="/calls/${callId}/design/checklist"]`);
      await submitted(desk, 'button[name=op][value="add_item"]');
      const item = (await desk.locator('input[id$="-en"][id^="i"]').count()) - 1;
      await desk.fill(`#i${item}-en`, 'Co-financing letters attached');
      await desk.fill(`#i${item}-fr`, 'Lettres de cofinancement jointes');
      await submitted(desk, 'p.actions button[name=op][value="save"]');
      await desk.locator('.flash').waitFor();
      if ((await desk.inputValue(`#i${item}-fr`)) !== 'Lettres de cofinancement jointes') throw new Error('the checklist item was not saved');
      await fitsThePhone(desk, 'the checklist page');
      await checkAccessibility(desk, 'checklist designer');

      await submitted(desk, `nav.design-nav a[href="/calls/${callId}/design/eligibility"]`);
      await submitted(desk, 'button[name=op][value="no_countries"]');
      await submitted(desk, 'button[name=op][value="add_dialogue:rabat_process"]');
      for (const code of ['ML', 'SN', 'MA', 'FR']) {
        if (!(await desk.isChecked(`input[name=eligible_countries][value="${code}"]`))) throw new Error(`${code} is in the Rabat Process`);
      }
      for (const code of ['ET', 'ER']) {
        if (await desk.isChecked(`input[name=eligible_countries][value="${code}"]`)) throw new Error(`${code} is not in the Rabat Process`);
      }
      await fitsThePhone(desk, 'the eligibility page');
      await checkAccessibility(desk, 'eligibility designer');
      await submitted(desk, 'p.actions button[name=op][value="save"]');
      await desk.locator('.flash').waitFor();
      if (await desk.isChecked('input[name=eligible_countries][value="ET"]')) throw new Error('the saved countries are not read back');
      await shoot(desk, 'manager-eligibility-designer-phone');
    });

    await step('on a phone, in French, the manager chooses the documents and file types without typing a code', async () => {
      await submitted(desk, `nav.design-nav a[href="/calls/${callId}/design/documents"]`);
      await desk.getByText('Pièces obligatoires à la soumission').first().waitFor();
      if ((await desk.inputValue('#docs-attachment_max_bytes')) !== '10') throw new Error('the stored size is not read back in megabytes');
      await desk.fill('#docs-attachment_max_bytes', 'dix');
      await submitted(desk, 'form#docs-form p.actions button[type=submit]');
      await desk.getByText('Saisissez une taille en mégaoctets').first().waitFor();
      if ((await desk.inputValue('#docs-attachment_max_bytes')) !== 'dix') throw new Error('the refused size was not kept');
      await desk.fill('#docs-attachment_max_bytes', '5');
      await desk.check('input[name=attachment_types][value="application/vnd.openxmlformats-officedocument.wordprocessingml.document"]');
      await fitsThePhone(desk, 'the documents page');
      await checkAccessibility(desk, 'documents designer');
      await submitted(desk, 'form#docs-form p.actions button[type=submit]');
      await desk.locator('.flash').waitFor();
      if ((await desk.inputValue('#docs-attachment_max_bytes')) !== '5') throw new Error('the saved size is not read back');
    });

    await step('on a phone, in French, the manager previews the form as applicants will see it, in French and in English', async () => {
      await submitted(desk, `nav.design-nav a[href="/calls/${callId}/design/preview"]`);
      for (const label of ['Lignes de cofinancement', 'Une ligne par bailleur.', 'Déjà financé', 'Migrants de retour']) {
        await desk.getByText(label).first().waitFor();
      }
      await offers(desk, 'Naissant');
      if ((await desk.locator('input[type=date]').count()) < 1) throw new Error('the date question is not a date input');
      await fitsThePhone(desk, 'the preview');
      await checkAccessibility(desk, 'form preview');
      await shoot(desk, 'manager-form-preview-phone');
      await submitted(desk, '#preview-other-language');
      if ((await desk.getAttribute('#preview', 'lang')) !== 'en') throw new Error('the previewed form is not marked as English');
      if ((await desk.getAttribute('html', 'lang')) !== 'fr') throw new Error('the page around the preview should stay in French');
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
        const refused = applicant.locator('.errors');
        if (await refused.count()) throw new Error(`the submission was refused: ${await refused.first().innerText()}`);
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
    await desk.fill('#call-total_budget', '300 000');
    await desk.fill('#call-min_grant', '10 000');
    await desk.fill('#call-max_grant', '60 000');
    await submitted(desk, 'form[action="/calls/new"] button[type=submit]:not(.default-submit):not([name=op])');
    const draftCallId = Number(new URL(desk.url()).pathname.split('/').pop());
    if (!draftCallId) throw new Error(`the second draft was not created: ${await desk.locator('main').innerText()}`);
    return { draftCallId };
  } finally {
    await context.addCookies([{ name: 'mmdg_lang', value: 'en', url: base }]);
    await desk.close();
  }
}
