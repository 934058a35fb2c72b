// MemoryStream for tests (Spark's test source, not in PySpark): push rows with addData() and read
// them as a streaming DataFrame with toDF().
import type { DataType } from '../types/data-types';
import type { StructType } from '../types/struct-type';
import { MemoryStreamData } from '../connectors/memory/memory-stream-source';
import { StreamSession } from '../session/stream-session';
import { DataFrame } from '../api/data-frame';
import { attribute } from '../expressions/expression';
import { CaseInsensitiveMap } from '../util/case-insensitive-map';
import { IllegalArgumentException } from '../errors/illegal-argument-exception';

export class MemoryStream {
  private readonly data: MemoryStreamData;
  private readonly session: StreamSession;

  /** `new MemoryStream(IntegerType())` gives one `value` column; a StructType gives its columns. */
  constructor(schemaOrType: StructType | DataType, session?: StreamSession) {
    const s = session ?? StreamSession.getActiveSession();
    if (!s) throw new IllegalArgumentException('MemoryStream needs a session: create one with StreamSession.builder().getOrCreate() first.');
    this.session = s;
    this.data = new MemoryStreamData(schemaOrType);
  }

  /** Adds one batch worth of rows (values, arrays or objects keyed by column name); returns its offset. */
  addData(...rows: unknown[]): number {
    return this.data.addData(rows, this.session.conf.get('spark.sql.session.timeZone'));
  }

  toDF(): DataFrame {
    const output = this.data.schema.fields.map((f) => attribute(f.name, f.dataType, f.nullable));
    return new DataFrame(this.session, {
      kind: 'streamingRelation',
      source: { format: 'memory-stream', options: new CaseInsensitiveMap([['id', String(this.data.id)]]), schema: this.data.schema, keepAlive: this.data },
      output,
    });
  }
}
