// Built-in math functions (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const MATH_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
