// Browser test of the journal: a teacher opens a journal, enters a column of marks by keyboard
// (type, Enter, and the cursor moves down), corrects one with a reason and sees its history;
// marks typed while the connection is down are kept in the browser and sent once it is back.
// Usage: EJOURNAL_URL=http://127.0.0.1:18080 node tests/e2e/journal.test.mjs
import { assertEqual, kDemoPassword, newPage, runWithBrowser, signIn, step } from './harness.mjs';

await runWithBrowser(async (browser) => {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    const opened = await step('teacher: opens a journal of the current period from «Журналы»', async () => {
      await signIn(page, 'teacher', kDemoPassword);
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
      const name = (await page.getByTestId('user-name').textContent()).trim();
      await page.getByRole('link', { name: 'Журналы' }).click();
      // One the teacher teaches (a class teacher also sees the class's other subjects).
      await page.getByRole('table', { name: 'Журналы' }).locator('tbody tr').filter({ hasText: name }).first().locator('a').first().click();
      await page.getByRole('grid', { name: 'Журнал' }).waitFor({ state: 'visible' });
      return true;
    });
    if (!opened) return;
    const grid = page.getByRole('grid', { name: 'Журнал' });
    const typed = await step('teacher: types 5, 4, 3 with Enter down the current column', async () => {
      // The cursor starts on today's (or the last held) lesson, first student.
      const start = grid.locator('td[tabindex="0"]');
      const cell = await start.getAttribute('data-cell');
      const col = cell.split('-')[1];
      await start.click();
      for (const value of ['5', '4', '3']) {
        await page.keyboard.type(value);
        await page.keyboard.press('Enter');
      }
      for (let r = 0; r < 3; r += 1) {
        await grid.locator(`td[data-cell="${r}-${col}"] button.mark`).first().waitFor({ state: 'visible' });
      }
      const values = [];
      for (let r = 0; r < 3; r += 1) values.push((await grid.locator(`td[data-cell="${r}-${col}"] button.mark`).last().textContent()).trim());
      assertEqual(values.join(','), '5,4,3', 'the marks in the column');
      if ((await grid.locator('td.failed').count()) > 0) throw new Error('a cell failed to save');
      return col;
    });
    if (typed === undefined) return;
    await step('teacher: corrects the 4 to 5 with a reason and sees both in the history', async () => {
      await grid.locator(`td[data-cell="1-${typed}"] button.mark`).last().click();
      const panel = page.getByRole('region', { name: 'Отметка' });
      await panel.getByRole('heading', { name: /Отметка 4/ }).waitFor();
      await panel.getByLabel('Новая отметка').fill('5');
      await panel.getByLabel('Причина исправления').fill('Ошибка при вводе');
      await panel.getByRole('button', { name: 'Исправить' }).click();
      await page.getByText('Отметка исправлена; прежняя осталась в истории.').waitFor();
      const history = panel.getByRole('list', { name: 'История отметки' });
      await history.getByText('Выставлена: 4').waitFor();
      await history.getByText('Исправлена: 4 → 5').waitFor();
      await history.getByText('Причина: Ошибка при вводе').waitFor();
      assertEqual((await grid.locator(`td[data-cell="1-${typed}"] button.mark`).last().textContent()).trim(), '5', 'the corrected mark');
    });
    await step('teacher: writes the lesson topic and homework', async () => {
      await grid.locator('th.current button.date').click();
      const form = page.getByRole('form', { name: 'Запись урока' });
      await form.getByLabel('Тема урока').fill('Повторение пройденного');
      await form.getByLabel('Домашнее задание').fill('§ 14, упр. 3');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('region', { name: 'Урок' }).getByText(/Сохранено/).waitFor();
      await page.getByRole('list', { name: 'История урока' }).getByText(/тема «Повторение пройденного»/).waitFor();
    });
    await step('teacher: praises a student for the parents to see', async () => {
      const panel = page.getByRole('region', { name: 'Урок' });
      const form = panel.getByRole('form', { name: 'Комментарий ученику' });
      await form.getByLabel('Вид комментария').selectOption('praise');
      await form.getByLabel('Текст комментария').fill('Отличный ответ у доски');
      await form.getByRole('button', { name: 'Добавить' }).click();
      await panel.getByText('Комментарий сохранён; родители увидят его в дневнике.').waitFor();
      await panel.getByRole('list', { name: 'Комментарии к уроку' }).getByText(/Отличный ответ у доски/).waitFor();
    });
    await step('teacher: attaches a worksheet to the homework', async () => {
      const panel = page.getByRole('region', { name: 'Урок' });
      const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
      await panel.getByLabel('Файл к заданию').setInputFiles({ name: 'Карточка.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
      await panel.getByText('Файл «Карточка.pdf» прикреплён к заданию.').waitFor();
      const link = panel.getByRole('list', { name: 'Файлы к заданию' }).getByRole('link', { name: 'Карточка.pdf' });
      const href = await link.getAttribute('href');
      const got = await page.request.get(new URL(href, page.url()).toString());
      assertEqual(await got.text(), pdf, 'the downloaded file');
    });
    await step('teacher: writes the calendar-thematic plan and sees its hours against the curriculum', async () => {
      await page.getByRole('link', { name: 'Тематическое планирование (КТП)' }).click();
      const topics = page.getByRole('form', { name: 'Темы плана' });
      await topics.getByRole('button', { name: 'Добавить тему' }).waitFor();
      for (const [i, title] of [[1, 'Повторение'], [2, 'Дроби']]) {
        await topics.getByRole('button', { name: 'Добавить тему' }).click();
        await topics.getByLabel(`Тема ${i}`).fill(title);
        await topics.getByLabel(`Часы ${i}`).fill('3');
      }
      await topics.getByRole('button', { name: 'Сохранить план' }).click();
      await page.getByText('План сохранён.').waitFor();
      await page.getByLabel('Часы плана').getByText(/Часов в плане: 6/).waitFor();
      await page.getByText(/Часы плана не совпадают с учебным планом/).waitFor();
      await page.getByRole('link', { name: '← К журналу' }).click();
      await page.getByRole('grid', { name: 'Журнал' }).waitFor({ state: 'visible' });
    });
    await step('teacher: the connection drops; marks typed meanwhile wait in the browser and go when it is back', async () => {
      await context.setOffline(true);
      await grid.locator(`td[data-cell="3-${typed}"]`).click();
      for (const value of ['4', '5']) {
        await page.keyboard.type(value);
        await page.keyboard.press('Enter');
      }
      await page.getByText(/Нет связи с сервером\. Внесено и ждёт отправки: 2/).waitFor();
      assertEqual(await grid.locator('td.waiting').count(), 2, 'cells waiting for the connection');
      // Kept in the browser's IndexedDB, where a closed tab would find them again.
      const kept = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const req = indexedDB.open('ejournal');
            req.onsuccess = () => {
              const all = req.result.transaction('outbox').objectStore('outbox').getAll();
              all.onsuccess = () => resolve(all.result.sort((a, b) => a.at - b.at).map((w) => w.value).join(","));
            };
          }),
      );
      assertEqual(kept, '4,5', 'the writes kept in IndexedDB');
      await context.setOffline(false);
      for (const [r, value] of [[3, '4'], [4, '5']]) {
        const marks = grid.locator(`td[data-cell="${r}-${typed}"] button.mark`);
        await marks.first().waitFor({ state: 'visible', timeout: 15000 });
        assertEqual(await marks.count(), 1, `one mark in row ${r + 1}, not two`);
        assertEqual((await marks.first().textContent()).trim(), value, `the mark in row ${r + 1}`);
      }
      assertEqual(await grid.locator('td.waiting').count(), 0, 'nothing left waiting');
    });
    await step('teacher: no script errors or CSP violations', async () => {
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
    });
  } finally {
    await context.close().catch(() => undefined);
  }
  const parent = await newPage(browser, pageErrors);
  try {
    await step('parent: sees the child\'s marks by subject with the averages and the forecast', async () => {
      await signIn(parent.page, 'parent', kDemoPassword);
      await parent.page.getByRole('link', { name: 'Успеваемость' }).click();
      const table = parent.page.getByRole('table', { name: 'Отметки по предметам' });
      const algebra = table.locator('tbody tr').filter({ hasText: 'Алгебра' });
      await algebra.waitFor();
      const forecast = (await algebra.locator('td.forecast').textContent()).trim();
      if (!/^[2-5]$/.test(forecast)) throw new Error(`no forecast for algebra: «${forecast}»`);
    });
  } finally {
    await parent.context.close().catch(() => undefined);
  }
});
