// UNION / EXCEPT / INTERSECT and DISTINCT: column counts must match, types widen to a common type
// (each side gets a casting projection when needed), and output names come from the first input.
import { AnalysisException } from '../errors/analysis-exception';
import type { Attribute } from '../expressions/expression';
import { newExprId } from '../expressions/expression';
import { implicitCast, isNull } from '../expressions/type-utils';
import { findWiderType } from '../expressions/type-coercion';
import type { DataType } from '../types/data-types';
import { outputOf, type LogicalPlan } from '../plans/logical-plan';
import { ordinalWord } from '../errors/query-compilation-errors';

type SetKind = 'UNION' | 'EXCEPT' | 'INTERSECT' | 'EXCEPT ALL' | 'INTERSECT ALL';

function ordinalNumber(i: number): string {
  const n = i + 1;
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Spark's WidenSetOperationTypes: findWiderTypeForTwo (the ANSI variant under ANSI mode). */
function commonType(a: DataType, b: DataType, ansi: boolean): DataType | undefined {
  if (a.equals(b)) return a;
  if (isNull(a)) return b;
  if (isNull(b)) return a;
  return findWiderType(a, b, ansi);
}

/** Casts each child to the common column types; returns the children and the output types. */
function alignChildren(operator: SetKind, children: LogicalPlan[], ansi: boolean): { children: LogicalPlan[]; types: DataType[] } {
  const outputs = children.map(outputOf);
  const width = outputs[0].length;
  outputs.forEach((o, i) => {
    if (i > 0 && o.length !== width) {
      throw new AnalysisException(
        `${operator} can only be performed on inputs with the same number of columns, but the first input has ${width} columns and the ${ordinalWord(i)} input has ${o.length} columns.`,
        {
          errorClass: 'NUM_COLUMNS_MISMATCH',
          sqlState: '42826',
          messageParameters: { operator, firstNumColumns: String(width), invalidOrdinalNum: ordinalWord(i), invalidNumColumns: String(o.length) },
        },
      );
    }
  });
  const types = outputs[0].map((a) => a.dataType);
  for (let i = 1; i < outputs.length; i++) {
    for (let c = 0; c < width; c++) {
      const t = commonType(types[c], outputs[i][c].dataType, ansi);
      if (!t) {
        const params = {
          tableOrdinalNumber: ordinalWord(i),
          columnOrdinalNumber: ordinalNumber(c),
          dataType1: `"${outputs[i][c].dataType.toDDL()}"`,
          dataType2: `"${types[c].toDDL()}"`,
          operator,
          hint: '',
        };
        throw new AnalysisException(
          `${operator} can only be performed on tables with compatible column types. The ${params.columnOrdinalNumber} column of the ${params.tableOrdinalNumber} table is ${params.dataType1} type which is not compatible with ${params.dataType2} at the same column of the first table..`,
          { errorClass: 'INCOMPATIBLE_COLUMN_TYPE', sqlState: '42825', messageParameters: params },
        );
      }
      types[c] = t;
    }
  }
  const aligned = children.map((child, i) => {
    const out = outputs[i];
    if (out.every((a, c) => a.dataType.equals(types[c]))) return child;
    const projectList = out.map((a, c) =>
      a.dataType.equals(types[c]) ? a : { kind: 'alias' as const, child: implicitCast(a, types[c]), name: a.name, exprId: newExprId(), dataType: types[c] },
    );
    return { kind: 'project' as const, projectList, child };
  });
  return { children: aligned, types };
}

export function buildUnion(children: LogicalPlan[], ansi = true): LogicalPlan {
  const { children: aligned, types } = alignChildren('UNION', children, ansi);
  const outputs = aligned.map(outputOf);
  const output: Attribute[] = outputs[0].map((a, c) => ({
    ...a,
    dataType: types[c],
    nullable: outputs.some((o) => o[c].nullable),
    exprId: newExprId(),
    qualifier: [],
  }));
  return { kind: 'union', children: aligned, output };
}

/** unionByName: matches columns by (case-insensitive) name; missing ones become nulls when allowed. */
export function alignByName(left: LogicalPlan, right: LogicalPlan, allowMissingColumns: boolean): [LogicalPlan, LogicalPlan] {
  const l = outputOf(left);
  const r = outputOf(right);
  const find = (attrs: Attribute[], name: string) => attrs.find((a) => a.name.toLowerCase() === name.toLowerCase());
  const nullColumn = (a: Attribute) => ({ kind: 'alias' as const, child: { kind: 'literal' as const, value: null, dataType: a.dataType }, name: a.name, exprId: newExprId(), dataType: a.dataType });
  const rightList = l.map((a) => {
    const match = find(r, a.name);
    if (match) return match;
    if (allowMissingColumns) return nullColumn(a);
    throw new AnalysisException(`Cannot resolve column name "${a.name}" among (${r.map((x) => x.name).join(', ')}).`, {
      errorClass: 'UNRESOLVED_COLUMN_AMONG_FIELD_NAMES',
      sqlState: '42703',
      messageParameters: { colName: a.name, fieldNames: r.map((x) => x.name).join(', ') },
    });
  });
  const extra = r.filter((a) => !find(l, a.name));
  if (extra.length > 0 && !allowMissingColumns) {
    throw new AnalysisException(
      `UNION can only be performed on inputs with the same number of columns, but the first input has ${l.length} columns and the second input has ${r.length} columns.`,
      { errorClass: 'NUM_COLUMNS_MISMATCH', sqlState: '42826' },
    );
  }
  const newLeft: LogicalPlan = extra.length > 0 ? { kind: 'project', projectList: [...l, ...extra.map(nullColumn)], child: left } : left;
  const newRight: LogicalPlan = { kind: 'project', projectList: [...rightList, ...extra], child: right };
  return [newLeft, newRight];
}

export function buildSetOperation(kind: 'except' | 'intersect', isAll: boolean, left: LogicalPlan, right: LogicalPlan, ansi = true): LogicalPlan {
  const operator: SetKind = `${kind === 'except' ? 'EXCEPT' : 'INTERSECT'}${isAll ? ' ALL' : ''}` as SetKind;
  const { children } = alignChildren(operator, [left, right], ansi);
  return { kind, isAll, left: children[0], right: children[1] };
}

export function buildDistinct(child: LogicalPlan, keys?: Attribute[]): LogicalPlan {
  return { kind: 'deduplicate', keys: keys ?? outputOf(child), child };
}
