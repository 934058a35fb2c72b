// The table part of a session-catalog name: `t`, `default.t` or `spark_catalog.default.t` (the
// only schema Rivulet's catalog has), else Spark's SCHEMA_NOT_FOUND. Its own module so the
// catalog API can use it without loading the SQL analyzer at `import 'rivulet'`.
import { AnalysisException } from '../errors/analysis-exception';

export function tableName(nameParts: string[]): string {
  const prefix = nameParts.slice(0, -1).map((p) => p.toLowerCase());
  const ok = prefix.length === 0 || (prefix.length === 1 && prefix[0] === 'default') || (prefix.length === 2 && prefix[0] === 'spark_catalog' && prefix[1] === 'default');
  if (!ok) {
    throw new AnalysisException(`The schema \`${nameParts.slice(0, -1).join('.')}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`, {
      errorClass: 'SCHEMA_NOT_FOUND',
      sqlState: '42704',
      messageParameters: { schemaName: `\`${nameParts.slice(0, -1).join('`.`')}\`` },
    });
  }
  return nameParts[nameParts.length - 1];
}
