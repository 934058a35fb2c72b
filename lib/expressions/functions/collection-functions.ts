// Built-in collection functions (registered in builtin-functions.ts).
import type { FunctionDefinition } from '../function-definition';

export const COLLECTION_FUNCTIONS: { fn: FunctionDefinition; aliases: string[] }[] = [];
