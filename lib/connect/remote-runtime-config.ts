// spark.conf in remote mode: the server session's configuration (ConfigRequest). Rivulet's own
// client-side keys (`rivulet.*`, e.g. rivulet.values.longAsBigInt) stay in the client.
import type { ConnectClient } from './connect-client';
import { SparkException } from '../errors/spark-exception';

const NO_DEFAULT = Symbol('no default');

export class RemoteRuntimeConfig {
  private readonly local = new Map<string, string>();

  constructor(private readonly client: ConnectClient) {}

  set(key: string, value: string | number | boolean): void {
    if (key.startsWith('rivulet.')) {
      this.local.set(key, String(value));
      return;
    }
    this.client.config({ opType: { case: 'set', value: { pairs: [{ key, value: String(value) }] } } });
  }

  get(key: string): string;
  get(key: string, defaultValue: string | null): string | null;
  get(key: string, defaultValue: string | null | typeof NO_DEFAULT = NO_DEFAULT): string | null {
    if (key.startsWith('rivulet.')) {
      const v = this.local.get(key);
      if (v !== undefined) return v;
      if (defaultValue !== NO_DEFAULT) return defaultValue;
      throw new SparkException(`The SQL config "${key}" cannot be found. Please verify that the config exists.`, { errorClass: 'SQL_CONF_NOT_FOUND', sqlState: '42K0I', messageParameters: { sqlConf: `"${key}"` } });
    }
    if (defaultValue === NO_DEFAULT) {
      const r = this.client.config({ opType: { case: 'get', value: { keys: [key] } } });
      return r.pairs[0]?.value ?? null;
    }
    const r = this.client.config({ opType: { case: 'getWithDefault', value: { pairs: [{ key, ...(defaultValue === null ? {} : { value: defaultValue }) }] } } });
    return r.pairs[0]?.value ?? null;
  }

  getOption(key: string): string | null {
    if (key.startsWith('rivulet.')) return this.local.get(key) ?? null;
    const r = this.client.config({ opType: { case: 'getOption', value: { keys: [key] } } });
    return r.pairs[0]?.value ?? null;
  }

  unset(key: string): void {
    if (key.startsWith('rivulet.')) {
      this.local.delete(key);
      return;
    }
    this.client.config({ opType: { case: 'unset', value: { keys: [key] } } });
  }

  isModifiable(key: string): boolean {
    if (key.startsWith('rivulet.')) return true;
    const r = this.client.config({ opType: { case: 'isModifiable', value: { keys: [key] } } });
    return r.pairs[0]?.value === 'true';
  }

  getAll(): Record<string, string> {
    const r = this.client.config({ opType: { case: 'getAll', value: {} } });
    const out: Record<string, string> = {};
    for (const p of r.pairs) out[p.key] = p.value ?? '';
    for (const [k, v] of this.local) out[k] = v;
    return out;
  }
}
