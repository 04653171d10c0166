import { describe, expect, test } from 'vitest';
import { invalidEntryText, keyCommand, moveWithin, normalize, parseEntry, startColumn } from './cell_input';

describe('parseEntry', () => {
  const cases: [string, ReturnType<typeof parseEntry>][] = [
    ['5', { kind: 'mark', value: '5' }],
    ['1', { kind: 'mark', value: '1' }],
    [' 4 ', { kind: 'mark', value: '4' }],
    ['н/а', { kind: 'mark', value: 'н/а' }],
    ['на', { kind: 'mark', value: 'н/а' }],
    ['Н/А', { kind: 'mark', value: 'н/а' }],
    ['осв', { kind: 'mark', value: 'осв' }],
    ['зач', { kind: 'mark', value: 'зач' }],
    ['незач', { kind: 'mark', value: 'незач' }],
    ['н', { kind: 'attendance', attendance: 'absent' }],
    ['Н', { kind: 'attendance', attendance: 'absent' }],
    ['оп', { kind: 'attendance', attendance: 'late' }],
    ['-', { kind: 'attendance', attendance: 'present' }],
    ['6', null],
    ['0', null],
    ['4-', null],
    ['55', null],
    ['', null],
    ['о', null],
  ];
  test.each(cases)('%j', (text, expected) => {
    expect(parseEntry(text)).toEqual(expected);
  });

  test('normalize trims and lowers', () => {
    expect(normalize('  НА ')).toBe('на');
  });

  test('the refusal names what was typed', () => {
    expect(invalidEntryText('7')).toBe('«7»: отметки 1–5, н/а, осв; «н» — отсутствовал');
  });
});

describe('keyCommand', () => {
  const cases: [string, boolean, ReturnType<typeof keyCommand>][] = [
    ['ArrowUp', false, { kind: 'move', rows: -1, cols: 0 }],
    ['ArrowDown', false, { kind: 'move', rows: 1, cols: 0 }],
    ['ArrowLeft', false, { kind: 'move', rows: 0, cols: -1 }],
    ['ArrowRight', false, { kind: 'move', rows: 0, cols: 1 }],
    ['Escape', false, { kind: 'clear' }],
    ['Backspace', false, { kind: 'erase' }],
    ['Enter', false, { kind: 'commit' }],
    ['5', false, { kind: 'type', char: '5' }],
    ['н', false, { kind: 'type', char: 'н' }],
    ['Н', false, { kind: 'type', char: 'н' }],
    ['/', false, { kind: 'type', char: '/' }],
    ['-', false, { kind: 'type', char: '-' }],
    ['.', false, { kind: 'type', char: '.' }],
    // The Latin layout: «y» is «н», «jg» is «оп», «f» is «а», «,» is «б».
    ['y', false, { kind: 'type', char: 'н' }],
    ['Y', false, { kind: 'type', char: 'н' }],
    ['j', false, { kind: 'type', char: 'о' }],
    ['g', false, { kind: 'type', char: 'п' }],
    ['f', false, { kind: 'type', char: 'а' }],
    ['c', false, { kind: 'type', char: 'с' }],
    ['d', false, { kind: 'type', char: 'в' }],
    [',', false, { kind: 'type', char: 'б' }],
    // Latin keys with no meaning, other signs, shortcuts and named keys are the browser's.
    ['q', false, { kind: 'ignore' }],
    ['!', false, { kind: 'ignore' }],
    [' ', false, { kind: 'ignore' }],
    ['Tab', false, { kind: 'ignore' }],
    ['Shift', false, { kind: 'ignore' }],
    ['5', true, { kind: 'ignore' }],
    ['c', true, { kind: 'ignore' }],
  ];
  test.each(cases)('%j (ctrl %j)', (key, ctrl, expected) => {
    expect(keyCommand(key, ctrl)).toEqual(expected);
  });

  test('meta (⌘) is a shortcut too', () => {
    expect(keyCommand('v', false, true)).toEqual({ kind: 'ignore' });
  });

  test('typing «yf» on the Latin layout reads as «на», which is «н/а»', () => {
    const typed = ['y', 'f'].map((k) => keyCommand(k)).map((c) => (c.kind === 'type' ? c.char : '')).join('');
    expect(parseEntry(typed)).toEqual({ kind: 'mark', value: 'н/а' });
  });
});

describe('moveWithin', () => {
  test.each([
    [0, 1, 3, 1],
    [2, 1, 3, 2],
    [0, -1, 3, 0],
    [1, -1, 3, 0],
    [0, 1, 0, 0],
  ])('from %i by %i within %i is %i', (index, delta, size, expected) => {
    expect(moveWithin(index, delta, size)).toBe(expected);
  });
});

describe('startColumn', () => {
  const lessons = [{ date: '2026-11-16' }, { date: '2026-11-18' }, { date: '2026-11-20' }];
  test.each([
    ['2026-11-18', 1],
    ['2026-11-19', 1],
    ['2026-11-25', 2],
    ['2026-11-01', 0],
  ])('on %s the cursor starts on column %i', (today, expected) => {
    expect(startColumn(lessons, today)).toBe(expected);
  });
  test('no lessons: column 0', () => {
    expect(startColumn([], '2026-11-18')).toBe(0);
  });
});
