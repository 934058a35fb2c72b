// from_csv, to_csv and schema_of_csv (Spark's CsvToStructs, StructsToCsv, SchemaOfCsv). They read
// and write a record exactly as the CSV file format does (same options, tokenizer, converters,
// inference and writer), so they live next to it and join the session's function registry from
// here (the registry is the one users extend).
import { AnalysisException } from '../../errors/analysis-exception';
import { DataTypes, type DataType } from '../../types/data-types';
import { StructField, StructType } from '../../types/struct-type';
import { CaseInsensitiveMap } from '../../util/case-insensitive-map';
import { unexpectedInputTypeError } from '../../errors/query-compilation-errors';
import type { FunctionDefinition, ScalarFunction } from '../../expressions/function-definition';
import type { FunctionRegistry } from '../../expressions/function-registry';
import type { Literal } from '../../expressions/expression';
import { isNullable } from '../../expressions/expression';
import { prettySql } from '../../expressions/expression-sql';
import { isString, typeSql } from '../../expressions/type-utils';
import { checkArity } from '../../expressions/functions/check-args';
import {
  evalConstant,
  isFoldable,
  mismatch,
  optionsArg,
  optionsLiteral,
  optionsOf,
  parseSchemaText,
  requireStringArg,
  sqlOf,
} from '../../expressions/functions/json-functions';
import { malformedRecordError } from '../../types/parse-options';
import { compileCsvTokenConverter, csvOptions, inferCsvField } from './csv-format';
import { tokenizeLine } from './csv-tokenizer';
import { compileCsvLineWriter } from './csv-writer';
import { BadRecordError, FailureSafeParser } from './record-parsing';

const DEFAULT_CORRUPT_COLUMN = '_corrupt_record';

function literal(value: unknown, dataType: DataType): Literal {
  return { kind: 'literal', value, dataType };
}

function fileOptions(options: CaseInsensitiveMap, timeZone: string): Parameters<typeof csvOptions>[0] {
  return { options, sessionTimeZone: timeZone, columnNameOfCorruptRecord: DEFAULT_CORRUPT_COLUMN, caseSensitive: false };
}

/** Spark's ExprUtils.evalSchemaExpr for CSV: a foldable string holding a struct schema. */
function structSchemaArg(e: Parameters<typeof isFoldable>[0]): StructType {
  if (isFoldable(e) && (isString(e.dataType) || e.dataType.typeName() === 'void')) {
    const v = evalConstant(e);
    if (typeof v === 'string') {
      const t = parseSchemaText(v);
      if (t instanceof StructType) return t;
      const params = { inputSchema: `"${v}"`, dataType: `"${typeSql(t)}"` };
      throw new AnalysisException(`The input schema ${params.inputSchema} is not a valid schema string. The input expression should be evaluated to struct type, but got ${params.dataType}.`, {
        errorClass: 'INVALID_SCHEMA.NON_STRUCT_TYPE',
        sqlState: '42K07',
        messageParameters: params,
      });
    }
  }
  const inputSchema = `"${prettySql(e)}"`;
  throw new AnalysisException(`The input schema ${inputSchema} is not a valid schema string. The input expression must be string literal and not null.`, {
    errorClass: 'INVALID_SCHEMA.NON_STRING_LITERAL',
    sqlState: '42K07',
    messageParameters: { inputSchema },
  });
}

function parseModeUnsupported(mode: string): AnalysisException {
  const params = { funcName: '`from_csv`', mode };
  return new AnalysisException(`The function ${params.funcName} doesn't support the ${mode} mode. Acceptable modes are PERMISSIVE and FAILFAST.`, {
    errorClass: 'PARSE_MODE_UNSUPPORTED',
    sqlState: '42601',
    messageParameters: params,
  });
}

/** How Spark prints the failed InternalRow in the FAILFAST message: `[1,null]`. */
function rowText(row: readonly unknown[] | undefined): string {
  return `[${(row ?? []).map((v) => (v === null || v === undefined ? 'null' : String(v))).join(',')}]`;
}

function withoutHeader(options: CaseInsensitiveMap): CaseInsensitiveMap {
  return new CaseInsensitiveMap([...options].filter(([k]) => k.toLowerCase() !== 'header'));
}

