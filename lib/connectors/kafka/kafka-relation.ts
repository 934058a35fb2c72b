// Spark's KafkaSourceProvider.createRelation for `spark.read.format('kafka').load()`: the options
// are checked at load (Spark's texts), the schema is Kafka's fixed one, and the records are read
// when the plan executes (KafkaRelation.buildScan), each time it executes, through the Kafka
// worker thread so the batch API stays synchronous.
import { AnalysisException } from '../../errors/analysis-exception';
import type { StructType } from '../../types/struct-type';
import type { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { kafkaBatchBridge } from './kafka-batch-bridge';
import { validateBatchOptions } from './kafka-batch-options';
import { kafkaClientConfig, parseBoolean } from './kafka-options';
import { kafkaSchema } from './kafka-source';

export interface KafkaBatchRelation {
  schema: StructType;
  /** Reads the rows now (blocking until the worker has them). */
  read: () => unknown[][];
}

export function kafkaBatchRelation(options: CaseInsensitiveMap, userSchema: StructType | undefined): KafkaBatchRelation {
  validateBatchOptions(options);
  // Option errors of the client configuration (security protocol, SASL, SSL) at load, as Spark's.
  kafkaClientConfig(options);
  const schema = kafkaSchema(parseBoolean('includeHeaders', options.get('includeHeaders'), false));
  if (userSchema !== undefined && !sameSchema(userSchema, schema)) {
    const user = userSchema.fields.map((f) => f.toDDL()).join(',');
    const actual = schema.fields.map((f) => f.toDDL()).join(',');
    throw new AnalysisException(
      `The user-specified schema doesn't match the actual schema:\nuser-specified: ${user}, actual: ${actual}. If you're using\nDataFrameReader.schema API or creating a table, please do not specify the schema.\nOr if you're scanning an existed table, please drop it and re-create it.`,
      { errorClass: 'USER_SPECIFIED_AND_ACTUAL_SCHEMA_MISMATCH', sqlState: '42K03', messageParameters: { schema: user, actualSchema: actual } },
    );
  }
  const request = { options: [...options.entries()] as [string, string][] };
  return { schema, read: () => kafkaBatchBridge().read(request) };
}

function sameSchema(a: StructType, b: StructType): boolean {
  return a.fields.length === b.fields.length && a.fields.every((f, i) => f.toDDL() === b.fields[i].toDDL());
}
