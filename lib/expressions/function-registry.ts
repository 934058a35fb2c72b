// Name -> function definition. Built-ins register themselves here at startup; users may register
// their own definitions the same way (case-insensitive names, as Spark's registry).
import type { FunctionDefinition } from './function-definition';

export class FunctionRegistry {
  private readonly functions = new Map<string, FunctionDefinition>();

  register(definition: FunctionDefinition, ...aliases: string[]): void {
    this.functions.set(definition.name.toLowerCase(), definition);
    for (const a of aliases) this.functions.set(a.toLowerCase(), definition);
  }

  lookup(name: string): FunctionDefinition | undefined {
    return this.functions.get(name.toLowerCase());
  }

  names(): string[] {
    return [...this.functions.keys()].sort();
  }
}
