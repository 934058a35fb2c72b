// Waiting on a query keeps the process alive; a running query alone does not. The engine's trigger
// and polling timers are unref'd so that a script ending without awaiting its queries ends, as a
// PySpark script does (its end stops the SparkContext and the queries); whoever awaits
// termination, processAllAvailable or stop holds one ref'd handle until the wait settles.

let holders = 0;
let handle: NodeJS.Timeout | undefined;

/** `promise`, with the process held open until it settles. */
export function keepingProcessAlive<T>(promise: Promise<T>): Promise<T> {
  if (holders++ === 0) handle = setInterval(() => undefined, 1 << 30);
  const release = (): void => {
    if (--holders === 0 && handle) {
      clearInterval(handle);
      handle = undefined;
    }
  };
  return promise.finally(release);
}
