// Browser test of the school office: the deputy puts a substitute teacher on a lesson and forms a
// club; the administrator adds a room and opens a class the secretary then fills from the school's
// CSV file (check, then load); the secretary admits a student by order; the class teacher records
// a parent's consent to the processing of personal data and the reason of a student's absences.
// Usage: EJOURNAL_URL=http://127.0.0.1:18080 node tests/e2e/school_office.test.mjs
import { fileURLToPath } from 'node:url';
import { kDemoPassword, newPage, runWithBrowser, signIn, step } from './harness.mjs';

const kRosterFile = fileURLToPath(new URL('../data/roster_utf8_bom.csv', import.meta.url));

/** Signs in, runs the steps, checks the page had no script errors, closes the page. */
async function as(browser, login, steps) {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    const signedIn = await step(`${login}: signs in`, async () => {
      await signIn(page, login, kDemoPassword);
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
      return true;
    });
    if (!signedIn) return;
    await steps(page);
    await step(`${login}: no script errors or CSP violations`, async () => {
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function deputy(page) {
  await step('deputy: puts a substitute teacher on a lesson in «Замены»', async () => {
    await page.getByRole('link', { name: 'Замены' }).click();
    const rows = page.getByRole('table', { name: 'Уроки дня' }).locator('tbody tr');
    // Today may be a day off: go on to the next day with lessons.
    for (let i = 0; i < 10; i += 1) {
      await page.waitForTimeout(300);
      if ((await rows.count()) > 0) break;
      await page.getByRole('button', { name: 'Следующий день' }).click();
    }
    if ((await rows.count()) === 0) throw new Error('no lessons in the coming ten days');
    await rows.first().getByRole('button', { name: 'изменить' }).click();
    const form = page.getByRole('form', { name: 'Изменение урока' });
    // A teacher who has a lesson of their own then is refused (a clash): try the next one.
    const done = page.getByText('Изменение записано');
    for (let option = 1; option <= 10 && !(await done.isVisible()); option += 1) {
      await form.getByLabel('Заменяющий учитель').selectOption({ index: option });
      await form.getByLabel('Причина').fill('Болезнь учителя');
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/substitute')),
        form.getByRole('button', { name: 'Записать' }).click(),
      ]);
      await form.locator('.alert').waitFor({ state: 'visible' });
    }
    await done.waitFor({ state: 'visible' });
    await form.getByText('Замена:').waitFor({ state: 'visible' });
    await rows.first().getByText('вместо').waitFor({ state: 'visible' });
  });
  await step('deputy: forms a chess club of two students of 7Б in «Группы»', async () => {
    await page.getByRole('link', { name: 'Группы' }).click();
    const form = page.getByRole('form', { name: 'Новая группа' });
    await form.getByLabel('Вид группы').selectOption('extracurricular');
    await form.getByLabel('Название группы').fill('Шахматный клуб');
    await form.getByRole('button', { name: 'Создать группу' }).click();
    const members = page.getByRole('region', { name: 'Состав группы' });
    await members.getByLabel('Ученики класса').selectOption({ label: '7Б' });
    const boxes = members.getByRole('checkbox');
    await boxes.first().waitFor({ state: 'visible' });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await members.getByRole('button', { name: /Сохранить состав/ }).click();
    await page.getByText(/Состав группы с .* сохранён: 2 чел\./).waitFor({ state: 'visible' });
    await page.getByRole('table', { name: 'Группы' }).getByRole('row', { name: /Шахматный клуб/ }).getByText('2', { exact: true }).waitFor();
  });
  await step('deputy: sees a teacher\'s load in «Сотрудники»', async () => {
    await page.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByRole('button', { name: 'часы' }).first().click();
    await page.getByRole('region', { name: 'Нагрузка учителя' }).getByRole('heading', { name: /ч в неделю/ }).waitFor();
    if (await page.getByRole('form', { name: 'Новый сотрудник' }).count()) throw new Error('a deputy is offered to create accounts');
  });
  await step('deputy: gives dictations weight 4 and refuses late entries in «Правила журнала»', async () => {
    await page.getByRole('link', { name: 'Правила журнала' }).click();
    const types = page.getByRole('table', { name: 'Виды работ' });
    await types.getByLabel('Вес dictation').fill('4');
    await types.getByRole('row').filter({ has: page.getByLabel('Вес dictation') }).getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('«Диктант» сохранён. Уже выставленные отметки сохраняют прежний вес.').waitFor();
    const rules = page.getByRole('form', { name: 'Сроки и округление' });
    await rules.getByLabel('После срока').selectOption('refuse');
    await rules.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Правила сохранены.').waitFor();
  });
}

async function administrator(page) {
  await step('admin: sees the periods of the year and adds a room in «Учебный год»', async () => {
    await page.getByRole('link', { name: 'Учебный год' }).click();
    const names = page.getByLabel('Название периода');
    await names.first().waitFor({ state: 'visible' });
    if ((await names.count()) < 4) throw new Error(`only ${await names.count()} study periods shown`);
    await page.getByLabel('Название кабинета').fill('Кабинет музыки');
    await page.getByRole('button', { name: 'Добавить кабинет' }).click();
    await page.getByText('Кабинет «Кабинет музыки» добавлен.').waitFor({ state: 'visible' });
  });
  await step('admin: opens class 5Д for the new students', async () => {
    await page.getByRole('link', { name: 'Классы' }).click();
    const form = page.getByRole('form', { name: 'Новый класс' });
    await form.getByLabel('Параллель').selectOption('5');
    await form.getByLabel('Буква').fill('Д');
    await form.getByRole('button', { name: 'Создать класс' }).click();
    await page.getByRole('heading', { name: 'Класс 5Д' }).waitFor({ state: 'visible' });
  });
}

async function secretary(page) {
  await step('secretary: checks the roster file, then loads it in «Загрузка данных»', async () => {
    await page.getByRole('link', { name: 'Загрузка данных' }).click();
    await page.getByLabel('Файл').setInputFiles(kRosterFile);
    await page.getByLabel('Номер приказа').fill('41-у');
    await page.getByRole('button', { name: 'Проверить' }).click();
    const students = page.getByRole('table', { name: 'Ученики из файла' });
    await students.getByText('Абрамова Ксения Игоревна').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.getByText('Загружено. Всё из файла записано.').waitFor({ state: 'visible' });
  });
  await step('secretary: finds the loaded students in the list of 5Д', async () => {
    await page.getByRole('link', { name: 'Классы' }).click();
    await page.getByRole('link', { name: '5Д', exact: true }).click();
    await page.getByRole('table', { name: 'Список класса' }).getByText('Абрамова Ксения Игоревна').waitFor({ state: 'visible' });
  });
  await step('secretary: admits a student to 5Д by order', async () => {
    await page.getByRole('button', { name: 'Зачислить ученика' }).click();
    const form = page.getByRole('form', { name: 'Зачисление' });
    await form.getByLabel('Фамилия', { exact: true }).fill('Зимин');
    await form.getByLabel('Имя', { exact: true }).fill('Глеб');
    await form.getByLabel('Дата рождения').fill('2015-06-01');
    await form.getByLabel('Приказ №').fill('52-у');
    await form.getByRole('button', { name: 'Зачислить' }).click();
    await page.getByText('Зачислен(а): Зимин Глеб.').waitFor({ state: 'visible' });
    await page.getByRole('table', { name: 'Список класса' }).getByText('Зимин Глеб').waitFor({ state: 'visible' });
  });
}

async function classTeacher(page) {
  await step('classteacher: records a parent\'s consent in «Мой класс»', async () => {
    await page.getByRole('link', { name: /Мой класс/ }).click();
    const list = page.getByRole('table', { name: 'Список класса' });
    await list.getByRole('button', { name: 'записать' }).first().click();
    const form = page.getByRole('form', { name: 'Согласие на обработку персональных данных' });
    await form.getByLabel('Документ').fill('Заявление № 12');
    await form.getByRole('button', { name: 'Записать' }).click();
    await page.getByText('согласие записано').waitFor({ state: 'visible' });
    await list.getByText(/дано .*Заявление № 12/).first().waitFor({ state: 'visible' });
  });
  await step('classteacher: gives the reason of a student\'s absences for a week', async () => {
    const form = page.getByRole('form', { name: 'Причина пропусков' });
    const today = await form.getByLabel('По').inputValue();
    const weekAgo = new Date(new Date(today).getTime() - 6 * 86400000).toISOString().slice(0, 10);
    await form.getByLabel('С').fill(weekAgo);
    await form.getByLabel('Причина').selectOption('ill');
    await form.getByRole('button', { name: 'Указать' }).click();
    await page.getByText(/Причина указана для уроков: [1-9]/).waitFor({ state: 'visible' });
  });
}

await runWithBrowser(async (browser) => {
  await as(browser, 'deputy', deputy);
  await as(browser, 'admin', administrator);
  await as(browser, 'secretary', secretary);
  await as(browser, 'classteacher', classTeacher);
});
