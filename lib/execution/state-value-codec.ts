// State values between the store and a GroupState: applyInPandasWithState keeps a row of its state
// schema (engine values in the store, a Row for the function, a tuple/array, object or Row from
// `update`); the Scala-shaped API keeps any JS value the value codec can write, deep-frozen.
import type { StructType } from '../types/struct-type';
import { toExternalRows } from '../types/external-row';
import { rowsFromUserData } from '../types/user-data-rows';
import { frozen, type StateValueCodec } from './group-state';

export function stateValueCodec(stateType: StructType | undefined): StateValueCodec {
  if (!stateType) return { toUser: (stored) => frozen(stored), fromUser: (value) => value };
  return {
    toUser: (stored) => toExternalRows(stateType, [stored as unknown[]])[0],
    fromUser: (value) => rowsFromUserData([value], stateType, 'UTC').rows[0],
  };
}
