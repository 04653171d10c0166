import { describe, expect, test } from 'vitest';
import { latest } from './latest';

/** A load whose answer the test gives when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('latest', () => {
  test('an older answer arriving after a newer one is dropped', async () => {
    const loads = latest();
    const applied: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const a = loads.run(() => first.promise, (v) => applied.push(v), () => applied.push('failed'));
    const b = loads.run(() => second.promise, (v) => applied.push(v), () => applied.push('failed'));
    second.resolve('new');
    await b;
    first.resolve('old');
    await a;
    expect(applied).toEqual(['new']);
  });

  test('starting a load aborts the request of the one before', () => {
    const loads = latest();
    const signals: AbortSignal[] = [];
    const never = () => new Promise<never>(() => undefined);
    void loads.run((s) => (signals.push(s), never()), () => undefined, () => undefined);
    void loads.run((s) => (signals.push(s), never()), () => undefined, () => undefined);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
  });

  test('the load is started at once, before run awaits anything', () => {
    const loads = latest();
    let started = false;
    void loads.run(async () => {
      started = true;
    }, () => undefined, () => undefined);
    expect(started).toBe(true);
  });

  test('the failure of the newest load is reported; that of an older one is not', async () => {
    const loads = latest();
    const failures: unknown[] = [];
    const first = deferred<number>();
    const a = loads.run(() => first.promise, () => undefined, (e) => failures.push(e));
    const b = loads.run(() => Promise.reject(new Error('newest')), () => undefined, (e) => failures.push(e));
    first.reject(new Error('aborted'));
    await Promise.all([a, b]);
    expect(failures).toEqual([new Error('newest')]);
  });

  test('cancel aborts the load under way and drops its answer', async () => {
    const loads = latest();
    const applied: number[] = [];
    const pending = deferred<number>();
    let signal: AbortSignal | undefined;
    const run = loads.run((s) => ((signal = s), pending.promise), (v) => applied.push(v), () => applied.push(-1));
    loads.cancel();
    expect(signal?.aborted).toBe(true);
    pending.resolve(1);
    await run;
    expect(applied).toEqual([]);
  });

  test('loads one after another are all applied', async () => {
    const loads = latest();
    const applied: number[] = [];
    await loads.run(async () => 1, (v) => applied.push(v), () => undefined);
    await loads.run(async () => 2, (v) => applied.push(v), () => undefined);
    expect(applied).toEqual([1, 2]);
  });
});
