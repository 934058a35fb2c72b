// PySpark methods Rivulet does not have answer with PySpark's PySparkNotImplementedError
// (`[NOT_IMPLEMENTED] DataFrame.toPandas is not implemented.`) instead of JavaScript's
// "x is not a function". Two kinds (docs/guides/pyspark-api-coverage.md lists both): methods that
// cannot exist in an embedded JavaScript engine (pandas, Arrow, Python UDTFs, JVM artifacts) and
// methods not built yet. They are runtime stubs only: TypeScript code does not see them.
import { PySparkNotImplementedError } from '../errors/illegal-argument-exception';

/** Defines each missing method on `proto` as a stub raising NOT_IMPLEMENTED for `Class.method`. */
export function refuseMissingMethods(proto: object, className: string, names: readonly string[]): void {
  for (const name of names) {
    if (name in proto) continue;
    Object.defineProperty(proto, name, {
      value: function notImplemented(): never {
        throw new PySparkNotImplementedError('NOT_IMPLEMENTED', `${className}.${name} is not implemented.`, { feature: `${className}.${name}` });
      },
      writable: true,
      configurable: true,
    });
  }
}

/** What PySpark 4.2 has and Rivulet does not, per class (the coverage guide's lists). */
export const MISSING_METHODS = {
  DataFrame: [
    // pandas / Arrow / Python-only
    'toPandas', 'toArrow', 'mapInPandas', 'mapInArrow', 'pandas_api', 'plot',
    // not built yet
    'asTable', 'executionInfo',
    'inputFiles', 'lateralJoin', 'mergeInto', 'metadataColumn', 'nearestByJoin',
    'repartitionById', 'sameSemantics', 'semanticHash',
    'withMetadata', 'writeTo', 'zipWithIndex',
  ],
  GroupedData: ['apply', 'applyInArrow', 'applyInPandas', 'cogroup'],
  Column: ['outer'],
  DataFrameStatFunctions: [],
  DataFrameReader: ['changes', 'jdbc', 'orc', 'xml'],
  DataStreamReader: ['changes', 'orc', 'xml'],
  DataFrameWriter: ['bucketBy', 'jdbc', 'orc', 'sortBy', 'xml'],
  SparkSession: [
    'addArtifact', 'addArtifacts', 'addTag', 'clearProgressHandlers', 'clearTags', 'client', 'copyFromLocalToFs', 'dataSource',
    'getTags', 'interruptAll', 'interruptOperation', 'interruptTag', 'newSession', 'profile', 'registerProgressHandler',
    'removeProgressHandler', 'removeTag', 'tvf', 'udtf',
  ],
  Catalog: [
    'analyzeTable', 'cacheTable', 'createDatabase', 'createExternalTable', 'createTable', 'dropDatabase', 'dropTable', 'dropView',
    'functionExists', 'getCreateTableString', 'getDatabase', 'getFunction', 'getTableProperties', 'listFunctions', 'listPartitions',
    'listViews', 'recoverPartitions', 'refreshByPath', 'registerFunction', 'setCurrentCatalog', 'truncateTable', 'uncacheTable',
  ],
} as const;
