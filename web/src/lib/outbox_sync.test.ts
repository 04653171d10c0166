import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { OutboxWrite } from './outbox';
import { cellKey, emptyView, newWrite, OutboxSync, type OutboxStore } from './outbox_sync';

/** The browser's store, in memory. */
function memoryStore(kept: OutboxWrite[] = []): OutboxStore & { all: Map<string, OutboxWrite> } {
  const all = new Map(kept.map((w) => [w.clientId, w]));
  return {
    all,
    put: async (w) => void all.set(w.clientId, { ...w }),
    remove: async (id) => void all.delete(id),
    of: async (journalId) => [...all.values()].filter((w) => w.journalId === journalId).sort((a, b) => a.at - b.at),
  };
}

const place = { journalId: 7, lessonId: 100, workTypeId: 3 };
function mark(studentId: number, value: string, at: number): OutboxWrite {
  return newWrite({ kind: 'mark', value }, value, { ...place, studentId }, `c${at}`, at);
}

const unreachable = new ApiError(0, 'network.unavailable', 'Нет связи с сервером.');
const serverFailed = new ApiError(503, 'server.busy', 'Сервер занят.');
const refusal = new ApiError(409, 'lesson.cancelled', 'Урок отменён.');

describe('newWrite', () => {
  test('a mark carries its value and the work type', () => {
    expect(newWrite({ kind: 'mark', value: '5' }, '5', { ...place, studentId: 1 }, 'id', 10)).toEqual({
      clientId: 'id',
      journalId: 7,
      lessonId: 100,
      studentId: 1,
      text: '5',
      at: 10,
      state: 'pending',
      kind: 'mark',
      value: '5',
      workTypeId: 3,
    });
  });
  test('an absence carries no work type', () => {
    const w = newWrite({ kind: 'attendance', attendance: 'absent' }, 'н', { ...place, studentId: 1 }, 'id', 10);
    expect(w.kind).toBe('attendance');
    expect(w.attendance).toBe('absent');
    expect(w.workTypeId).toBeUndefined();
  });
});

