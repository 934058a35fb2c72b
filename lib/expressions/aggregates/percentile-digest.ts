// Spark's approximate percentile digest (ApproximatePercentile.PercentileDigest over
// QuantileSummaries): a Greenwald-Khanna summary of doubles, behind percentile_approx and
// DataFrame.approxQuantile. The same insertions, compressions, merges and queries as Spark's, so
// the same input (and the same partial/merge order) gives Spark's approximation, not merely one
// within the same error bound:
//   - values wait in a head buffer (50,000) and are inserted sorted; a summary is compressed when
//     it is read, merged or serialised (and when it reaches 10,000 samples);
//   - each sample is (value, g, delta); compression merges neighbours while
//     g + g' + delta < 2 * relativeError * count;
//   - a query walks the samples for rank ceil(p * count) within max(g + delta) / 2.
// A digest is a plain object of number arrays, so state stores write it as they are (registered
// as a state value class).
import { registerStateValueClass } from '../../util/value-codec';

/** QuantileSummaries.defaultHeadSize. */
const HEAD_SIZE = 50_000;
/** QuantileSummaries.defaultCompressThreshold. */
const COMPRESS_THRESHOLD = 10_000;

export class PercentileDigest {
  /** Samples in value order: value, g (minimum rank step) and delta (rank uncertainty). */
  values: number[] = [];
  g: number[] = [];
  delta: number[] = [];
  /** Values seen (head buffer excluded). */
  count = 0;
  /** Values not inserted yet. */
  head: number[] = [];
  /** False after an insertion until the next compression (Spark's `compressed`). */
  compressed = true;
  /** Spark's compressThreshold (taken from the right-hand side of a merge). */
  compressThreshold = COMPRESS_THRESHOLD;

  constructor(public relativeError: number) {}

  /** PercentileDigest.add (QuantileSummaries.insert). */
  add(x: number): void {
    this.head.push(x);
    this.compressed = false;
    if (this.head.length >= HEAD_SIZE) {
      this.insertHead();
      if (this.values.length >= this.compressThreshold) this.compressInPlace();
    }
  }

  /** The number of values the digest describes. */
  get size(): number {
    return this.count + this.head.length;
  }

