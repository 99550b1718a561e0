// A crawl of every page a person can reach by following links, as that person, checked for what a reader
// would notice: a catalogue key or an ISO timestamp where words and dates belong, English words in the
// interface of a French page, a page that scrolls sideways at phone width, a page heavier than 60 kB,
// and any axe-core violation, whatever its impact.
//
// Only links are followed (GET), never forms, so a crawl changes nothing. Downloads (files, PDF, CSV,
// XML), the language switch and the API are left out: they are not pages.

const PAGE_BUDGET_BYTES = 60 * 1024;
const PHONE_WIDTH = 390;
/// Pages of one shape (the same path with other ids, the same query keys) visited at most this often.
const PER_SHAPE = 3;
const MAX_PAGES = 90;

const RAW_KEY = /\b(?:action|state|error|label|status|title|nav|flash|field|kind)_[a-z][a-z0-9_]*\b/;
const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\b/;
const RAW_AMOUNT = /\b\d+\.\d{2} EUR\b/;
// Words of the interface that only English has; whole words, case-sensitive.
const ENGLISH = [
  'the', 'and', 'with', 'your', 'you', 'of', 'to', 'Submit', 'Save', 'Cancel', 'Sign in', 'Sign out',
  'Download', 'Delete', 'Remove', 'Deadline', 'Applications', 'Application', 'Amount', 'Awarded', 'Submitted',
  'Draft', 'Withdrawn', 'Reports', 'Back', 'Next', 'Previous', 'Search', 'Filter', 'Edit', 'None', 'none',
  'pending', 'sent', 'failed', 'due', 'paid', 'declared', 'assigned', 'submitted', 'draft', 'Yes', 'No',
  'Unknown', 'Closed', 'Budget line', 'Requested', 'Country', 'Partners',
];
const ENGLISH_WORD = new RegExp(`(?<![\\p{L}'’-])(?:${ENGLISH.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}'’-])`, 'u');

function skipped(url) {
  const { pathname } = url;
  return (
    pathname.startsWith('/api/') ||
    pathname.startsWith('/lang/') ||
    pathname.startsWith('/static/') ||
    pathname.startsWith('/open-data/') ||
    pathname === '/verify' ||
    pathname === '/metrics' ||
    /\/(attachments|documents)\/\d+$/.test(pathname) ||
    /\.(pdf|csv|xml|json)$/.test(pathname) ||
    url.searchParams.has('format')
  );
}

/// The shape of a link: ids replaced and query values dropped, so a list of a hundred applications is
/// crawled as two application pages.
function shape(url) {
  const keys = [...url.searchParams.keys()].sort().join('&');
  return `${url.pathname.replace(/\d+/g, 'N')}?${keys}`;
}

async function inspect(page, lang) {
  return page.evaluate(({ lang, rawKey, iso, rawAmount, english }) => {
    const rawKeyRe = new RegExp(rawKey);
    const isoRe = new RegExp(iso);
    const amountRe = new RegExp(rawAmount);
    const englishRe = new RegExp(english, 'u');
    const found = [];
    const text = document.body.innerText;
    const key = text.match(rawKeyRe);
    if (key) found.push(`a catalogue key on the page: "${key[0]}" in "…${text.slice(Math.max(0, key.index - 40), key.index + 40).replace(/\s+/g, ' ')}…"`);
    const stamp = text.match(isoRe);
    if (stamp) found.push(`an ISO timestamp on the page: "${stamp[0]}"`);
    const amount = text.match(amountRe);
    if (amount) found.push(`an amount written for machines: "${amount[0]}"`);
    for (const attribute of ['title', 'aria-label', 'placeholder', 'alt']) {
      for (const element of document.querySelectorAll(`[${attribute}]`)) {
        const value = element.getAttribute(attribute);
        if (rawKeyRe.test(value)) found.push(`a catalogue key in ${attribute}: "${value}"`);
      }
    }
    if (document.documentElement.lang !== lang) found.push(`the page says lang="${document.documentElement.lang}"`);
    if (lang === 'fr') {
      // The interface, not what people typed: content marked translate="no" (names, titles, answers)
      // and text in another declared language are the writer's own words.
      const chrome = 'button, label, th, legend, dt, nav, summary, caption, h2, h3, .hint, .state, .flash, p, td, li, dd, option, a';
      for (const element of document.querySelectorAll(chrome)) {
        if (element.closest('[translate="no"]') || element.closest('[lang]:not(html)')) continue;
        let own = '';
        for (const node of element.childNodes) {
          if (node.nodeType === Node.TEXT_NODE) own += node.textContent;
        }
        const word = own.match(englishRe);
        if (word) {
          found.push(`English on a French page: "${word[0]}" in <${element.tagName.toLowerCase()}> "${own.trim().slice(0, 80)}"`);
          if (found.length > 12) break;
        }
      }
    }
    return found;
  }, { lang, rawKey: RAW_KEY.source, iso: ISO_TIMESTAMP.source, rawAmount: RAW_AMOUNT.source, english: ENGLISH_WORD.source });
}

