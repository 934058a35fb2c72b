// Apache Spark's python/pyspark/sql/tests/streaming/test_streaming_datasource_admission_control.py
// (DataSourceStreamReaderAdmissionControlTests, StreamReaderBackwardCompatibilityTests), ported.
// The tests subclass pyspark.sql.datasource.DataSourceStreamReader (the Python Data Source API)
// and call the readers directly; PySpark 4.2.0 passes them (the base class's reportLatestOffset()
// returns None).
//
// Rivulet's Data Source API (lib/connectors/data-source) passes all 9. The base class is looked up
// at run time on the package, as the tests are written the way PySpark runs them.
import * as rivulet from 'rivulet';

type Offset = Record<string, number>;
type Limit = Record<string, unknown> | null;

interface StreamReaderBase {
  latestOffset(...args: unknown[]): Offset;
  reportLatestOffset(): Offset | null;
}

/** rivulet's DataSourceStreamReader (pyspark.sql.datasource.DataSourceStreamReader). */
function DataSourceStreamReader(): new () => StreamReaderBase {
  const base = (rivulet as unknown as Record<string, unknown>).DataSourceStreamReader;
  if (typeof base !== 'function') throw new Error('rivulet has no DataSourceStreamReader (pyspark.sql.datasource)');
  return base as new () => StreamReaderBase;
}

/** rivulet's InputPartition (pyspark.sql.datasource.InputPartition). */
function InputPartition(): new (value: unknown) => object {
  const p = (rivulet as unknown as Record<string, unknown>).InputPartition;
  if (typeof p !== 'function') throw new Error('rivulet has no InputPartition (pyspark.sql.datasource)');
  return p as new (value: unknown) => object;
}

/** Mock stream reader that implements admission control. */
function mockStreamReaderWithAdmissionControl() {
  return new (class MockStreamReaderWithAdmissionControl extends DataSourceStreamReader() {
    initialOffsetVal = 0;
    latestOffsetVal = 1000;
    latestOffsetCalls: { start_offset: Offset | null; read_limit: Limit }[] = [];
    reportLatestOffsetCalls: boolean[] = [];

    initialOffset(): Offset {
      return { offset: this.initialOffsetVal };
    }

    // Implementation with admission control support.
    override latestOffset(startOffset: Offset | null = null, readLimit: Limit = null): Offset {
      this.latestOffsetCalls.push({ start_offset: startOffset, read_limit: readLimit });
      const start = startOffset === null ? this.initialOffsetVal : startOffset.offset;
      // Apply limit if provided
      let end: number;
      if (readLimit && readLimit.type === 'maxRows') end = Math.min(start + (readLimit.maxRows as number), this.latestOffsetVal);
      else end = this.latestOffsetVal;
      return { offset: end };
    }

    // Report true latest without limits.
    override reportLatestOffset(): Offset {
      this.reportLatestOffsetCalls.push(true);
      return { offset: this.latestOffsetVal };
    }

    partitions(_start: Offset, _end: Offset): object[] {
      return [new (InputPartition())(Buffer.from('partition'))];
    }

    read(_partition: object): Iterator<unknown> {
      return [][Symbol.iterator]();
    }
  })();
}

