// Browser test of logins on paper: the class teacher prints the slips of the class, and a
// student activates the account with the code from a slip on the login page.
// Usage: EJOURNAL_URL=http://127.0.0.1:18080 node tests/e2e/credentials.test.mjs
import { stat } from 'node:fs/promises';
import { assertEqual, baseUrl, kDemoPassword, newPage, runWithBrowser, signIn, step } from './harness.mjs';

/** An API session (cookie and CSRF token) for calls the browser test prepares with. */
async function apiSession(login) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: kDemoPassword }),
  });
  assertEqual(response.status, 200, `API login as ${login}`);
  const body = await response.json();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    get: async (path) => (await fetch(`${baseUrl}${path}`, { headers: { Cookie: cookie } })).json(),
    post: async (path, json) =>
      (
        await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { Cookie: cookie, 'X-CSRF-Token': body.csrfToken, 'Content-Type': 'application/json' },
          body: JSON.stringify(json),
        })
      ).json(),
    classId: body.user.roles.find((r) => r.role === 'class_teacher')?.classId,
  };
}

await runWithBrowser(async (browser) => {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    await step('class teacher: «Мой класс» shows who has signed in and prints the slips as a PDF', async () => {
      await signIn(page, 'classteacher', kDemoPassword);
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
      await page.getByRole('link', { name: /Мой класс/ }).click();
      await page.getByTestId('activation').waitFor({ state: 'visible' });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Бланки учеников (PDF)' }).click(),
      ]);
      if (!download.suggestedFilename().endsWith('.pdf')) throw new Error(`file ${download.suggestedFilename()}`);
      const size = (await stat(await download.path())).size;
      if (size < 2000) throw new Error(`the PDF has only ${size} bytes`);
      await page.getByText('Бланки готовы').waitFor({ state: 'visible' });
    });
  } finally {
    await context.close().catch(() => undefined);
  }

  const slip = await step('class teacher: a new code for one student of the class (API)', async () => {
    const api = await apiSession('classteacher');
    const status = await api.get(`/api/v1/credentials/status?classId=${api.classId}`);
    const student = status.people.find((p) => p.role === 'student' && !p.activated);
    if (!student) throw new Error('every student of the class has signed in already');
    const issued = await api.post('/api/v1/credentials', { userIds: [student.userId] });
    return { ...issued.items[0] };
  });
  if (slip === undefined) return;

  const second = await newPage(browser, pageErrors);
  try {
    await step('student: activates the account with the code on the login page and is signed in', async () => {
      const p = second.page;
      await p.goto(`${baseUrl}/`);
      await p.getByRole('button', { name: 'Активировать учётную запись' }).click();
      await p.getByLabel('Логин').fill(slip.login);
      await p.getByLabel('Код активации').fill(slip.code.toLowerCase());
      await p.getByLabel('Новый пароль (не короче 8 символов)').fill('my-own-password-1');
      await p.getByLabel('Повторите пароль').fill('my-own-password-1');
      await p.getByRole('button', { name: 'Активировать и войти' }).click();
      const name = p.getByTestId('user-name');
      await name.waitFor({ state: 'visible' });
      assertEqual((await name.textContent())?.trim(), slip.fullName, 'signed-in user');
    });
    await step('no script errors or CSP violations', async () => {
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
    });
  } finally {
    await second.context.close().catch(() => undefined);
  }
});
