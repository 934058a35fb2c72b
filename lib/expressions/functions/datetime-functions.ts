// Built-in datetime functions (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const DATETIME_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