describe('test_streaming_datasource_admission_control.py DataSourceStreamReaderAdmissionControlTests', () => {
  test('test_latest_offset_with_parameters', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    // Test without parameters (backward compatibility)
    const offset = reader.latestOffset();
    expect(offset).toEqual({ offset: 1000 });
    expect(reader.latestOffsetCalls.length).toBe(1);
    expect(reader.latestOffsetCalls[0].start_offset).toBeNull();
    expect(reader.latestOffsetCalls[0].read_limit).toBeNull();
  });

  test('test_latest_offset_with_start_offset', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    const offset = reader.latestOffset({ offset: 500 });
    expect(offset).toEqual({ offset: 1000 });
    expect(reader.latestOffsetCalls[reader.latestOffsetCalls.length - 1].start_offset).toEqual({ offset: 500 });
  });

  test('test_latest_offset_with_max_rows_limit', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    const limit = { type: 'maxRows', maxRows: 100 };
    const offset = reader.latestOffset({ offset: 500 }, limit);
    // Should cap at 500 + 100 = 600, not 1000
    expect(offset).toEqual({ offset: 600 });
    expect(reader.latestOffsetCalls[reader.latestOffsetCalls.length - 1].read_limit).toEqual(limit);
  });

  test('test_latest_offset_limit_larger_than_available', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    const limit = { type: 'maxRows', maxRows: 2000 }; // Larger than available
    const offset = reader.latestOffset({ offset: 900 }, limit);
    // Should return latest available (1000), not 900 + 2000
    expect(offset).toEqual({ offset: 1000 });
  });

  test('test_latest_offset_with_all_available_limit', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    const offset = reader.latestOffset({ offset: 500 }, { type: 'allAvailable' });
    // Should return all available data
    expect(offset).toEqual({ offset: 1000 });
  });

  test('test_report_latest_offset', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    // First call latestOffset with limit
    const cappedOffset = reader.latestOffset({ offset: 100 }, { type: 'maxRows', maxRows: 50 });
    expect(cappedOffset).toEqual({ offset: 150 }); // Capped
    // Now report latest should return true latest, not capped
    expect(reader.reportLatestOffset()).toEqual({ offset: 1000 });
    expect(reader.reportLatestOffsetCalls.length).toBe(1);
  });

  test('test_report_latest_offset_default_none', () => {
    // Test that reportLatestOffset returns None by default.
    class MinimalReader extends DataSourceStreamReader() {
      initialOffset(): Offset {
        return { offset: 0 };
      }
      override latestOffset(): Offset {
        return { offset: 100 };
      }
      partitions(): object[] {
        return [];
      }
      read(): Iterator<unknown> {
        return [][Symbol.iterator]();
      }
    }
    const reader = new MinimalReader();
    // Should return None if not overridden
    expect(reader.reportLatestOffset()).toBeNull();
  });

  test('test_read_limit_dictionary_formats', () => {
    const reader = mockStreamReaderWithAdmissionControl();
    // Test maxFiles format (reader doesn't use it, but format should be accepted)
    expect(reader.latestOffset({ offset: 0 }, { type: 'maxFiles', maxFiles: 10 })).toEqual({ offset: 1000 });
    // Test maxBytes format
    expect(reader.latestOffset({ offset: 0 }, { type: 'maxBytes', maxBytes: 1048576 })).toEqual({ offset: 1000 });
    // Test minRows format
    expect(reader.latestOffset({ offset: 0 }, { type: 'minRows', minRows: 100, maxTriggerDelayMs: 30000 })).toEqual({ offset: 1000 });
    // Test composite format
    const composite = {
      type: 'composite',
      limits: [
        { type: 'minRows', minRows: 100, maxTriggerDelayMs: 30000 },
        { type: 'maxRows', maxRows: 1000 },
      ],
    };
    expect(reader.latestOffset({ offset: 0 }, composite)).toEqual({ offset: 1000 });
  });
});

describe('test_streaming_datasource_admission_control.py StreamReaderBackwardCompatibilityTests', () => {
  test('test_old_signature_still_works', () => {
    // Test that old latestOffset() signature without parameters still works.
    class LegacyReader extends DataSourceStreamReader() {
      initialOffset(): Offset {
        return { offset: 0 };
      }
      // Old signature without parameters.
      override latestOffset(): Offset {
        return { offset: 100 };
      }
      partitions(): object[] {
        return [];
      }
      read(): Iterator<unknown> {
        return [][Symbol.iterator]();
      }
    }
    const reader = new LegacyReader();
    expect(reader.latestOffset()).toEqual({ offset: 100 });
  });
});