const fromCsv: ScalarFunction = {
  kind: 'scalar',
  name: 'from_csv',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 2, 3);
    const schema = structSchemaArg(args[1]);
    const options = optionsArg(args[2]);
    const text = requireStringArg('from_csv', args.slice(0, 1), 0);
    const nullable = new StructType(schema.fields.map((f) => new StructField(f.name, f.dataType, true, f.metadata)));
    return { args: [text, literal(schema.toDDL(), DataTypes.StringType), optionsLiteral(options)], dataType: nullable, nullable: true };
  },
  compile([text, , options], _argTypes, resultType, ctx) {
    // A record is one line here: the header option does not apply (Spark ignores it too).
    const map = withoutHeader(optionsOf(options));
    const o = csvOptions(fileOptions(map, ctx.timeZone));
    if (o.mode === 'DROPMALFORMED') throw parseModeUnsupported(o.mode);
    const schema = resultType as StructType;
    const { convertTokens } = compileCsvTokenConverter(schema, o);
    const parser = new FailureSafeParser(o.mode === 'FAILFAST' ? 'PERMISSIVE' : o.mode, schema, o.columnNameOfCorruptRecord);
    const failFast = o.mode === 'FAILFAST';
    return (row) => {
      const value = text(row) as string | null;
      if (value === null) return null;
      const out: unknown[][] = [];
      if (failFast) {
        try {
          return convertTokens(tokenizeLine(value, o.tokenizer), value)[0];
        } catch (e) {
          if (e instanceof BadRecordError) throw malformedRecordError(rowText(e.partial[0] as unknown[] | undefined), e);
          throw e;
        }
      }
      parser.parse(() => convertTokens(tokenizeLine(value, o.tokenizer), value), out);
      return out[0] ?? null;
    };
  },
  sql: (args) => `from_csv(${args[0]})`,
};

const toCsv: ScalarFunction = {
  kind: 'scalar',
  name: 'to_csv',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const options = optionsArg(args[1]);
    const t = args[0].dataType;
    if (!(t instanceof StructType)) {
      const params = { sqlExpr: `"${sqlOf('to_csv', args.slice(0, 1))}"`, functionName: '`to_csv`', dataType: `"${typeSql(t)}"` };
      throw mismatch('UNSUPPORTED_INPUT_TYPE', `The input of ${params.functionName} can't be ${params.dataType} type data.`, params);
    }
    return { args: [args[0], optionsLiteral(options)], dataType: DataTypes.StringType, nullable: isNullable(args[0]) };
  },
  compile([value, options], [valueType], _resultType, ctx) {
    const map = withoutHeader(optionsOf(options));
    const { line, lineSep } = compileCsvLineWriter(valueType as StructType, { options: map, sessionTimeZone: ctx.timeZone, conf: () => undefined });
    return (row) => {
      const v = value(row) as unknown[] | null;
      if (v === null) return null;
      const text = line(v);
      return text.slice(0, text.length - lineSep.length);
    };
  },
  sql: (args) => `to_csv(${args[0]})`,
};

const schemaOfCsv: ScalarFunction = {
  kind: 'scalar',
  name: 'schema_of_csv',
  resolve(args, ctx) {
    checkArity(ctx.name, args, 1, 2);
    const csv = args[0];
    const sqlExpr = `"${sqlOf('schema_of_csv', args.slice(0, 1))}"`;
    if (!isFoldable(csv)) {
      const params = { inputExpr: `"${prettySql(csv)}"`, inputName: '`csv`', inputType: '"STRING"', sqlExpr };
      throw mismatch('NON_FOLDABLE_INPUT', `the input ${params.inputName} should be a foldable ${params.inputType} expression; however, got ${params.inputExpr}.`, params);
    }
    if (!isString(csv.dataType)) throw unexpectedInputTypeError(sqlOf('schema_of_csv', args.slice(0, 1)), 0, '"STRING"', prettySql(csv), typeSql(csv.dataType));
    const text = evalConstant(csv);
    if (text === null) throw mismatch('UNEXPECTED_NULL', 'The csv must not be null.', { exprName: 'csv', sqlExpr });
    const o = csvOptions(fileOptions(optionsArg(args[1]), 'UTC'));
    const infer = inferCsvField(o);
    const tokens = tokenizeLine(text as string, o.tokenizer);
    const fields = tokens.map((token, i) => {
      const t = infer(DataTypes.NullType, token);
      return new StructField(`_c${i}`, t.typeName() === 'void' ? DataTypes.StringType : t, true);
    });
    return { args: [csv, literal(new StructType(fields).toDDL(), DataTypes.StringType)], dataType: DataTypes.StringType, nullable: false };
  },
  compile([, schema]) {
    const ddl = schema([]);
    return () => ddl;
  },
  sql: (args) => `schema_of_csv(${args[0]})`,
};

export const CSV_FUNCTIONS: readonly FunctionDefinition[] = [fromCsv, toCsv, schemaOfCsv];

export function registerCsvFunctions(registry: FunctionRegistry): void {
  for (const fn of CSV_FUNCTIONS) registry.register(fn);
}
