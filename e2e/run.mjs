// End-to-end tests of MMD Grants: the built binary on PostgreSQL, a real SMTP server, and Chromium
// driven by Playwright. An applicant registers in French and confirms the email from the SMTP inbox,
// fills the form with one mistake, reads the error in French, fixes it and submits; two evaluators
// declare no conflict and score; a manager reviews, assigns and awards. Every main page is checked with
// axe-core (no serious or critical violation) and photographed into e2e/artifacts/.

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { crawl } from './crawl.mjs';
import { phoneJourneys } from './phone_journeys.mjs';
import { callDesignerJourney } from './call_designer.mjs';
import { fillApplicationForm } from './application_form.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const targetDir = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const binary = process.env.MMD_GRANTS_BIN || path.join(targetDir, 'debug', 'mmd-grants');
const pgUrl = process.env.GRANTS_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = path.join(here, 'artifacts');
const axeSource = fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const DEMO_PASSWORD = 'mmd-demo-2026';

let passed = 0;
let failed = 0;
const cleanups = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function databaseUrl(name) {
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function psql(sql) {
  execFileSync('psql', [pgUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'pipe' });
}

async function startSmtp() {
  const inbox = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      }, callback);
    },
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { port, inbox };
}

async function waitFor(what, predicate, timeoutMs = 20000) {
  const started = Date.now();
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The code an authenticator app shows for a base32 key (RFC 6238: HMAC-SHA-1, 6 digits, 30 s).
function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '')) bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// seed-demo tells the demo manager's authenticator key and recovery codes on standard error.
let demoSecondFactor;

