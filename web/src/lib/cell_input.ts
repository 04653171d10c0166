// What a teacher types into a journal cell and which key does what. Keyboard-first: arrows move,
// a mark is typed and Enter saves it; «н» marks an absence, «оп» lateness, «-» takes it back.
// Pure: the grid component turns the answers into state and requests.

/** The marks a cell takes, as the server spells them. */
export const kMarks = ['1', '2', '3', '4', '5', 'н/а', 'осв', 'зач', 'незач'] as const;

// The same keys on the Latin layout: «y» is «н», «jg» is «оп», «yf» is «на» (a teacher who forgot to
// switch the layout still types what they mean).
const kLayout: Record<string, string> = { y: 'н', j: 'о', g: 'п', f: 'а', c: 'с', d: 'в', ',': 'б' };

export type Attendance = 'absent' | 'late' | 'present';
export type CellEntry = { kind: 'mark'; value: string } | { kind: 'attendance'; attendance: Attendance };

/** The text as it is kept and sent: trimmed, lower case. */
export function normalize(text: string): string {
  return text.trim().toLowerCase();
}

/** What `text` means in a cell; null when it is neither a mark nor an attendance entry. */
export function parseEntry(text: string): CellEntry | null {
  const value = normalize(text);
  if (value === 'н') return { kind: 'attendance', attendance: 'absent' };
  if (value === 'оп') return { kind: 'attendance', attendance: 'late' };
  if (value === '-') return { kind: 'attendance', attendance: 'present' };
  // «на» is «н/а» typed without the slash.
  const mark = kMarks.find((m) => m === value || m.replace('/', '') === value);
  return mark ? { kind: 'mark', value: mark } : null;
}

/** Why a cell refused `text`. */
export function invalidEntryText(text: string): string {
  return `«${text}»: отметки 1–5, н/а, осв; «н» — отсутствовал`;
}

export type KeyCommand =
  | { kind: 'move'; rows: number; cols: number }
  | { kind: 'clear' }
  | { kind: 'erase' }
  | { kind: 'commit' }
  | { kind: 'type'; char: string }
  | { kind: 'ignore' };

/**
 * What a key pressed on the grid does. `ignore` leaves the key to the browser; every other
 * command but `clear` (Escape) takes it from the browser.
 */
export function keyCommand(key: string, ctrl = false, meta = false): KeyCommand {
  if (key === 'ArrowUp') return { kind: 'move', rows: -1, cols: 0 };
  if (key === 'ArrowDown') return { kind: 'move', rows: 1, cols: 0 };
  if (key === 'ArrowLeft') return { kind: 'move', rows: 0, cols: -1 };
  if (key === 'ArrowRight') return { kind: 'move', rows: 0, cols: 1 };
  if (key === 'Escape') return { kind: 'clear' };
  if (key === 'Backspace') return { kind: 'erase' };
  if (key === 'Enter') return { kind: 'commit' };
  if (key.length === 1 && !ctrl && !meta) {
    const char = /[a-z,]/i.test(key) ? (kLayout[key.toLowerCase()] ?? '') : key.toLowerCase();
    if (char !== '' && /[0-9а-яё/\-.]/.test(char)) return { kind: 'type', char };
  }
  return { kind: 'ignore' };
}

/** `index` moved by `delta`, kept within 0..size-1. */
export function moveWithin(index: number, delta: number, size: number): number {
  return Math.max(0, Math.min(size - 1, index + delta));
}

/** The column the cursor starts on: today's lesson, else the last one held (dates "YYYY-MM-DD"). */
export function startColumn(lessons: { date: string }[], today: string): number {
  let last = 0;
  lessons.forEach((l, i) => {
    if (l.date <= today) last = i;
  });
  return last;
}
