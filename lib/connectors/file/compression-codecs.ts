// Hadoop's CompressionCodecFactory as Spark's text-based formats (text, CSV, JSON) use it: a file's
// codec is chosen by its extension and the file is decompressed before it is parsed. gzip (.gz)
// and deflate (.deflate, zlib format as Hadoop's DefaultCodec writes it) come with Node; bzip2
// (.bz2, standard bzip2 streams, concatenated ones too) and zstd (.zst, standard frames) come from
// seek-bzip and fzstd, pure JavaScript, loaded on first use. Hadoop's lz4 and snappy codecs frame
// their blocks in Hadoop's own block format: they are refused by name rather than parsed as
// garbage (issue 15).
import * as zlib from 'node:zlib';
import { SparkException } from '../../errors/spark-exception';

const UNSUPPORTED: Record<string, string> = { '.lz4': 'lz4', '.snappy': 'snappy' };

interface SeekBzip {
  decode(input: Uint8Array, output?: number, multistream?: boolean): Buffer;
}

/** The codec Hadoop picks for `path`, or undefined for a plain file. */
export function codecOfPath(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.gz')) return 'gzip';
  if (lower.endsWith('.deflate')) return 'deflate';
  if (lower.endsWith('.bz2')) return 'bzip2';
  if (lower.endsWith('.zst')) return 'zstd';
  for (const [ext, codec] of Object.entries(UNSUPPORTED)) if (lower.endsWith(ext)) return codec;
  return undefined;
}

/** The file's bytes as its format reads them: decompressed when its extension names a codec. */
export function decompressByExtension(path: string, content: Uint8Array): Uint8Array {
  const codec = codecOfPath(path);
  if (codec === undefined) return content;
  if (codec === 'gzip') return zlib.gunzipSync(content);
  if (codec === 'deflate') return zlib.inflateSync(content);
  // A damaged file throws here as a damaged gzip does; the reader names the file (FAILED_READ_FILE).
  if (codec === 'bzip2') return (require('seek-bzip') as SeekBzip).decode(content, undefined, true);
  if (codec === 'zstd') return zstdDecompress(content);
  throw new SparkException(
    `The file ${path} is ${codec}-compressed (by its extension, as Hadoop's codecs are chosen), and Rivulet cannot decompress ${codec}: Hadoop's ${codec} codec frames blocks in its own format. Decompress it first, or write it with gzip, deflate, bzip2 or zstd.`,
  );
}

/** zstd frames: Node's own codec where it has one (Node 22.15+), else fzstd. */
export function zstdDecompress(content: Uint8Array): Uint8Array {
  const native = (zlib as unknown as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;
  if (typeof native === 'function') return new Uint8Array(native(content));
  return (require('fzstd') as typeof import('fzstd')).decompress(content);
}
