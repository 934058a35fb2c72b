// Runs code that must fail and returns the Spark error it raised, for assertions on error classes.
import type { SparkException } from 'rivulet';

export function errorOf(fn: () => unknown): SparkException {
  try {
    fn();
  } catch (e) {
    return e as SparkException;
  }
  throw new Error('expected an error');
}
