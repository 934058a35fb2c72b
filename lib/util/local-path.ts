// Spark accepts `file:` URIs wherever it takes a path (checkpointLocation, sink and writer
// paths, spark.read, load()): `file:///tmp/cp`, `file:/tmp/cp` and `file://localhost/tmp/cp` all
// name the local /tmp/cp. Without this they would become a folder named "file:" in the working
// directory.
import { fileURLToPath } from 'node:url';

export function toLocalPath(p: string): string {
  if (!/^file:/i.test(p)) return p;
  const rest = p.slice(5);
  // file:/tmp/x (Hadoop's form, one slash) and file:///tmp/x / file://localhost/tmp/x (URIs).
  if (rest.startsWith('//')) {
    try {
      return fileURLToPath(`file:${rest}`);
    } catch {
      return rest.replace(/^\/\/(localhost)?/, '');
    }
  }
  return decodeURIComponent(rest);
}
