// Hadoop's CompressionCodecFactory as Spark's text-based formats (text, CSV, JSON) use it: a file's
// codec is chosen by its extension and the file is decompressed before it is parsed. gzip (.gz)
// and deflate (.deflate, zlib format as Hadoop's DefaultCodec writes it) come with Node; the other
// codecs Spark knows are refused by name rather than parsed as garbage (issue 15).
import * as zlib from 'node:zlib';
import { SparkException } from '../../errors/spark-exception';

const UNSUPPORTED: Record<string, string> = { '.bz2': 'bzip2', '.zst': 'zstd', '.lz4': 'lz4', '.snappy': 'snappy' };

/** The codec Hadoop picks for `path`, or undefined for a plain file. */
export function codecOfPath(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.gz')) return 'gzip';
  if (lower.endsWith('.deflate')) return 'deflate';
  for (const [ext, codec] of Object.entries(UNSUPPORTED)) if (lower.endsWith(ext)) return codec;
  return undefined;
}

/** The file's bytes as its format reads them: decompressed when its extension names a codec. */
export function decompressByExtension(path: string, content: Uint8Array): Uint8Array {
  const codec = codecOfPath(path);
  if (codec === undefined) return content;
  if (codec === 'gzip') return zlib.gunzipSync(content);
  if (codec === 'deflate') return zlib.inflateSync(content);
  throw new SparkException(
    `The file ${path} is ${codec}-compressed (by its extension, as Hadoop's codecs are chosen), and Rivulet cannot decompress ${codec}: Node.js has no ${codec} codec. Decompress it first, or write it with gzip or deflate.`,
  );
}