  /** withHeadBufferInserted: the head buffer, sorted, merged into the samples. */
  private insertHead(): void {
    const head = this.head;
    if (head.length === 0) return;
    // Float64Array's default sort is Java's double order (-0.0 before 0.0, NaN last).
    const sorted = Float64Array.from(head).sort();
    const sv = this.values;
    const sg = this.g;
    const sd = this.delta;
    const values: number[] = [];
    const g: number[] = [];
    const delta: number[] = [];
    let count = this.count;
    let s = 0;
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i];
      while (s < sv.length && sv[s] <= x) {
        values.push(sv[s]);
        g.push(sg[s]);
        delta.push(sd[s]);
        s++;
      }
      count++;
      // The first sample and the very last one are exact.
      const d = values.length === 0 || (s === sv.length && i === sorted.length - 1) ? 0 : Math.floor(2 * this.relativeError * count);
      values.push(x);
      g.push(1);
      delta.push(d);
    }
    for (; s < sv.length; s++) {
      values.push(sv[s]);
      g.push(sg[s]);
      delta.push(sd[s]);
    }
    this.values = values;
    this.g = g;
    this.delta = delta;
    this.count = count;
    this.head = [];
  }

  /** QuantileSummaries.compress, in place. */
  private compressInPlace(): void {
    this.insertHead();
    compressSamples(this, 2 * this.relativeError * this.count);
    this.compressed = true;
  }

  /** The digest compressed (itself when it is; else a compressed copy, this one untouched). */
  compressedCopy(): PercentileDigest {
    if (this.compressed) return this;
    const copy = this.clone();
    copy.compressInPlace();
    return copy;
  }

  private clone(): PercentileDigest {
    const copy = new PercentileDigest(this.relativeError);
    copy.values = this.values.slice();
    copy.g = this.g.slice();
    copy.delta = this.delta.slice();
    copy.count = this.count;
    copy.head = this.head.slice();
    copy.compressed = this.compressed;
    copy.compressThreshold = this.compressThreshold;
    return copy;
  }

  /**
   * PercentileDigest.merge: this digest (compressed first) merged with `other` (compressed), as a
   * new digest; neither input changes.
   */
  merge(other: PercentileDigest): PercentileDigest {
    const a = this.compressedCopy();
    const b = other.compressedCopy();
    if (b.count === 0) return a === this ? a.clone() : a;
    if (a.count === 0) return b === other ? b.clone() : b;
    const out = new PercentileDigest(Math.max(a.relativeError, b.relativeError));
    out.compressThreshold = b.compressThreshold;
    out.count = a.count + b.count;
    // A sample from one side gains the other side's uncertainty when it lands among its samples.
    const extraA = Math.floor(2 * b.relativeError * b.count);
    const extraB = Math.floor(2 * a.relativeError * a.count);
    let i = 0;
    let j = 0;
    const na = a.values.length;
    const nb = b.values.length;
    while (i < na && j < nb) {
      if (a.values[i] < b.values[j]) {
        out.values.push(a.values[i]);
        out.g.push(a.g[i]);
        out.delta.push(a.delta[i] + (j > 0 ? extraA : 0));
        i++;
      } else {
        out.values.push(b.values[j]);
        out.g.push(b.g[j]);
        out.delta.push(b.delta[j] + (i > 0 ? extraB : 0));
        j++;
      }
    }
    for (; i < na; i++) {
      out.values.push(a.values[i]);
      out.g.push(a.g[i]);
      out.delta.push(a.delta[i]);
    }
    for (; j < nb; j++) {
      out.values.push(b.values[j]);
      out.g.push(b.g[j]);
      out.delta.push(b.delta[j]);
    }
    compressSamples(out, 2 * out.relativeError * out.count);
    return out;
  }

  /**
   * PercentileDigest.getPercentiles: the approximate percentile of each fraction, in the order
   * given; empty when the digest holds no value.
   */
  percentiles(fractions: readonly number[]): number[] {
    const d = this.compressedCopy();
    if (d.count === 0 || fractions.length === 0) return [];
    const { values, g, delta } = d;
    const n = values.length;
    let maxGDelta = -Infinity;
    for (let i = 0; i < n; i++) maxGDelta = Math.max(maxGDelta, g[i] + delta[i]);
    // A Long halved: integer division.
    const targetError = Math.trunc(maxGDelta / 2);
    const order = fractions.map((p, pos) => [p, pos] as const).sort((x, y) => x[0] - y[0]);
    const result: number[] = new Array(fractions.length).fill(0);
    let index = 0;
    let minRank = g[0];
    for (const [p, pos] of order) {
      if (p <= d.relativeError) {
        result[pos] = values[0];
      } else if (p >= 1 - d.relativeError) {
        result[pos] = values[n - 1];
      } else {
        // findApproxQuantile, continuing from the previous fraction's sample.
        const rank = Math.ceil(p * d.count);
        let i = index;
        let rankAt = minRank;
        let found: number | undefined;
        while (i < n - 1) {
          const maxRank = rankAt + delta[i];
          if (maxRank - targetError <= rank && rank <= rankAt + targetError) {
            found = values[i];
            break;
          }
          i++;
          rankAt += g[i];
        }
        if (found === undefined) {
          // Spark restarts later fractions at the last sample with a minimum rank of 0.
          index = n - 1;
          minRank = 0;
          result[pos] = values[n - 1];
        } else {
          index = i;
          minRank = rankAt;
          result[pos] = found;
        }
      }
    }
    return result;
  }
}

/**
 * QuantileSummaries.compressImmut: from the last sample down to the second, a sample is folded
 * into the one above it while their g + g' + delta' stays below `threshold`; the first sample
 * is kept when it is not above the first kept one.
 */
function compressSamples(d: PercentileDigest, threshold: number): void {
  const { values, g, delta } = d;
  const n = values.length;
  if (n === 0) return;
  // Built from the top down, reversed at the end.
  const rv: number[] = [];
  const rg: number[] = [];
  const rd: number[] = [];
  let headValue = values[n - 1];
  let headG = g[n - 1];
  let headDelta = delta[n - 1];
  for (let i = n - 2; i >= 1; i--) {
    if (g[i] + headG + headDelta < threshold) {
      headG += g[i];
    } else {
      rv.push(headValue);
      rg.push(headG);
      rd.push(headDelta);
      headValue = values[i];
      headG = g[i];
      headDelta = delta[i];
    }
  }
  rv.push(headValue);
  rg.push(headG);
  rd.push(headDelta);
  if (values[0] <= headValue && n > 1) {
    rv.push(values[0]);
    rg.push(g[0]);
    rd.push(delta[0]);
  }
  d.values = rv.reverse();
  d.g = rg.reverse();
  d.delta = rd.reverse();
}

registerStateValueClass('PercentileDigest', PercentileDigest);
