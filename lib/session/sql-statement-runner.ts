// spark.sql(): parses a statement and runs it. Queries become DataFrames (streaming when they read
// a streaming view); commands change the session and return Spark's result shape.
import { AnalysisException } from '../errors/analysis-exception';
import { tableOrViewNotFoundError, quoteNameParts } from '../errors/query-compilation-errors';
import { DataTypes } from '../types/data-types';
import { attribute, newExprId } from '../expressions/expression';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { treeString } from '../plans/tree-string';
import { SqlQueryAnalyzer } from '../analysis/sql-query-analyzer';
import { parseStatement } from '../sql/parse';
import type * as Ast from '../sql/ast';
import { DataFrame } from '../api/data-frame';
import type { StreamSession } from './stream-session';

function stringTable(names: string[], rows: string[][]): LogicalPlan {
  const output = names.map((n) => attribute(n, DataTypes.StringType, true));
  return { kind: 'localRelation', name: 'LocalRelation', data: () => rows, output };
}

export function runSql(session: StreamSession, sqlText: string): DataFrame {
  const statement = parseStatement(sqlText);
  return runStatement(session, statement);
}

function analyzer(session: StreamSession): SqlQueryAnalyzer {
  return new SqlQueryAnalyzer({
    resolver: session.resolverContext(),
    compile: session.compileContext(),
    lookupView: (name) => session.lookupTempView(name),
  });
}

function command(session: StreamSession): DataFrame {
  return new DataFrame(session, { kind: 'localRelation', name: 'LocalRelation', data: () => [], output: [] }, true);
}

function runStatement(session: StreamSession, statement: Ast.Statement): DataFrame {
  switch (statement.kind) {
    case 'queryStatement':
      return new DataFrame(session, analyzer(session).analyzeQuery(statement.query));
    case 'createTempView': {
      if (statement.global) throw new AnalysisException('GLOBAL TEMPORARY views are not supported by Rivulet yet.', { errorClass: 'UNSUPPORTED_FEATURE', sqlState: '0A000' });
      if (!statement.replace && session.lookupTempView(statement.name)) {
        throw new AnalysisException(
          `Cannot create the temporary view \`${statement.name}\` because it already exists.\nChoose a different name, drop or replace the existing view,  or add the IF NOT EXISTS clause to tolerate pre-existing views.`,
          { errorClass: 'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS', sqlState: '42P07', messageParameters: { relationName: `\`${statement.name}\`` } },
        );
      }
      let plan = analyzer(session).analyzeQuery(statement.query);
      if (statement.columns) {
        const output = outputOf(plan);
        if (statement.columns.length !== output.length) {
          throw new AnalysisException(
            `Cannot create view \`${statement.name}\`, the reason is not enough data columns:\nView columns: ${statement.columns.map((c) => `\`${c.name}\``).join(', ')}.\nData columns: ${output.map((a) => `\`${a.name}\``).join(', ')}.`,
            { errorClass: statement.columns.length > output.length ? 'CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS' : 'CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS', sqlState: '21S01' },
          );
        }
        plan = {
          kind: 'project',
          projectList: output.map((a, i) => ({ kind: 'alias', child: a, name: statement.columns![i].name, exprId: newExprId(), dataType: a.dataType })),
          child: plan,
        };
      }
      session.registerTempView(statement.name, { kind: 'subqueryAlias', alias: statement.name, child: plan });
      return command(session);
    }
    case 'dropView': {
      const name = statement.nameParts[statement.nameParts.length - 1];
      if (!session.dropTempView(name) && !statement.ifExists) throw tableOrViewNotFoundError(quoteNameParts(statement.nameParts));
      return command(session);
    }
    case 'setConfig': {
      if (statement.key === undefined || statement.key === '-v') {
        const all = session.conf.getAll();
        const rows = Object.keys(all)
          .sort()
          .map((k) => [k, all[k]]);
        return new DataFrame(session, stringTable(['key', 'value'], rows));
      }
      if (statement.value === undefined) {
        return new DataFrame(session, stringTable(['key', 'value'], [[statement.key, session.conf.get(statement.key, '<undefined>') ?? '<undefined>']]));
      }
      session.conf.set(statement.key, statement.value);
      return new DataFrame(session, stringTable(['key', 'value'], [[statement.key, statement.value]]));
    }
    case 'resetConfig':
      if (statement.key === undefined) session.conf.reset();
      else session.conf.unset(statement.key);
      return command(session);
    case 'explain': {
      const inner = runStatement(session, statement.statement);
      const text = `== ${statement.mode === 'simple' ? 'Physical Plan' : 'Analyzed Logical Plan'} ==\n${treeString(inner.plan)}`;
      return new DataFrame(session, stringTable(['plan'], [[text]]));
    }
    case 'describeQuery': {
      const plan = analyzer(session).analyzeQuery(statement.query);
      return new DataFrame(session, stringTable(['col_name', 'data_type', 'comment'], outputOf(plan).map((a) => [a.name, a.dataType.simpleString(), null as unknown as string])));
    }
  }
}

