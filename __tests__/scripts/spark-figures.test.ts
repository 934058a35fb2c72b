// Spark's recorded figures for the stateful bench (`npm run bench:spark` writes them, `npm run
// bench` prints them): the committed file covers every workload, Spark's output agrees with
// Rivulet's, and the printed ratio is against the hand loop of the run that prints it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WORKLOADS } from '../../scripts/bench-stateful-workloads';
import { RECORDED_FIGURES_FILE, readSparkFigures, sparkFigureLine, type SparkFigures } from '../../scripts/spark/recorded-figures';

describe('recorded Spark figures', () => {
  const figures = readSparkFigures();

  test('the committed file records every stateful workload with 200 shuffle partitions', () => {
    expect(fs.existsSync(RECORDED_FIGURES_FILE)).toBe(true);
    expect(figures!.spark).toBe('4.2.0');
    expect(figures!.workloads.map((w) => w.name)).toEqual(WORKLOADS.map((w) => w.name));
    for (const w of figures!.workloads) {
      expect(w.spark.map((r) => r.partitions)).toContain(200);
      // Both are rounded: the rate to a unit per second, wallMs to the millisecond (0.5 ms of it).
      for (const r of w.spark) {
        expect(Math.abs(r.unitsPerSecond - w.units / (r.wallMs / 1000))).toBeLessThan(1 + (r.unitsPerSecond * 0.5) / r.wallMs);
      }
    }
  });

  test("Spark's output rows are Rivulet's and the hand loop's for every workload and setting", () => {
    for (const w of figures!.workloads) {
      expect([w.name, w.outputRows.spark]).toEqual([w.name, w.outputRows.rivulet]);
      expect([w.name, w.outputRows.handLoop]).toEqual([w.name, w.outputRows.rivulet]);
    }
  });

  test('the bench line gives the recorded rate and its ratio to the hand loop passed in', () => {
    const sample: SparkFigures = {
      ...figures!,
      spark: '4.2.0',
      master: 'local[2]',
      workloads: [
        {
          ...figures!.workloads[0],
          name: 'windowed sum',
          unit: 'rows',
          units: 240_000,
          recorded: '2026-12-07T12:00Z',
          outputRows: { spark: 7, rivulet: 7, handLoop: 7 },
          spark: [
            { ...figures!.workloads[0].spark[0], partitions: 200, wallMs: 24_000 },
            { ...figures!.workloads[0].spark[0], partitions: 2, wallMs: 4_800 },
          ],
        },
      ],
    };
    expect(sparkFigureLine(sample, 'windowed sum', 1_200)).toBe(
      `${' '.repeat(15)} Spark 4.2.0 local[2] (recorded 2026-12-07, checkpoint on disk): 200 partitions 10,000 rows/s = 0.050x of this run's hand loop; 2 partitions 50,000 rows/s = 0.25x of this run's hand loop (hand loop here 200,000 rows/s; Spark's output rows 7)`,
    );
    expect(sparkFigureLine(sample, 'word count', 1_200)).toBeUndefined();
    expect(sparkFigureLine(undefined, 'windowed sum', 1_200)).toBeUndefined();
  });

  test('a missing file reads as no figures', () => {
    expect(readSparkFigures(path.join(os.tmpdir(), 'rivulet-no-such-figures.json'))).toBeUndefined();
  });
});
