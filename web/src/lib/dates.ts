// Calendar dates as the API speaks them ("YYYY-MM-DD") and as people read them («пн, 23.11»).

const kWeekdays = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

function parse(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in the browser's time zone. */
export function today(): string {
  const now = new Date();
  return format(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

export function addDays(day: string, n: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + n);
  return format(date);
}

/** The Monday of the week containing `day`. */
export function mondayOf(day: string): string {
  const weekday = parse(day).getUTCDay(); // 0 = Sunday
  return addDays(day, weekday === 0 ? -6 : 1 - weekday);
}

/** «пн, 23.11» */
export function dayLabel(day: string): string {
  const date = parse(day);
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${kWeekdays[date.getUTCDay()]}, ${dd}.${mm}`;
}

/** «23.11.2026» */
export function dateRu(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

export const kWeekdayNames = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];
