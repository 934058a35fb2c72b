// Built-in higher order functions (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const HIGHER_ORDER_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
