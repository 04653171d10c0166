// Browser test of signing in and out through the web front end.
// Usage: EJOURNAL_URL=http://127.0.0.1:18080 node tests/e2e/login.test.mjs
// Needs a server with the demo data (logins teacher and parent, password demo), the built
// front end (web/dist) served by it, playwright-core in web/node_modules and /usr/bin/chromium.
import { assertEqual, baseUrl, kDemoPassword, newPage, runWithBrowser, signIn, step } from './harness.mjs';

function cookieHeader(response) {
  const raw = response.headers.get('set-cookie') ?? '';
  return raw
    .split(/,(?=\s*[^;,=\s]+=)/)
    .map((cookie) => cookie.split(';')[0].trim())
    .filter((cookie) => cookie !== '')
    .join('; ');
}

/** Signs in through the API alone and returns what the browser should then show. */
async function expectedUser(login) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ login, password: kDemoPassword }),
  });
  const body = await response.json().catch(() => null);
  assertEqual(response.status, 200, `POST /api/v1/auth/login as ${login}`);
  const fullName = body?.user?.fullName;
  if (typeof fullName !== 'string' || fullName === '') throw new Error('login answer has no user.fullName');
  const children = (body.user.roles ?? []).filter((r) => r.role === 'parent').flatMap((r) => r.children ?? []);
  // End this API-only session so it does not linger.
  await fetch(`${baseUrl}/api/v1/auth/logout`, {
    method: 'POST',
    headers: { 'X-CSRF-Token': body.csrfToken ?? '', Cookie: cookieHeader(response) },
  }).catch(() => undefined);
  return { fullName, children };
}

async function checkDemoUser(browser, login) {
  const expected = await step(`${login}: API login returns the full name`, () => expectedUser(login));
  if (expected === undefined) return;
  if (login === 'parent') {
    await step('parent: API lists at least one child', async () => {
      if (expected.children.length === 0) throw new Error('parent role has no children');
    });
  }
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    const signedIn = await step(`${login}: sign in shows the user's full name`, async () => {
      await signIn(page, login, kDemoPassword);
      const name = page.getByTestId('user-name');
      await name.waitFor({ state: 'visible' });
      assertEqual((await name.textContent())?.trim(), expected.fullName, 'user name');
      return true;
    });
    if (!signedIn) return;
    if (login === 'parent' && expected.children.length > 0) {
      await step("parent: child's full name is visible", async () => {
        await page.getByText(expected.children[0].fullName).first().waitFor({ state: 'visible' });
      });
    }
    await step(`${login}: session survives a page reload`, async () => {
      await page.reload();
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
    });
    await step(`${login}: Выйти returns to the login page`, async () => {
      await page.getByRole('button', { name: 'Выйти' }).click();
      await page.getByLabel('Логин').waitFor({ state: 'visible' });
      await page.getByTestId('user-name').waitFor({ state: 'detached' });
    });
    await step(`${login}: after logout a reload still shows the login page`, async () => {
      await page.reload();
      await page.getByLabel('Логин').waitFor({ state: 'visible' });
    });
    await step(`${login}: no script errors or CSP violations in the page`, async () => {
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function checkWrongPassword(browser) {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    await step('wrong password shows «Неверный логин или пароль»', async () => {
      await signIn(page, 'teacher', 'definitely-wrong-password');
      await page.getByText('Неверный логин или пароль').waitFor({ state: 'visible' });
      if ((await page.getByTestId('user-name').count()) !== 0) throw new Error('user name shown after a failed login');
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

await runWithBrowser(async (browser) => {
  await checkDemoUser(browser, 'teacher');
  await checkDemoUser(browser, 'parent');
  await checkWrongPassword(browser);
});