async function startServer(env, cwd) {
  const seeded = spawnSync(binary, ['seed-demo'], { cwd, env, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  const found = seeded.stderr.match(/authenticator key ([A-Z2-7]+) .*recovery code: ([a-z0-9 -]+)\)/);
  if (!found) throw new Error(`seed-demo printed no second factor: ${seeded.stderr}`);
  demoSecondFactor = { secret: found[1], recovery: found[2].trim().split(' ') };
  const child = spawn(binary, ['serve'], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => {
    child.kill('SIGTERM');
  });
  const lines = readline.createInterface({ input: child.stdout });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start')), 60000);
    lines.on('line', (line) => {
      try {
        if (JSON.parse(line).message === 'serving') {
          clearTimeout(timer);
          resolve();
        }
      } catch {
        // not a JSON log line
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return child;
}

async function step(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n${error.stack}`);
    throw error;
  }
}

async function checkAccessibility(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    throw new Error(`accessibility violations on ${name}:\n${lines.join('\n')}`);
  }
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function signIn(page, base, email, password) {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
}

// The second step for an account with an authenticator: the code it shows now (waiting for a fresh
// 30-second step when this one's code was already used, as a person would).
let lastStep = -1;
async function secondStep(page, secret) {
  await page.waitForURL(/\/login\/code$/);
  let step = Math.floor(Date.now() / 30000);
  if (step <= lastStep) {
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30000);
  }
  lastStep = step;
  await page.fill('#code', totp(secret));
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login/code"] button[type=submit]')]);
}

async function act(page, base, id, action) {
  await page.goto(`${base}/applications/${id}`);
  await Promise.all([page.waitForNavigation(), page.click(`form[action="/applications/${id}/actions/${action}"] button[type=submit]`)]);
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const database = `grants_e2e_${process.pid}_${Date.now()}`;
  psql(`CREATE DATABASE "${database}"`);
  cleanups.push(async () => psql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  const smtp = await startSmtp();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmd-grants-e2e-'));
  cleanups.push(() => fs.rmSync(workdir, { recursive: true, force: true }));
  const env = {
    ...process.env,
    GRANTS__DATABASE__URL: databaseUrl(database),
    GRANTS__SERVER__BIND: `127.0.0.1:${port}`,
    GRANTS__SERVER__BASE_URL: base,
    GRANTS__LOG__FORMAT: 'json',
    GRANTS__LOG__LEVEL: 'info',
    GRANTS__MAIL__TRANSPORT: 'smtp',
    GRANTS__MAIL__SMTP_HOST: '127.0.0.1',
    GRANTS__MAIL__SMTP_PORT: String(smtp.port),
    GRANTS__MAIL__SMTP_TLS: 'none',
    GRANTS__MAIL__POLL_INTERVAL_MS: '200',
    GRANTS__MAIL__FROM: 'MMD Grants <no-reply@grants.example.org>',
    GRANTS_CONFIG_DIR: path.join(root, 'config'),
  };
  await startServer(env, workdir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.unshift(() => browser.close());
  const applicant = await (await browser.newContext({ locale: 'fr-FR', bypassCSP: true })).newPage();
  const email = 'mariam.keita@example.org';
  const password = 'une phrase de passe longue';
  let applicationId;

  await step('an applicant registers in French', async () => {
    await applicant.goto(`${base}/signup`);
    await checkAccessibility(applicant, 'signup');
    await applicant.fill('#name', 'Mariam Keïta');
    await applicant.fill('#email', email);
    await applicant.fill('#password', password);
    await applicant.fill('#organisation', 'Réseau Kayes Mobilité');
    await applicant.selectOption('#country', 'ML');
    await applicant.selectOption('#org_type', 'civil_society');
    await applicant.selectOption('#language', 'fr');
    await Promise.all([applicant.waitForNavigation(), applicant.click('form[action="/signup"] button[type=submit]')]);
    await applicant.getByText('presque fini').waitFor();
  });

  await step('the verification email arrives by SMTP, in French, and confirms the address', async () => {
    const message = await waitFor('the verification email', () => smtp.inbox.find((m) => m.to.includes(email)));
    if (!/confirm/i.test(message.mail.subject)) throw new Error(`unexpected subject ${message.mail.subject}`);
    const link = message.mail.text.match(/https?:\/\/\S+\/verify\?token=[\w-]+/)[0];
    await applicant.goto(link);
    await applicant.getByText('est confirmée').waitFor();
  });

  await step('the applicant signs in, fills the form with a mistake and reads the error in French', async () => {
    await signIn(applicant, base, email, password);
    await shoot(applicant, 'applicant-calls');
    await checkAccessibility(applicant, 'calls');
    await applicant.click('a[href^="/calls/"]');
    await Promise.all([applicant.waitForNavigation(), applicant.click('form[action$="/apply"] button[type=submit]')]);
    applicationId = Number(new URL(applicant.url()).pathname.split('/').pop());
    await applicant.goto(`${base}/applications/${applicationId}/edit`);
    await fillApplicationForm(applicant);
    await applicant.check('input[name=confirm]');
    await Promise.all([applicant.waitForNavigation(), applicant.click('button[name=intent][value=submit]')]);
    await applicant.locator('#f-action-title-error').getByText('est obligatoire').waitFor();
    if ((await applicant.inputValue('#f-budget-total')).replace(/\s/g, '') !== '240000,00') throw new Error('typed values were lost');
    await shoot(applicant, 'applicant-form-error');
    await checkAccessibility(applicant, 'application form');
  });

  await step('the applicant fixes the mistake, submits and sees the reference', async () => {
    await applicant.fill('#f-action-title', 'Informer et accompagner les jeunes entre Kayes et Tambacounda');
    await applicant.check('input[name=confirm]');
    await Promise.all([applicant.waitForNavigation(), applicant.click('button[name=intent][value=submit]')]);
    await applicant.getByText(/MMD-CFP-2026-01-\d{4}/).first().waitFor();
    await shoot(applicant, 'applicant-application');
    await checkAccessibility(applicant, 'application');
    await waitFor('the receipt', () => smtp.inbox.find((m) => m.to.includes(email) && /MMD-CFP-2026-01-\d{4}/.test(m.mail.subject)));
  });

  await step('the applicant keeps the organisation profile up to date', async () => {
    await applicant.goto(`${base}/organisation`);
    const registeredName = await applicant.inputValue('#org-name');
    await applicant.fill('#org-phone', '+223 20 22 00 00');
    await applicant.fill('#org-website', 'https://ame-kayes.example.org');
    await applicant.fill('#org-name', '');
    await Promise.all([applicant.waitForNavigation(), applicant.click('form[action^="/organisations/"] button[type=submit]')]);
    await applicant.locator('#org-name-error').getByText('Ce champ est obligatoire.').waitFor();
    if ((await applicant.inputValue('#org-phone')) !== '+223 20 22 00 00') throw new Error('the typed phone was lost');
    await applicant.fill('#org-name', registeredName);
    await Promise.all([applicant.waitForNavigation(), applicant.click('form[action^="/organisations/"] button[type=submit]')]);
    await applicant.getByText('Le profil est enregistré.').waitFor();
    await shoot(applicant, 'applicant-organisation');
    await checkAccessibility(applicant, 'organisation profile');
  });

  const manager = await (await browser.newContext({ locale: 'en-GB', bypassCSP: true })).newPage();
  await step('a manager signs in in two steps with the code of an authenticator app', async () => {
    await signIn(manager, base, 'programme.manager@example.org', DEMO_PASSWORD);
    await shoot(manager, 'manager-second-factor');
    await checkAccessibility(manager, 'second factor');
    await secondStep(manager, demoSecondFactor.secret);
    if (new URL(manager.url()).pathname === '/login/code') throw new Error('the code was refused');
  });

  await step('a manager reviews eligibility and assigns evaluators', async () => {
    await act(manager, base, applicationId, 'open_review');
    for (const item of ['submitted_on_time', 'complete', 'declaration_signed', 'lead_eligible']) {
      await manager.check(`input[name="pass:${item}"][value=yes]`);
    }
    await Promise.all([manager.waitForNavigation(), manager.click(`form[action="/applications/${applicationId}/checklist"] button[type=submit]`)]);
    await act(manager, base, applicationId, 'declare_eligible');
    await manager.goto(`${base}/calls`);
    await manager.click('a[href^="/calls/"]:not([href="/calls/new"])');
    await Promise.all([manager.waitForNavigation(), manager.click('form[action$="/assign-evaluators"] button[type=submit]')]);
    await act(manager, base, applicationId, 'assign');
    await shoot(manager, 'manager-application');
    await checkAccessibility(manager, 'manager application');
  });

  for (const evaluatorEmail of ['evaluator.one@example.org', 'evaluator.two@example.org']) {
    await step(`${evaluatorEmail} declares no conflict and scores`, async () => {
      const evaluator = await (await browser.newContext({ locale: 'en-GB', bypassCSP: true })).newPage();
      await signIn(evaluator, base, evaluatorEmail, DEMO_PASSWORD);
      await evaluator.goto(`${base}/assignments`);
      await shoot(evaluator, 'evaluator-assignments');
      await checkAccessibility(evaluator, 'evaluator assignments');
      await Promise.all([evaluator.waitForNavigation(), evaluator.click(`a[href="/applications/${applicationId}/declaration"]`)]);
      await Promise.all([evaluator.waitForNavigation(), evaluator.click('form:has(input[name=conflict][value=no]) button[type=submit]')]);
      await evaluator.goto(`${base}/applications/${applicationId}/scorecard`);
      for (const select of await evaluator.locator('select[name^="score:"]').all()) {
        await select.selectOption('4');
      }
      await evaluator.fill('#overall', 'Relevant, feasible and well budgeted.');
      await shoot(evaluator, 'evaluator-scorecard');
      await checkAccessibility(evaluator, 'scorecard');
      await Promise.all([evaluator.waitForNavigation(), evaluator.click('button[name=intent][value=submit]')]);
      await evaluator.goto(`${base}/assignments`);
      await evaluator.locator(`tr:has(a[href="/applications/${applicationId}/scorecard"])`).getByText('Handed in').waitFor();
    });
  }

  await step('the manager awards the evaluated application from the ranking', async () => {
    await manager.goto(`${base}/applications/${applicationId}`);
    await Promise.all([manager.waitForNavigation(), manager.click('main a[href^="/calls/"]')]);
    const callPath = new URL(manager.url()).pathname;
    if (!/^\/calls\/\d+$/.test(callPath)) throw new Error(`expected the call page, got ${callPath}`);
    await manager.goto(`${base}${callPath}/ranking`);
    await shoot(manager, 'manager-ranking');
    await checkAccessibility(manager, 'ranking');
    await Promise.all([manager.waitForNavigation(), manager.click(`form[action="/applications/${applicationId}/actions/award"] button[type=submit]`)]);
    if (new URL(manager.url()).pathname !== `${callPath}/ranking`) throw new Error('the decision did not return to the ranking');
    await manager.goto(`${base}/applications/${applicationId}`);
    await manager.getByText('Awarded').first().waitFor();
    await waitFor('the award letter, in French', () => smtp.inbox.find((m) => m.to.includes(email) && /^\[MMD Grants\] Subvention accordée : MMD-CFP-2026-01-\d{4}$/.test(m.mail.subject)));
  });

  await step('the manager records the signed agreement and the grantee hands in the report, in French', async () => {
    await manager.goto(`${base}/applications/${applicationId}`);
    await manager.fill('#starts-sign_agreement', '2027-01-01');
    await manager.fill('#ends-sign_agreement', '2027-12-31');
    await Promise.all([manager.waitForNavigation(), manager.click(`form[action="/applications/${applicationId}/actions/sign_agreement"] button[type=submit]`)]);
    await manager.getByRole('heading', { name: 'Grant agreement' }).waitFor();
    await checkAccessibility(manager, 'grant file');
    await applicant.goto(`${base}/applications/${applicationId}`);
    await Promise.all([applicant.waitForNavigation(), applicant.click('a[href*="/reports/"]')]);
    await checkAccessibility(applicant, 'report form');
    await applicant.fill('#f-narrative', 'Deux points d\'information ouverts à Kayes et Tambacounda ; 412 jeunes conseillés.');
    await applicant.selectOption('#f-indicators-0-jvap_domain', 'legal_migration_mobility');
    await applicant.fill('#f-indicators-0-indicator', 'Jeunes conseillés');
    await applicant.fill('#f-indicators-0-target', '400');
    await applicant.fill('#f-indicators-0-achieved', '412');
    await applicant.selectOption('#f-budget_lines-0-category', 'human_resources');
    await applicant.fill('#f-budget_lines-0-planned', '180000');
    await applicant.fill('#f-budget_lines-0-spent', 'beaucoup');
    await Promise.all([applicant.waitForNavigation(), applicant.click('form[action*="/reports/"] button[type=submit]')]);
    await applicant.locator('#f-budget_lines-0-spent-error').getByText('un montant en euros').waitFor();
    await applicant.fill('#f-budget_lines-0-spent', '176 500,50');
    await Promise.all([applicant.waitForNavigation(), applicant.click('form[action*="/reports/"] button[type=submit]')]);
    await applicant.getByText("Remis, en cours d'examen").first().waitFor();
    await shoot(applicant, 'applicant-report');
    await waitFor('the report notice to the managers', () => smtp.inbox.find((m) => /^\[MMD Grants\] Report submitted: MMD-CFP-2026-01-\d{4}$/.test(m.mail.subject)));
    await manager.goto(`${base}/calls/new`);
    await checkAccessibility(manager, 'call form');
  });

  await step('the manager, having lost the phone, signs in with a recovery code and sets up a new authenticator', async () => {
    const phone = await (await browser.newContext({ locale: 'fr-FR', bypassCSP: true })).newPage();
    await signIn(phone, base, 'programme.manager@example.org', DEMO_PASSWORD);
    await phone.waitForURL(/\/login\/code$/);
    await Promise.all([phone.waitForNavigation(), phone.click('a[href="/login/recovery"]')]);
    await phone.fill('#code', demoSecondFactor.recovery[0]);
    await Promise.all([phone.waitForNavigation(), phone.click('form[action="/login/recovery"] button[type=submit]')]);
    await phone.waitForURL(/\/account\/second-factor$/);
    await checkAccessibility(phone, 'second factor set-up');
    await shoot(phone, 'manager-second-factor-setup');
    const secret = (await phone.textContent('#totp-secret')).trim();
    lastStep = Math.floor(Date.now() / 30000);
    await phone.fill('#code', totp(secret));
    await Promise.all([phone.waitForNavigation(), phone.click('form[action="/account/second-factor"] button[type=submit]')]);
    await phone.getByText('Vos codes de secours').waitFor();
    if ((await phone.locator('.recovery-codes li').count()) !== 10) throw new Error('ten new recovery codes expected');
    demoSecondFactor.secret = secret;
    await manager.goto(`${base}/portfolio`);
    if (new URL(manager.url()).pathname !== '/login') throw new Error('the old session should have ended');
    await signIn(manager, base, 'programme.manager@example.org', DEMO_PASSWORD);
    await secondStep(manager, secret);
  });

  await step('the manager reads the portfolio; anyone reads the awarded projects', async () => {
    await manager.goto(`${base}/portfolio`);
    if ((await manager.locator('svg.chart').count()) < 1) throw new Error('no chart on the portfolio');
    await shoot(manager, 'manager-portfolio');
    await checkAccessibility(manager, 'portfolio');
    const visitor = await (await browser.newContext({ locale: 'fr-FR', bypassCSP: true })).newPage();
    await visitor.goto(`${base}/awarded`);
    await visitor.getByRole('heading', { name: 'Projets financés' }).waitFor();
    await checkAccessibility(visitor, 'awarded projects');
  });

  await step('on a phone, in French, the awarded projects fit the screen and filter by country', async () => {
    const phone = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const visitor = await phone.newPage();
    await visitor.goto(`${base}/awarded`);
    await visitor.getByRole('heading', { name: 'Projets financés' }).waitFor();
    const fits = async () => visitor.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    let width = await fits();
    if (width.scroll > 390) throw new Error(`the page scrolls sideways at 390 px: ${width.scroll} px wide`);
    await shoot(visitor, 'public-awarded-phone');
    await checkAccessibility(visitor, 'awarded projects on a phone');
    await visitor.selectOption('#f-country', 'BF');
    await Promise.all([visitor.waitForNavigation(), visitor.click('form.filters button[type=submit]')]);
    await visitor.getByText('Bobo-Dioulasso').first().waitFor();
    if ((await visitor.locator('li.card').count()) !== 1) throw new Error('the country filter kept other projects');
    width = await fits();
    if (width.scroll > 390) throw new Error(`the filtered page scrolls sideways at 390 px: ${width.scroll} px wide`);
    const download = await visitor.request.get(`${base}/open-data/iati-activities.xml`);
    if (download.status() !== 200 || !(await download.text()).includes('<iati-activities version="2.03"')) throw new Error('the IATI file is not served');
    await phone.close();
  });

  await step('on a phone, in French, anyone reads the calls and who may apply without an account', async () => {
    const phone = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const visitor = await phone.newPage();
    await visitor.goto(`${base}/`);
    await visitor.getByRole('heading', { name: 'Appels à propositions' }).waitFor();
    await checkAccessibility(visitor, 'public calls on a phone');
    await Promise.all([visitor.waitForNavigation(), visitor.click('main a[href^="/calls/"]')]);
    await visitor.locator('#who-may-apply').waitFor();
    const guidelines = visitor.locator('#call-documents a').first();
    if ((await guidelines.count()) !== 1) throw new Error('the demo call publishes its guidelines');
    const [download] = await Promise.all([visitor.waitForEvent('download'), guidelines.click()]);
    const saved = await download.path();
    const { readFileSync } = await import('node:fs');
    if (!readFileSync(saved).subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('the guidelines are not a PDF');
    if ((await visitor.locator('#closes-in').count()) > 0 && (await visitor.locator('#sign-in-to-apply').count()) !== 1) {
      throw new Error('an open call invites a visitor to sign in or create an account');
    }
    const width = await visitor.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) throw new Error(`the call page scrolls sideways at 390 px: ${width} px wide`);
    await shoot(visitor, 'public-call-phone');
    await checkAccessibility(visitor, 'public call on a phone');
    await phone.close();
  });

  await phoneJourneys({ browser, base, step, signIn, password: DEMO_PASSWORD, manager, inbox: smtp.inbox, waitFor, checkAccessibility, shoot });
  const { draftCallId } = await callDesignerJourney({ browser, base, step, manager, signIn, password: DEMO_PASSWORD, checkAccessibility, shoot });

  // Every page each person can reach, in French on a phone and in English on a desktop.
  const signedIn = async (address) => {
    const page = await (await browser.newContext({ locale: 'fr-FR', bypassCSP: true })).newPage();
    await signIn(page, base, address, DEMO_PASSWORD);
    return page;
  };
  const people = [
    ['an anonymous visitor', async () => (await browser.newContext({ locale: 'fr-FR', bypassCSP: true })).newPage(), ['/', '/calls', '/awarded', '/login', '/signup', '/password/forgot']],
    ['the applicant', async () => applicant, ['/', '/applications', '/organisation']],
    ['a demo applicant', async () => signedIn('aminata.traore@example.org'), ['/', '/applications', '/organisation']],
    ['an applicant with a draft', async () => signedIn('wanjiru.kamau@example.org'), ['/', '/applications']],
    ['a grantee with a report due', async () => signedIn('mamadou.ba@example.org'), ['/', '/applications']],
    ['an applicant who answered a clarification', async () => signedIn('ousmane.diop@example.org'), ['/', '/applications']],
    ['the manager', async () => manager, ['/', '/applications', '/calls', '/portfolio', '/account/notices', `/calls/${draftCallId}/edit`, '/admin/people', '/admin/outbox']],
    ['an evaluator', async () => signedIn('evaluator.one@example.org'), ['/', '/assignments']],
    ['the auditor', async () => signedIn('auditor@example.org'), ['/', '/applications', '/portfolio']],
  ];
  for (const [who, open, starts] of people) {
    const page = await open();
    for (const [lang, phone, how] of [['fr', true, 'in French on a phone'], ['en', false, 'in English on a desktop']]) {
      try {
        await step(`every page ${who} can reach, ${how}, reads well`, async () => {
          const { problems, read, visited } = await crawl(page, base, { lang, phone, starts, axeSource });
          console.log(`# ${read} pages read: ${visited.join(' ')}`);
          if (read < starts.length) throw new Error(`only ${read} pages read`);
          if (problems.length > 0) throw new Error(`${problems.length} problems on ${read} pages:\n${problems.join('\n')}`);
        });
      } catch {
        // reported by step(); the other crawls still run
      }
    }
  }
}

try {
  await main();
} catch (error) {
  // A failed step has reported itself; anything else (no binary, no database) is said here.
  if (failed === 0) console.log(`not ok - the browser suite could not start\n${error.stack}`);
} finally {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      console.log(`cleanup: ${error.message}`);
    }
  }
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
