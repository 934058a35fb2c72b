// PySpark's PYTHON_DATA_SOURCE_ERROR: a failure inside the user's DataSource while Spark creates
// it, plans a read or a write ("Failed to <action> Python data source <type>: <msg>").
import { AnalysisException } from '../../errors/analysis-exception';
import { SparkException } from '../../errors/spark-exception';

export function pythonDataSourceError(action: string, type: string, cause: unknown): AnalysisException {
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new AnalysisException(`Failed to ${action} Python data source ${type}: ${msg}`, {
    errorClass: 'PYTHON_DATA_SOURCE_ERROR',
    sqlState: '38000',
    messageParameters: { action, type, msg },
    cause,
  });
}

/** Runs `f`, turning a user's error into PYTHON_DATA_SOURCE_ERROR (Spark's own errors pass). */
export function inDataSource<T>(action: string, type: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SparkException && e.errorClass === 'PYTHON_DATA_SOURCE_ERROR') throw e;
    throw pythonDataSourceError(action, type, e);
  }
}
