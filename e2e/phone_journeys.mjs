// The journeys an applicant and an evaluator make on a phone (390 × 844), in French, on the demo call:
// a question about the call and its published answer; the clarification round with a file; files
// listed and deleted on a draft, and a refused submit that keeps what was typed; the PDF of a submitted
// application; an evaluator scoring beside the proposal and re-reading the submitted scorecard; the
// discrepancy that scorecard opens, flagged for the manager and arbitrated on the page.

import { execFileSync } from 'node:child_process';

const PHONE = { width: 390, height: 844 };
const PDF = Buffer.from('%PDF-1.4\n%statuts signés\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) throw new Error(`${what} scrolls sideways at ${PHONE.width} px: ${width} px wide`);
}

async function submitted(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

export async function phoneJourneys({ browser, base, step, signIn, password, manager, inbox, waitFor, checkAccessibility, shoot }) {
  const phones = [];
  const onPhone = async (email) => {
    const context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: PHONE, isMobile: true, hasTouch: true, acceptDownloads: true });
    phones.push(context);
    await context.addCookies([{ name: 'mmdg_lang', value: 'fr', url: base }]);
    const page = await context.newPage();
    await signIn(page, base, email, password);
    return page;
  };
  const firstApplication = async (page) => {
    await page.goto(`${base}/applications`);
    await submitted(page, 'main .card a[href^="/applications/"]');
    return Number(new URL(page.url()).pathname.split('/').pop());
  };

  const ousmane = await onPhone('ousmane.diop@example.org');
  let callPath;
  await step('on a phone, in French, an applicant asks a question about the call and reads the published answer', async () => {
    await ousmane.goto(`${base}/calls`);
    await submitted(ousmane, 'main a[href^="/calls/"]');
    callPath = new URL(ousmane.url()).pathname;
    const question = 'Les frais de traduction des documents sont-ils éligibles ?';
    await ousmane.fill('#question', question);
    await submitted(ousmane, `form[action="${callPath}/questions"] button[type=submit]`);
    await ousmane.locator('.flash').waitFor();
    await fitsThePhone(ousmane, 'the call page');
    await manager.goto(`${base}${callPath}`);
    const answer = 'Oui, dans la limite de 2 % du budget, sur présentation des factures.';
    const form = manager.locator('form[action*="/questions/"][action$="/answer"]').last();
    await form.locator('textarea').fill(answer);
    await Promise.all([manager.waitForNavigation(), form.locator('button[type=submit]').click()]);
    await ousmane.goto(`${base}${callPath}`);
    await ousmane.locator('#call-questions').getByText(answer).waitFor();
    await checkAccessibility(ousmane, 'call questions on a phone');
    await waitFor('the answer emailed to who asked', () => inbox.find((m) => m.to.includes('ousmane.diop@example.org') && (m.mail.text || '').includes(answer)));
  });

  await step('on a phone, in French, the clarification question reaches the applicant, who answers with a file the manager downloads', async () => {
    const id = await firstApplication(ousmane);
    await ousmane.locator('#clarification-question').waitFor();
    await fitsThePhone(ousmane, 'the application page');
    await ousmane.setInputFiles('#clarification-file', { name: 'statuts-signes.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submitted(ousmane, '#clarification-file-form button[type=submit]');
    await ousmane.locator('#clarification-files').getByText('statuts-signes.pdf').waitFor();
    await ousmane.fill('#answer-respond', 'Les statuts signés sont joints à cette réponse.');
    await submitted(ousmane, `form[action="/applications/${id}/actions/respond"] button[type=submit]`);
    await ousmane.locator('#clarification-answer').waitFor();
    await shoot(ousmane, 'applicant-clarification-phone');
    await checkAccessibility(ousmane, 'clarification answered on a phone');
    await manager.goto(`${base}/applications/${id}`);
    await manager.locator('#clarification-answer').getByText('Les statuts signés').waitFor();
    const link = manager.locator('#clarification-files a').first();
    const file = await manager.request.get(`${base}${await link.getAttribute('href')}`);
    if (!(await file.body()).equals(PDF)) throw new Error('the manager does not download the file as it was sent');
  });

  await step('on a phone, in French, the applicant downloads the PDF of the submitted application, which names its reference', async () => {
    await ousmane.goto(`${base}/applications`);
    await submitted(ousmane, 'main .card a[href^="/applications/"]');
    const reference = (await ousmane.locator('main').textContent()).match(/MMD-CFP-2026-01-\d{4}/)[0];
    // The browser opens a PDF in its viewer; its bytes are fetched as that viewer would, with the session.
    const pdf = await ousmane.request.get(`${base}${await ousmane.getAttribute('#application-pdf', 'href')}`);
    if (pdf.status() !== 200 || pdf.headers()['content-type'] !== 'application/pdf') throw new Error(`the PDF answers ${pdf.status()}`);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: await pdf.body(), encoding: 'utf8' });
    if (!text.includes(reference)) throw new Error(`the PDF does not name ${reference}:\n${text.slice(0, 400)}`);
  });

  await step('on a phone, in French, withdrawing asks first, says what cannot be undone, and going back changes nothing', async () => {
    const id = await firstApplication(ousmane);
    const state = async () => (await ousmane.locator('main dl.facts').first().textContent()).replace(/\s+/g, ' ');
    const before = await state();
    await ousmane.fill('#reason-withdraw', 'Le partenaire principal se retire du projet.');
    await submitted(ousmane, `form[action="/applications/${id}/actions/withdraw"] button[type=submit]`);
    await ousmane.locator('#consequence').getByText('Cette action est définitive').waitFor();
    await ousmane.getByText('Le partenaire principal se retire du projet.').waitFor();
    await fitsThePhone(ousmane, 'the confirmation page');
    await checkAccessibility(ousmane, 'confirmation on a phone');
    await shoot(ousmane, 'applicant-confirm-withdraw-phone');
    await submitted(ousmane, `main a[href="/applications/${id}"]`);
    if ((await state()) !== before) throw new Error('going back from the confirmation changed the application');
  });

  const wanjiru = await onPhone('wanjiru.kamau@example.org');
  await step('on a phone, in French, a draft lists its files and deletes one; a refused submit keeps what was typed', async () => {
    const id = await firstApplication(wanjiru);
    await wanjiru.goto(`${base}/applications/${id}/edit`);
    await wanjiru.setInputFiles('#attachment-file', { name: 'budget-previsionnel.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submitted(wanjiru, `form[action="/applications/${id}/attachments"] button[type=submit]`);
    await wanjiru.goto(`${base}/applications/${id}`);
    const listed = wanjiru.locator('ul.attachments li', { hasText: 'budget-previsionnel.pdf' });
    await listed.waitFor();
    await fitsThePhone(wanjiru, 'the draft with its files');
    await Promise.all([wanjiru.waitForNavigation(), listed.locator('form[action$="/remove"] button').click()]);
    await wanjiru.locator('.flash').waitFor();
    if ((await wanjiru.locator('ul.attachments li', { hasText: 'budget-previsionnel.pdf' }).count()) !== 0) throw new Error('the file is still listed');
    await wanjiru.goto(`${base}/applications/${id}/edit`);
    const title = 'Informer les jeunes du littoral, version du soir';
    await wanjiru.fill('#f-action-title', title);
    await wanjiru.fill('#f-budget-total', '');
    await wanjiru.check('input[name=confirm]');
    await submitted(wanjiru, 'button[name=intent][value=submit]');
    await wanjiru.locator('#form-errors').waitFor();
    if ((await wanjiru.inputValue('#f-action-title')) !== title) throw new Error('the typed title was lost');
    await fitsThePhone(wanjiru, 'the refused form');
    await shoot(wanjiru, 'applicant-refused-submit-phone');
    await checkAccessibility(wanjiru, 'refused submit on a phone');
  });

  const evaluator = await onPhone('evaluator.two@example.org');
  await step('an evaluator scores beside the proposal (stacked on a phone, side by side on a desktop) and re-reads the scorecard', async () => {
    await evaluator.goto(`${base}/assignments`);
    const pending = evaluator.locator('tbody tr', { hasText: 'Conakry' }).locator('a').first();
    await submitted(evaluator, `a[href="${await pending.getAttribute('href')}"]`);
    if (new URL(evaluator.url()).pathname.endsWith('/declaration')) {
      await submitted(evaluator, 'form:has(input[name=conflict][value=no]) button[type=submit]');
    }
    const scorecard = new URL(evaluator.url()).pathname.replace(/\/applications\/(\d+).*/, '/applications/$1/scorecard');
    await evaluator.goto(`${base}${scorecard}`);
    const boxes = async () => ({ proposal: await evaluator.locator('#proposal').boundingBox(), grid: await evaluator.locator('section.grid').boundingBox() });
    let { proposal, grid } = await boxes();
    if (proposal.y + proposal.height > grid.y + 1) throw new Error('on a phone the proposal comes before the grid');
    await fitsThePhone(evaluator, 'the scorecard');
    await evaluator.setViewportSize({ width: 1280, height: 900 });
    ({ proposal, grid } = await boxes());
    if (proposal.x + proposal.width > grid.x + 1 || Math.abs(proposal.y - grid.y) > 40) throw new Error('on a desktop the proposal sits beside the grid');
    await evaluator.setViewportSize(PHONE);
    // A severe reading, far from the first evaluator's: the manager will have a discrepancy to arbitrate.
    for (const select of await evaluator.locator('select[name^="score:"]').all()) await select.selectOption('2');
    for (const comment of await evaluator.locator('textarea[name^="comment:"]').all()) await comment.fill('Peu démontré dans la proposition.');
    await evaluator.fill('#overall', 'Pertinent mais peu étayé ; le budget reste à justifier.');
    await submitted(evaluator, 'button[name=intent][value=submit]');
    await evaluator.goto(`${base}${scorecard}`);
    await evaluator.locator('#scorecard-submitted').waitFor();
    await evaluator.getByText('2 — insuffisant').first().waitFor();
    await evaluator.getByText('Pertinent mais peu étayé').waitFor();
    await shoot(evaluator, 'evaluator-scorecard-read-phone');
    await checkAccessibility(evaluator, 'submitted scorecard on a phone');
  });

  await step('the discrepancy is flagged on the list and the ranking; the manager arbitrates it on the page and the evaluation completes', async () => {
    await manager.goto(`${base}${callPath}/ranking`);
    await manager.locator('#pending li.discrepancy').getByText('differ by').waitFor();
    await manager.goto(`${base}/applications?call=${callPath.split('/').pop()}`);
    const card = manager.locator('li.card', { has: manager.locator('.badge.discrepancy') });
    await Promise.all([manager.waitForNavigation(), card.locator('h2 a').click()]);
    await manager.locator('#discrepancy').waitFor();
    await manager.fill('#arbitration-note', 'The second reading overlooks the partnership letters; the first assessment stands.');
    await submitted(manager, '#arbitration-form button[type=submit]');
    await manager.locator('.flash').waitFor();
    await manager.locator('main dl.facts').first().getByText('Evaluated').waitFor();
    await checkAccessibility(manager, 'arbitrated application');
  });

  for (const context of phones) await context.close();
}
