// The list stateful operators push their metrics to (ExecutionContext.stateMetrics). An operator
// commits its stores, then pushes its metrics: at that moment the provider knows which operators
// committed since the previous push, so the list records them per entry, and the engine fills in
// memoryUsedBytes once the batch's state is written, without every operator having to.
import type { StateOperatorMetrics } from '../execution/physical-operator';
import type { StateStoreProvider } from '../state/state-store';

export class StateMetricsList extends Array<StateOperatorMetrics> {
  // Array methods that build new arrays (map, filter) construct the species: a plain Array.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  private readonly operatorIds: number[][] = [];

  constructor(private readonly provider?: StateStoreProvider) {
    super();
  }

  override push(...items: StateOperatorMetrics[]): number {
    const ids = this.provider?.takeCommittedOperators?.() ?? [];
    for (let i = 0; i < items.length; i++) this.operatorIds.push(i === 0 ? ids : []);
    return super.push(...items);
  }

  /** Sets each entry's memoryUsedBytes from the provider (after the batch's state is written). */
  fillMemory(): void {
    const provider = this.provider;
    if (!provider?.memoryUsedBytes) return;
    for (let i = 0; i < this.length; i++) if (this[i].memoryUsedBytes === undefined) this[i].memoryUsedBytes = provider.memoryUsedBytes(this.operatorIds[i]);
  }
}
