// Sends a journal's writes kept in the browser (lib/outbox) in the order they were typed, and keeps
// what the page shows about them: cells saving, waiting for the connection or failed, and the writes
// the server refused when they finally arrived. Nothing is dropped silently: a write leaves the
// outbox only once the server has it, or once the teacher has seen why it was refused.
import { errorText, isUnreachable } from '../api/client';
import type { CellEntry } from './cell_input';
import type { OutboxWrite } from './outbox';

export type CellState = { state: 'saving' | 'waiting' | 'failed'; text: string };

/** What the page shows; the sync changes it in place (the page passes reactive state). */
export interface OutboxView {
  /** Not yet accepted, oldest first. */
  waiting: OutboxWrite[];
  /** Refused by the server on arrival, kept until dismissed. */
  refused: OutboxWrite[];
  /** By cellKey(student, lesson). */
  cells: Record<string, CellState>;
  /** The last attempt could not reach the server. */
  offline: boolean;
}

/** Where writes are kept: lib/outbox, or a fake in tests. */
export interface OutboxStore {
  put(write: OutboxWrite): Promise<void>;
  remove(clientId: string): Promise<void>;
  of(journalId: number): Promise<OutboxWrite[]>;
}

export const cellKey = (studentId: number, lessonId: number): string => `${studentId}:${lessonId}`;

export function emptyView(): OutboxView {
  return { waiting: [], refused: [], cells: {}, offline: false };
}

export interface WritePlace {
  journalId: number;
  lessonId: number;
  studentId: number;
  /** The work type a mark is given for. */
  workTypeId: number;
}

/** A new write of `entry` typed as `text`; the client id makes sending it twice harmless. */
export function newWrite(entry: CellEntry, text: string, place: WritePlace, clientId: string = crypto.randomUUID(), at = Date.now()): OutboxWrite {
  const base = { clientId, journalId: place.journalId, lessonId: place.lessonId, studentId: place.studentId, text, at, state: 'pending' as const };
  if (entry.kind === 'attendance') return { ...base, kind: 'attendance', attendance: entry.attendance };
  return { ...base, kind: 'mark', value: entry.value, workTypeId: place.workTypeId };
}

export class OutboxSync {
  private flushing = false;

  /**
   * `send` sends one write and applies the server's answer to the page; it throws what the API
   * client throws (ApiError).
   */
  constructor(
    readonly view: OutboxView,
    private readonly store: OutboxStore,
    private readonly send: (write: OutboxWrite) => Promise<void>,
  ) {}

  /** Takes up what this browser kept from an earlier visit to the journal, and sends it. */
  async restore(journalId: number): Promise<void> {
    const kept = await this.store.of(journalId);
    this.view.waiting = kept.filter((w) => w.state === 'pending');
    this.view.refused = kept.filter((w) => w.state === 'refused');
    for (const w of this.view.refused) this.view.cells[cellKey(w.studentId, w.lessonId)] = { state: 'failed', text: w.message ?? '' };
    await this.flush();
  }

  /** Keeps a new write in the browser first (a dropped connection or a closed tab loses nothing), then sends. */
  async commit(write: OutboxWrite): Promise<void> {
    await this.store.put(write);
    this.view.waiting.push(write);
    this.view.cells[cellKey(write.studentId, write.lessonId)] = { state: 'saving', text: write.text };
    await this.flush();
  }

  /** Shows a cell as failed without sending anything (what was typed is not a mark). */
  fail(studentId: number, lessonId: number, text: string): void {
    this.view.cells[cellKey(studentId, lessonId)] = { state: 'failed', text };
  }

  /**
   * Sends what waits, in the order it was typed; stops at the first write the server can't be
   * reached for, so that nothing overtakes it. One flush at a time: a call during one returns.
   */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    const view = this.view;
    try {
      while (view.waiting.length > 0) {
        const w = view.waiting[0];
        const k = cellKey(w.studentId, w.lessonId);
        view.cells[k] = { state: 'saving', text: w.text };
        try {
          await this.send(w);
          await this.store.remove(w.clientId);
          delete view.cells[k];
          view.offline = false;
        } catch (e) {
          if (isUnreachable(e)) {
            view.offline = true;
            for (const x of view.waiting) view.cells[cellKey(x.studentId, x.lessonId)] = { state: 'waiting', text: x.text };
            return;
          }
          // Refused on arrival: kept, with the reason, until the teacher has seen it.
          const message = errorText(e, '');
          await this.store.put({ ...w, state: 'refused', message });
          view.refused.push({ ...w, state: 'refused', message });
          view.cells[k] = { state: 'failed', text: message };
        }
        view.waiting.shift();
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The teacher has seen why the server refused `write`: it leaves the browser. */
  async dismiss(write: OutboxWrite): Promise<void> {
    await this.store.remove(write.clientId);
    this.view.refused = this.view.refused.filter((x) => x.clientId !== write.clientId);
    delete this.view.cells[cellKey(write.studentId, write.lessonId)];
  }

  /**
   * Sends again when the browser says it is online and every `everyMs` while something waits.
   * Returns the function that stops it.
   */
  retry(target: EventTarget, everyMs = 10000): () => void {
    const again = () => void this.flush();
    target.addEventListener('online', again);
    const timer = setInterval(() => {
      if (this.view.waiting.length > 0) void this.flush();
    }, everyMs);
    return () => {
      target.removeEventListener('online', again);
      clearInterval(timer);
    };
  }
}
