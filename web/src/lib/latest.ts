// Loads that follow what the user picked (a week, a class, a date, a tab): only the newest one is
// applied. Starting a load aborts the request of the one before it, and an answer that still
// arrives for an older load is dropped, so a slow old answer never overwrites a newer one.
//
// In a component:
//   const lessons = latest();
//   $effect(() => {
//     void lessons.run((signal) => myTimetable(monday, sunday, signal), (v) => (shown = v), (e) => ...);
//     return lessons.cancel;
//   });
// `load` is called at once (before `run` first awaits), so what it reads is tracked by the effect.

export interface Latest {
  /**
   * Starts `load` with a signal for its requests, aborting the load before. `apply` gets the value,
   * or `fail` the error, only if this is still the newest load and it was not cancelled.
   * Resolves once the load has settled; never rejects for a dropped load.
   */
  run<T>(load: (signal: AbortSignal) => Promise<T>, apply: (value: T) => void, fail: (error: unknown) => void): Promise<void>;
  /** Aborts the load under way and drops its answer (an effect's cleanup). */
  cancel(): void;
}

export function latest(): Latest {
  let sequence = 0;
  let controller: AbortController | null = null;
  return {
    async run<T>(load: (signal: AbortSignal) => Promise<T>, apply: (value: T) => void, fail: (error: unknown) => void) {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      const number = ++sequence;
      const newest = () => number === sequence && !mine.signal.aborted;
      let value: T;
      try {
        value = await load(mine.signal);
      } catch (error) {
        if (newest()) fail(error);
        return;
      } finally {
        if (controller === mine) controller = null;
      }
      if (newest()) apply(value);
    },
    cancel() {
      sequence += 1;
      controller?.abort();
      controller = null;
    },
  };
}
