// Aggregates beyond count/sum/avg/min/max (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const MORE_AGGREGATE_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
