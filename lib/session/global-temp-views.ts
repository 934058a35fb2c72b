// Global temporary views (`df.createGlobalTempView`, `CREATE GLOBAL TEMPORARY VIEW`): shared by
// every session of the process, as Spark shares them across the sessions of an application, and
// read only through the `global_temp` database (spark.sql.globalTempDatabase): `global_temp.v`.
// They live until dropped or until a session stops (Spark drops them with the application).
import type { LogicalPlan } from '../plans/logical-plan';

const views = new Map<string, LogicalPlan>();

/** Spark's spark.sql.globalTempDatabase (a static conf). */
export const GLOBAL_TEMP_DATABASE = 'global_temp';

export const globalTempViews = {
  get(name: string): LogicalPlan | undefined {
    return views.get(name.toLowerCase());
  },
  set(name: string, plan: LogicalPlan): void {
    views.set(name.toLowerCase(), plan);
  },
  delete(name: string): boolean {
    return views.delete(name.toLowerCase());
  },
  names(): string[] {
    return [...views.keys()];
  },
  clear(): void {
    views.clear();
  },
};
