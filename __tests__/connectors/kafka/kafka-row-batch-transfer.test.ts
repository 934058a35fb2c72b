// Packing Kafka rows into transferable typed arrays (worker -> caller) and back gives the same rows.
import { packKafkaRows, unpackKafkaRows } from '../../../lib/connectors/kafka/kafka-row-batch-transfer';

const b = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

test('rows round-trip: null vs empty keys and values, unicode, several topics, large offsets, headers', () => {
  const rows: unknown[][] = [
    [b('k'), b('wörld ✓'), 't1', 0, 0n, 1_700_000_000_000_000n, 0, null],
    [null, new Uint8Array(0), 't2', 3, 2n ** 52n, -1_000n, 1, [['h', b('v')], ['n', null]]],
    [new Uint8Array(0), null, 't1', 1, 7n, 0n, 0, null],
  ];
  const { packed, transfer } = packKafkaRows(rows, true);
  expect(transfer.length).toBe(7);
  const back = unpackKafkaRows(structuredClone(packed, { transfer }));
  expect(back).toEqual(rows);
  expect(back[1][0]).toBeNull();
  expect((back[1][1] as Uint8Array).length).toBe(0);
  expect(back[2][1]).toBeNull();
});

test('without headers the rows have the seven columns', () => {
  const rows: unknown[][] = [[null, b('v'), 't', 0, 1n, 2_000n, 0]];
  expect(unpackKafkaRows(packKafkaRows(rows, false).packed)).toEqual(rows);
});
