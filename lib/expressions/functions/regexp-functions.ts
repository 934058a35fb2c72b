// Built-in regexp functions (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const REGEXP_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
