// Name -> function definition. Built-ins register themselves here on first use; users may register
// their own definitions the same way (case-insensitive names, as Spark's registry).
import type { FunctionDefinition } from './function-definition';

export class FunctionRegistry {
  private readonly functions = new Map<string, FunctionDefinition>();
  private pendingLoad: ((registry: FunctionRegistry) => void) | undefined;

  /**
   * `load` fills the registry on the first lookup, so a program pays for loading the built-in
   * function modules only once it resolves a function (keeps `import 'rivulet'` fast).
   */
  constructor(load?: (registry: FunctionRegistry) => void) {
    this.pendingLoad = load;
  }

  register(definition: FunctionDefinition, ...aliases: string[]): void {
    this.ensureLoaded();
    this.functions.set(definition.name.toLowerCase(), definition);
    for (const a of aliases) this.functions.set(a.toLowerCase(), definition);
  }

  lookup(name: string): FunctionDefinition | undefined {
    this.ensureLoaded();
    return this.functions.get(name.toLowerCase());
  }

  names(): string[] {
    this.ensureLoaded();
    return [...this.functions.keys()].sort();
  }

  /** Loads first, so a user's registration made before any lookup still overrides a built-in. */
  private ensureLoaded(): void {
    const load = this.pendingLoad;
    if (load === undefined) return;
    this.pendingLoad = undefined;
    load(this);
  }
}
