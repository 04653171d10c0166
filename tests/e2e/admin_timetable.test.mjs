// Browser test of the school structure: the administrator creates a teacher's account, a
// class, puts the teacher into the class's curriculum and a lesson into its week; the teacher
// then signs in and finds the lesson in «Моё расписание». A student sees their own week.
// Usage: EJOURNAL_URL=http://127.0.0.1:18080 node tests/e2e/admin_timetable.test.mjs
import { assertEqual, kDemoPassword, newPage, runWithBrowser, signIn, step } from './harness.mjs';

const kTeacher = { last: 'Новикова', first: 'Тамара', middle: 'Олеговна', login: 'novikova.to', password: 'secret-pass-2026' };
const kWeekdays = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница'];

/** Goes week by week (at most `weeks`) until «Моё расписание» shows a lesson; returns their texts. */
async function lessonsInComingWeeks(page, weeks) {
  for (let i = 0; i < weeks; i += 1) {
    await page.getByTestId('week').waitFor({ state: 'visible' });
    const lessons = page.getByTestId('lesson');
    if ((await lessons.count()) > 0) return lessons.allTextContents();
    await page.getByRole('button', { name: 'Следующая →' }).click();
    await page.getByText('Загрузка…').waitFor({ state: 'detached' });
  }
  return [];
}

async function administratorBuildsTheWeek(browser) {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    if (!(await step('admin: signs in', async () => {
      await signIn(page, 'admin', kDemoPassword);
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
      return true;
    }))) return false;
    const created = await step('admin: creates a teacher account in «Сотрудники»', async () => {
      await page.getByRole('link', { name: 'Сотрудники' }).click();
      const form = page.getByRole('form', { name: 'Новый сотрудник' });
      await form.getByLabel('Фамилия').fill(kTeacher.last);
      await form.getByLabel('Имя', { exact: true }).fill(kTeacher.first);
      await form.getByLabel('Отчество').fill(kTeacher.middle);
      await form.getByLabel('Должность').fill('учитель математики');
      await form.getByLabel('Логин').fill(kTeacher.login);
      await form.getByLabel('Временный пароль').fill(kTeacher.password);
      await form.getByRole('button', { name: 'Создать учётную запись' }).click();
      await page.getByText('Учётная запись создана').waitFor({ state: 'visible' });
      return true;
    });
    if (!created) return false;
    const classCreated = await step('admin: creates class 5Ж in «Классы»', async () => {
      await page.getByRole('link', { name: 'Классы' }).click();
      const form = page.getByRole('form', { name: 'Новый класс' });
      await form.getByLabel('Параллель').selectOption('5');
      await form.getByLabel('Буква').fill('Ж');
      await form.getByRole('button', { name: 'Создать класс' }).click();
      await page.getByRole('heading', { name: 'Класс 5Ж' }).waitFor({ state: 'visible' });
      return true;
    });
    if (!classCreated) return false;
    const assigned = await step('admin: puts the teacher into the curriculum (Математика, 5 h)', async () => {
      await page.getByLabel('Предмет плана').selectOption({ label: 'Математика' });
      await page.getByLabel('Часов в неделю').fill('5');
      await page.getByLabel('Учитель предмета').selectOption({ label: `${kTeacher.last} ${kTeacher.first} ${kTeacher.middle}` });
      await page.getByRole('button', { name: 'Добавить в план' }).click();
      await page.getByText('Учебный план сохранён.').waitFor({ state: 'visible' });
      return true;
    });
    if (!assigned) return false;
    const saved = await step('admin: sets the 2nd lesson of every weekday and saves the week', async () => {
      for (const day of kWeekdays) {
        await page.getByLabel(`${day}, 2-й урок: предмет`).selectOption({ label: 'Матем.' });
        const teacher = page.getByLabel(`${day}, 2-й урок: учитель`);
        await teacher.waitFor({ state: 'visible' });
        assertEqual(
          await teacher.evaluate((el) => el.options[el.selectedIndex]?.text),
          `${kTeacher.last} ${kTeacher.first} ${kTeacher.middle}`,
          'the curriculum teacher is proposed',
        );
      }
      await page.getByRole('button', { name: 'Сохранить расписание' }).click();
      await page.getByText('Расписание сохранено').waitFor({ state: 'visible' });
      return true;
    });
    if (!saved) return false;
    await step('admin: a lesson in a room busy then is refused with the clash named', async () => {
      // Room 101 is the home room of 1А, which starts every day with its first lesson there.
      for (const day of kWeekdays) {
        await page.getByLabel(`${day}, 1-й урок: предмет`).selectOption({ label: 'Матем.' });
        await page.getByLabel(`${day}, 1-й урок: учитель`).selectOption({ label: `${kTeacher.last} ${kTeacher.first} ${kTeacher.middle}` });
        await page.getByLabel(`${day}, 1-й урок: кабинет`).selectOption({ label: '101' });
      }
      await page.getByRole('button', { name: 'Сохранить расписание' }).click();
      await page.getByRole('alert').filter({ hasText: 'Накладка в расписании' }).waitFor({ state: 'visible' });
    });
    await step('admin: no script errors or CSP violations', async () => {
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
    });
    return true;
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function teacherSeesTheLesson(browser) {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    await step('new teacher: signs in and sees the lesson of 5Ж in «Моё расписание»', async () => {
      await signIn(page, kTeacher.login, kTeacher.password);
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
      await page.getByRole('link', { name: 'Моё расписание' }).click();
      const lessons = await lessonsInComingWeeks(page, 6);
      if (lessons.length === 0) throw new Error('no lesson in the coming six weeks');
      const first = lessons[0];
      for (const text of ['Математика', '5Ж']) {
        if (!first.includes(text)) throw new Error(`lesson "${first}" lacks "${text}"`);
      }
      if (!first.trim().startsWith('2')) throw new Error(`lesson "${first}" is not the 2nd`);
    });
    await step('new teacher: no script errors', async () => {
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function studentSeesTheirWeek(browser) {
  const pageErrors = [];
  const { context, page } = await newPage(browser, pageErrors);
  try {
    await step('student: «Моё расписание» shows the lessons of 7Б with their teachers', async () => {
      await signIn(page, 'student', kDemoPassword);
      await page.getByTestId('user-name').waitFor({ state: 'visible' });
      await page.getByRole('link', { name: 'Моё расписание' }).click();
      const lessons = await lessonsInComingWeeks(page, 6);
      if (lessons.length < 5) throw new Error(`only ${lessons.length} lessons in a week`);
    });
    await step('student: no «Классы» or «Сотрудники» in the menu', async () => {
      assertEqual(await page.getByRole('link', { name: 'Классы' }).count(), 0, 'Классы links');
      assertEqual(await page.getByRole('link', { name: 'Сотрудники' }).count(), 0, 'Сотрудники links');
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

await runWithBrowser(async (browser) => {
  if (await administratorBuildsTheWeek(browser)) await teacherSeesTheLesson(browser);
  await studentSeesTheirWeek(browser);
});
