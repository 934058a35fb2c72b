// Built-in json functions (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const JSON_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
