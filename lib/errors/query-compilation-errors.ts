// Analysis-time errors, built in one place with Spark's error classes, SQLSTATEs and texts.
import { AnalysisException } from './analysis-exception';

const DOC_ROOT = 'https://spark.apache.org/docs/latest';

export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

export function quoteNameParts(parts: readonly string[]): string {
  return parts.map(quoteIdentifier).join('.');
}

export function unresolvedColumnError(nameParts: readonly string[], candidates: readonly string[]): AnalysisException {
  const objectName = quoteNameParts(nameParts);
  if (candidates.length === 0) {
    return new AnalysisException(`A column, variable, or function parameter with name ${objectName} cannot be resolved.`, {
      errorClass: 'UNRESOLVED_COLUMN.WITHOUT_SUGGESTION',
      sqlState: '42703',
      messageParameters: { objectName },
    });
  }
  const proposal = candidates.join(', ');
  return new AnalysisException(
    `A column, variable, or function parameter with name ${objectName} cannot be resolved. Did you mean one of the following? [${proposal}].`,
    { errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION', sqlState: '42703', messageParameters: { objectName, proposal } },
  );
}

export function ambiguousReferenceError(name: string, referenceNames: readonly string[]): AnalysisException {
  const refs = `[${referenceNames.join(', ')}]`;
  return new AnalysisException(`Reference ${name} is ambiguous, could be: ${refs}.`, {
    errorClass: 'AMBIGUOUS_REFERENCE',
    sqlState: '42704',
    messageParameters: { name, referenceNames: refs },
  });
}

export function unresolvedRoutineError(name: string): AnalysisException {
  const routineName = quoteIdentifier(name);
  const searchPath = '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]';
  return new AnalysisException(`Cannot resolve routine ${routineName} on search path ${searchPath}.`, {
    errorClass: 'UNRESOLVED_ROUTINE',
    sqlState: '42883',
    messageParameters: { routineName, searchPath },
  });
}

export function wrongNumArgsError(functionName: string, expectedNum: string, actualNum: number): AnalysisException {
  const fn = quoteIdentifier(functionName);
  return new AnalysisException(
    `The ${fn} requires ${expectedNum} parameters but the actual number is ${actualNum}. Please, refer to '${DOC_ROOT}/sql-ref-functions.html' for a fix.`,
    {
      errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
      sqlState: '42605',
      messageParameters: { functionName: fn, expectedNum, actualNum: String(actualNum), docroot: DOC_ROOT },
    },
  );
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export function ordinalWord(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

export function unexpectedInputTypeError(
  sqlExpr: string,
  paramIndex: number,
  requiredType: string,
  inputSql: string,
  inputType: string,
): AnalysisException {
  const params = {
    inputSql: `"${inputSql}"`,
    inputType: `"${inputType}"`,
    paramIndex: ordinalWord(paramIndex),
    requiredType,
    sqlExpr: `"${sqlExpr}"`,
  };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: The ${params.paramIndex} parameter requires the ${requiredType} type, however ${params.inputSql} has the type ${params.inputType}.`,
    { errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', sqlState: '42K09', messageParameters: params },
  );
}

export function binaryOpDiffTypesError(sqlExpr: string, left: string, right: string): AnalysisException {
  const params = { left: `"${left}"`, right: `"${right}"`, sqlExpr: `"${sqlExpr}"` };
  return new AnalysisException(
    `Cannot resolve ${params.sqlExpr} due to data type mismatch: the left and right operands of the binary operator have incompatible types (${params.left} and ${params.right}).`,
    { errorClass: 'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES', sqlState: '42K09', messageParameters: params },
  );
}

export function missingAggregationError(expression: string, expressionAnyValue: string): AnalysisException {
  const params = { expression: `"${expression}"`, expressionAnyValue: `"${expressionAnyValue}"` };
  return new AnalysisException(
    `The non-aggregating expression ${params.expression} is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use ${params.expressionAnyValue} if you do not care which of the values within a group is returned.`,
    { errorClass: 'MISSING_AGGREGATION', sqlState: '42803', messageParameters: params },
  );
}

export function nestedAggregateError(_sqlExpr: string): AnalysisException {
  return new AnalysisException(
    `It is not allowed to use an aggregate function in the argument of another aggregate function. Please use the inner aggregate function in a sub-query.`,
    { errorClass: 'NESTED_AGGREGATE_FUNCTION', sqlState: '42607' },
  );
}

export function generatorNotExpectedError(name: string): AnalysisException {
  const params = { functionName: quoteIdentifier(name), classCanonicalName: name };
  return new AnalysisException(
    `The generator is not supported: outside the SELECT clause, found: ${quoteIdentifier(name)}.`,
    { errorClass: 'UNSUPPORTED_GENERATOR.OUTSIDE_SELECT', sqlState: '42K0E', messageParameters: params },
  );
}

export function multipleGeneratorsError(names: string[]): AnalysisException {
  const generators = names.map((n) => `"${n}"`).join(', ');
  return new AnalysisException(
    `The generator is not supported: only one generator allowed per SELECT clause but found ${names.length}: ${generators}.`,
    { errorClass: 'UNSUPPORTED_GENERATOR.MULTI_GENERATOR', sqlState: '42K0E', messageParameters: { num: String(names.length), generators } },
  );
}

/** Spark 4.2's resolution search path for an unqualified relation name. */
const DEFAULT_SEARCH_PATH = '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]';

/** TEMP_TABLE_OR_VIEW_ALREADY_EXISTS: createTempView, createGlobalTempView, CREATE [GLOBAL] TEMP VIEW. */
export function tempViewAlreadyExistsError(name: string): AnalysisException {
  return new AnalysisException(`Cannot create the temporary view \`${name}\` because it already exists.\nChoose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views.`, {
    errorClass: 'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS',
    sqlState: '42P07',
    messageParameters: { relationName: `\`${name}\`` },
  });
}

export function tableOrViewNotFoundError(relationName: string): AnalysisException {
  return new AnalysisException(
    `The table or view ${relationName} cannot be found. Verify the spelling and correctness of the schema and catalog.\nSearch path: ${DEFAULT_SEARCH_PATH}.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.`,
    { errorClass: 'TABLE_OR_VIEW_NOT_FOUND', sqlState: '42P01', messageParameters: { relationName, searchPath: DEFAULT_SEARCH_PATH } },
  );
}

/** A file format found no files (or nothing) to infer a schema from. */
export function unableToInferSchemaError(format: string): AnalysisException {
  return new AnalysisException(`Unable to infer schema for ${format}. It must be specified manually.`, {
    errorClass: 'UNABLE_TO_INFER_SCHEMA',
    sqlState: '42KD9',
    messageParameters: { format },
  });
}