describe('OutboxSync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a write accepted by the server leaves the outbox and its cell', async () => {
    const store = memoryStore();
    const sent: string[] = [];
    const sync = new OutboxSync(emptyView(), store, async (w) => void sent.push(w.clientId));
    await sync.commit(mark(1, '5', 1));
    expect(sent).toEqual(['c1']);
    expect(store.all.size).toBe(0);
    expect(sync.view).toEqual(emptyView());
  });

  test('the write is kept before it is sent, and the cell shows it saving meanwhile', async () => {
    const store = memoryStore();
    const view = emptyView();
    const seen: unknown[] = [];
    const sync = new OutboxSync(view, store, async (w) => {
      seen.push([store.all.has(w.clientId), view.cells[cellKey(1, 100)]]);
    });
    await sync.commit(mark(1, '5', 1));
    expect(seen).toEqual([[true, { state: 'saving', text: '5' }]]);
  });

  test.each([
    ['no connection', unreachable],
    ['a server failure', serverFailed],
    ['a non-API error', new TypeError('failed to fetch')],
  ])('on %s every write waits, in order, and nothing overtakes', async (_, failure) => {
    const store = memoryStore();
    let online = false;
    const sent: string[] = [];
    const sync = new OutboxSync(emptyView(), store, async (w) => {
      if (!online) throw failure;
      sent.push(w.clientId);
    });
    await sync.commit(mark(1, '4', 1));
    await sync.commit(mark(2, '5', 2));
    expect(sync.view.offline).toBe(true);
    expect(sync.view.waiting.map((w) => w.clientId)).toEqual(['c1', 'c2']);
    expect(sync.view.cells).toEqual({ [cellKey(1, 100)]: { state: 'waiting', text: '4' }, [cellKey(2, 100)]: { state: 'waiting', text: '5' } });
    expect([...store.all.keys()]).toEqual(['c1', 'c2']);

    online = true;
    await sync.flush();
    expect(sent).toEqual(['c1', 'c2']);
    expect(sync.view).toEqual(emptyView());
    expect(store.all.size).toBe(0);
  });

  test('a write refused on arrival is kept with the reason until dismissed; the next ones go on', async () => {
    const store = memoryStore();
    const sent: string[] = [];
    const sync = new OutboxSync(emptyView(), store, async (w) => {
      if (w.studentId === 1) throw refusal;
      sent.push(w.clientId);
    });
    await sync.commit(mark(1, '3', 1));
    await sync.commit(mark(2, '5', 2));
    expect(sent).toEqual(['c2']);
    expect(sync.view.offline).toBe(false);
    expect(sync.view.waiting).toEqual([]);
    expect(sync.view.refused.map((w) => [w.clientId, w.state, w.message])).toEqual([['c1', 'refused', 'Урок отменён.']]);
    expect(sync.view.cells).toEqual({ [cellKey(1, 100)]: { state: 'failed', text: 'Урок отменён.' } });
    expect(store.all.get('c1')?.state).toBe('refused');

    await sync.dismiss(sync.view.refused[0]);
    expect(sync.view.refused).toEqual([]);
    expect(sync.view.cells).toEqual({});
    expect(store.all.size).toBe(0);
  });

  test('restore takes up what an earlier visit kept: refused shown, pending sent', async () => {
    const refused = { ...mark(1, '2', 1), state: 'refused' as const, message: 'Ученик выбыл.' };
    const pending = mark(2, '4', 2);
    const other = { ...mark(3, '5', 3), journalId: 8 };
    const store = memoryStore([pending, refused, other]);
    const sent: string[] = [];
    const sync = new OutboxSync(emptyView(), store, async (w) => void sent.push(w.clientId));
    await sync.restore(7);
    expect(sent).toEqual(['c2']);
    expect(sync.view.refused.map((w) => w.clientId)).toEqual(['c1']);
    expect(sync.view.cells).toEqual({ [cellKey(1, 100)]: { state: 'failed', text: 'Ученик выбыл.' } });
    expect([...store.all.keys()].sort()).toEqual(['c1', 'c3']);
  });

  test('one flush at a time: a write typed during a flush is sent by it, once', async () => {
    const store = memoryStore();
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sync = new OutboxSync(emptyView(), store, async (w) => {
      if (w.clientId === 'c1') await gate;
      sent.push(w.clientId);
    });
    const first = sync.commit(mark(1, '5', 1));
    await vi.waitFor(() => expect(sync.view.cells[cellKey(1, 100)]?.state).toBe('saving'));
    const second = sync.commit(mark(2, '4', 2));
    await second;
    release();
    await first;
    expect(sent).toEqual(['c1', 'c2']);
  });

  test('fail shows a cell as failed without sending', () => {
    const sync = new OutboxSync(emptyView(), memoryStore(), async () => {
      throw new Error('must not send');
    });
    sync.fail(1, 100, '«7»: не отметка');
    expect(sync.view.cells).toEqual({ [cellKey(1, 100)]: { state: 'failed', text: '«7»: не отметка' } });
  });

  test('retry sends again when the browser is online and on a timer while something waits', async () => {
    vi.useFakeTimers();
    const store = memoryStore();
    let attempts = 0;
    let online = false;
    const sync = new OutboxSync(emptyView(), store, async () => {
      attempts += 1;
      if (!online) throw unreachable;
    });
    const target = new EventTarget();
    const stop = sync.retry(target, 1000);
    await sync.commit(mark(1, '5', 1));
    expect(attempts).toBe(1);

    target.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(attempts).toBe(2));

    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toBe(3);

    online = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toBe(4);
    expect(sync.view.waiting).toEqual([]);

    // Nothing waits: the timer sends nothing.
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(4);

    stop();
    await sync.commit(mark(2, '4', 2));
    target.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(5);
  });
});
