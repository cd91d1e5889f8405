/** Calls `fn` at most once per `intervalMs`: at once when idle, else once at the end of the window. */
export interface Throttled {
  (): void;
  /** Run a pending call now. */
  flush(): void;
  cancel(): void;
}

export function throttle(
  fn: () => void,
  intervalMs: number,
  now: () => number = () => performance.now(),
): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    timer = null;
    last = now();
    fn();
  };

  const throttled = (() => {
    if (timer !== null) return;
    const wait = last + intervalMs - now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  }) as Throttled;

  throttled.flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    run();
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
