// Browser test of a compromised account: a teacher's password becomes known to others; the
// administrator declares it in «Компрометация» (the account is locked and the teacher's changes
// of the day are put under review) and a deputy director reverts the changed mark.
// It locks the demo teacher: the files after it (by name) must not sign in as the teacher.
// Usage: EJOURNAL_URL=http://127.0.0.1:18080 node tests/e2e/reviews.test.mjs
import { assertEqual, baseUrl, kDemoPassword, newPage, runWithBrowser, signIn, step } from './harness.mjs';

await runWithBrowser(async (browser) => {
  const pageErrors = [];
  let teacherName = '';
  {
    const { context, page } = await newPage(browser, pageErrors);
    try {
      await step('teacher: sets a 2 in the journal', async () => {
        await signIn(page, 'teacher', kDemoPassword);
        await page.getByTestId('user-name').waitFor({ state: 'visible' });
        teacherName = (await page.getByTestId('user-name').textContent()).trim();
        await page.getByRole('link', { name: 'Журналы' }).click();
        await page.getByRole('table', { name: 'Журналы' }).locator('tbody tr').filter({ hasText: teacherName }).first().locator('a').first().click();
        const grid = page.getByRole('grid', { name: 'Журнал' });
        await grid.waitFor({ state: 'visible' });
        const col = (await grid.locator('td[tabindex="0"]').getAttribute('data-cell')).split('-')[1];
        await grid.locator(`td[data-cell="7-${col}"]`).click();
        await page.keyboard.type('2');
        await page.keyboard.press('Enter');
        await grid.locator(`td[data-cell="7-${col}"] button.mark`).last().waitFor({ state: 'visible' });
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }
  {
    const { context, page } = await newPage(browser, pageErrors);
    try {
      await step('admin: declares the teacher\'s account compromised since this morning', async () => {
        await signIn(page, 'admin', kDemoPassword);
        await page.getByRole('link', { name: 'Компрометация' }).click();
        await page.getByLabel('Фамилия пользователя').fill(teacherName.split(' ')[0]);
        await page.getByRole('button', { name: 'Найти' }).click();
        await page.getByRole('list', { name: 'Найденные пользователи' }).getByRole('button', { name: teacherName }).click();
        const form = page.getByRole('form', { name: 'Заявление о компрометации' });
        await form.getByLabel('Основание').fill('Пароль записан на листке у доски');
        await form.getByRole('button', { name: 'Заблокировать и поставить на проверку' }).click();
        await page.getByText(/заблокирована, её сеансы завершены\. На проверку поставлено изменений журнала: [1-9]/).waitFor();
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }
  {
    const { context, page } = await newPage(browser, pageErrors);
    try {
      await step('deputy: reverts the teacher\'s 2 with the grounds', async () => {
        await signIn(page, 'deputy', kDemoPassword);
        await page.getByRole('link', { name: 'Компрометация' }).click();
        const table = page.getByRole('table', { name: 'Изменения на проверке' });
        const row = table.locator('tbody tr').filter({ hasText: 'Выставлена отметка' }).filter({ hasText: '— → 2' }).first();
        await row.waitFor();
        await row.getByPlaceholder('Основание').fill('Учитель отметку не ставил');
        await row.getByRole('button', { name: 'Отменить' }).click();
        await page.getByText('Изменение отменено; отмена записана в истории журнала.').waitFor();
        await table.getByText(/отменено — .*: Учитель отметку не ставил/).first().waitFor();
      });
      await step('the teacher can no longer sign in', async () => {
        const r = await page.request.post(`${baseUrl}/api/v1/auth/login`, { data: { login: 'teacher', password: kDemoPassword } });
        assertEqual(r.status(), 403, 'the status of a locked account\'s login');
      });
      await step('no script errors or CSP violations', async () => {
        if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
      });
    } finally {
      await context.close().catch(() => undefined);
    }
  }
});