/// Crawls from `starts` as whoever `page`'s context is signed in as, in `lang` (set through the language
/// cookie), at phone width when `phone`. Returns the list of problems found, one line each, and the
/// pages read.
export async function crawl(page, base, { lang, phone, starts, axeSource }) {
  const origin = new URL(base);
  await page.context().addCookies([{ name: 'mmdg_lang', value: lang, url: base }]);
  await page.setViewportSize(phone ? { width: PHONE_WIDTH, height: 844 } : { width: 1280, height: 900 });
  const problems = [];
  const queue = starts.map((start) => new URL(start, base));
  const seen = new Set();
  const perShape = new Map();
  let read = 0;
  const visited = [];
  while (queue.length > 0 && read < MAX_PAGES) {
    const url = queue.shift();
    url.hash = '';
    if (url.origin !== origin.origin || skipped(url) || seen.has(url.href)) continue;
    seen.add(url.href);
    const kind = shape(url);
    if ((perShape.get(kind) ?? 0) >= PER_SHAPE) continue;
    perShape.set(kind, (perShape.get(kind) ?? 0) + 1);
    const response = await page.goto(url.href);
    read += 1;
    const where = url.pathname + url.search;
    visited.push(where);
    const landed = new URL(page.url());
    if (!response) {
      problems.push(`${where}: no response`);
      continue;
    }
    if (response.status() >= 400) {
      problems.push(`${where}: a link leads to HTTP ${response.status()}`);
      continue;
    }
    const type = response.headers()['content-type'] ?? '';
    if (!type.startsWith('text/html')) continue;
    const size = (await response.body()).length;
    if (size > PAGE_BUDGET_BYTES) problems.push(`${where}: ${Math.round(size / 1024)} kB of HTML (budget 60 kB)`);
    for (const problem of await inspect(page, lang)) problems.push(`${where}: ${problem}`);
    if (phone) {
      const wide = await page.evaluate((limit) => {
        const width = document.documentElement.scrollWidth;
        if (width <= limit) return null;
        // The outermost element that sticks out, to say what to fix.
        const culprit = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > limit + 1 && !e.closest('.table-wrap'));
        const name = culprit ? `${culprit.tagName.toLowerCase()}${culprit.id ? `#${culprit.id}` : ''}${culprit.className ? `.${String(culprit.className).split(' ').join('.')}` : ''}` : 'unknown';
        return { width, name, right: culprit ? Math.round(culprit.getBoundingClientRect().right) : 0 };
      }, PHONE_WIDTH);
      if (wide) problems.push(`${where}: scrolls sideways at ${PHONE_WIDTH} px (${wide.width} px wide; ${wide.name} ends at ${wide.right} px)`);
      // The header leaves the screen to the page: at most a quarter of a phone's height.
      const header = await page.evaluate(() => document.querySelector('header')?.getBoundingClientRect().height ?? 0);
      if (header > 844 / 4) problems.push(`${where}: the header takes ${Math.round(header)} px of a phone's 844`);
    }
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const violation of axe.violations) {
      const targets = violation.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
      problems.push(`${where}: axe ${violation.impact} ${violation.id}: ${violation.help} (${targets})`);
    }
    if (landed.origin !== origin.origin) continue;
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
    for (const link of links) {
      try {
        queue.push(new URL(link, landed));
      } catch {
        problems.push(`${where}: a link that is not a URL: ${link}`);
      }
    }
  }
  return { problems, read, visited };
}
