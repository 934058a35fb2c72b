// spark.conf: string-valued settings with Spark's defaults for the keys the engine reads.
import { SparkException } from '../errors/spark-exception';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';
import { checkStr } from '../api/argument-checks';

export const DEFAULTS: Record<string, string> = {
  'spark.sql.shuffle.partitions': '200',
  'spark.sql.ansi.enabled': 'true',
  'spark.sql.caseSensitive': 'false',
  'spark.sql.sources.default': 'parquet',
  'spark.sql.streaming.numRecentProgressUpdates': '100',
  'spark.app.name': 'rivulet',
  'spark.master': 'local[*]',
};

// The machine's time zone, asked of Intl on first read: starting ICU costs about 12 ms, which
// `import 'rivulet'` should not pay before a session exists.
let localTimeZone: string | undefined;
Object.defineProperty(DEFAULTS, 'spark.sql.session.timeZone', {
  enumerable: true,
  get: () => (localTimeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
});
/** SQLConf's checkValue for the keys Rivulet validates: key -> (valid?, Spark's requirement text). */
const CHECKS: Record<string, [(v: string) => boolean, string]> = {
  'spark.sql.streaming.multipleWatermarkPolicy': [(v) => v.toLowerCase() === 'min' || v.toLowerCase() === 'max', "Invalid value for 'spark.sql.streaming.multipleWatermarkPolicy'. Valid values are 'min' and 'max'"],
};

export class RuntimeConfig {
  /** `console.log` / `util.inspect` show PySpark's repr, never engine internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '<pyspark.sql.conf.RuntimeConfig object>';
  }

  private readonly values = new Map<string, string>();

  constructor(private readonly initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  set(key: string, value: string | number | boolean): void {
    checkStr(key, 'key');
    const check = CHECKS[key];
    if (check && !check[0](String(value))) {
      throw new IllegalArgumentException(`The value '${String(value)}' in the config "${key}" is invalid. ${check[1]}`, {
        errorClass: 'INVALID_CONF_VALUE.REQUIREMENT',
        sqlState: '22022',
        messageParameters: { confValue: String(value), confName: key, confRequirement: check[1] },
      });
    }
    this.values.set(key, typeof value === 'boolean' ? String(value) : String(value));
  }

  get(key: string): string;
  get(key: string, defaultValue: string | null): string | null;
  get(key: string, defaultValue?: string | null): string | null {
    checkStr(key, 'key');
    if (defaultValue !== undefined && defaultValue !== null) checkStr(defaultValue, 'default');
    const v = this.values.get(key) ?? DEFAULTS[key];
    if (v !== undefined) return v;
    if (defaultValue !== undefined) return defaultValue;
    throw new SparkException(`The SQL config "${key}" cannot be found. Please verify that the config exists.`, {
      errorClass: 'SQL_CONF_NOT_FOUND',
      sqlState: '42K0I',
      messageParameters: { sqlConf: `"${key}"` },
    });
  }

  /** The value if set or defaulted, else undefined (engine-internal lookups). */
  getOption(key: string): string | undefined {
    return this.values.get(key) ?? DEFAULTS[key];
  }

  unset(key: string): void {
    checkStr(key, 'key');
    this.values.delete(key);
  }

  /** SQL's RESET: back to the values the session started with. */
  reset(): void {
    this.values.clear();
    for (const [k, v] of Object.entries(this.initial)) this.values.set(k, v);
  }

  isModifiable(key: string): boolean {
    checkStr(key, 'key');
    return key.startsWith('spark.sql.');
  }

  getAll(): Record<string, string> {
    return { ...DEFAULTS, ...Object.fromEntries(this.values) };
  }
}
