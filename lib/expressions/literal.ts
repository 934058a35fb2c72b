import { DataType } from '../types/data-types';
import type { Literal } from './expression';

export function literal(value: unknown, dataType: DataType): Literal {
  return { kind: 'literal', value, dataType };
}
