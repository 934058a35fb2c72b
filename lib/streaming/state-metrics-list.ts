// The list stateful operators push their metrics to (ExecutionContext.stateMetrics). An operator
// commits its stores, then pushes its metrics: at that moment the provider knows which operators
// committed since the previous push, and the list asks it for their memory (progress
// `memoryUsedBytes`) without every operator having to.
import type { StateOperatorMetrics } from '../execution/physical-operator';
import type { StateStoreProvider } from '../state/state-store';

export class StateMetricsList extends Array<StateOperatorMetrics> {
  // Array methods that build new arrays (map, filter) construct the species: a plain Array.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(private readonly provider?: StateStoreProvider) {
    super();
  }

  override push(...items: StateOperatorMetrics[]): number {
    const memory = this.provider?.memoryOfCommittedOperators?.();
    for (const m of items) if (memory !== undefined && m.memoryUsedBytes === undefined) m.memoryUsedBytes = items.length === 1 ? memory : 0;
    return super.push(...items);
  }
}
