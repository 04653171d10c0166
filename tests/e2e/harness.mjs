// What the browser tests share: steps with a time limit, a page with error capture, signing
// in, Chromium from Debian. Usage: import { ... } from './harness.mjs'.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../web/package.json', import.meta.url)));
const { chromium } = require('playwright-core');

export const kStepTimeoutMs = 15000;
export const kDemoPassword = 'demo';
export const baseUrl = (process.env.EJOURNAL_URL ?? '').replace(/\/+$/, '');
if (baseUrl === '') {
  console.error('FAIL: set EJOURNAL_URL, e.g. EJOURNAL_URL=http://127.0.0.1:18080');
  process.exit(2);
}

const counts = { passed: 0, failed: 0 };

/** Runs fn with a time limit; never throws. Returns fn's value, or undefined on failure. */
export async function step(name, fn) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${kStepTimeoutMs / 1000} s`)), kStepTimeoutMs);
  });
  try {
    const value = await Promise.race([fn(), timeout]);
    counts.passed += 1;
    console.log(`PASS: ${name}`);
    return value;
  } catch (error) {
    counts.failed += 1;
    console.log(`FAIL: ${name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export async function signIn(page, login, password) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

export async function newPage(browser, pageErrors) {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1366, height: 768 } });
  context.setDefaultTimeout(kStepTimeoutMs);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The server sends a strict Content-Security-Policy; a violation means a broken page.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  return { context, page };
}

/** Launches Chromium, runs `body(browser)`, closes it, prints the counts and exits. */
export async function runWithBrowser(body) {
  let browser;
  try {
    browser = await step('launch Chromium', () =>
      chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    );
    if (browser !== undefined) await body(browser);
  } finally {
    if (browser !== undefined) await browser.close().catch(() => undefined);
  }
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed === 0 && counts.passed > 0 ? 0 : 1);
}
