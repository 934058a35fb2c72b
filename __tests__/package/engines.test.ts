// package.json's engines field is truthful: the compiled package require()s dependencies that ship
// only ES modules (no "require" condition), which Node loads through require(esm), unflagged from
// Node 20.19.0 (and 22.12.0) on. An older Node 20 would fail on the first Parquet read or write.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };

/** Dependencies that a CommonJS require() can load only as ES modules. */
function esmOnlyDependencies(): string[] {
  return Object.keys(pkg.dependencies).filter((name) => {
    const dep = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { type?: string; exports?: unknown };
    return dep.type === 'module' && dep.exports !== undefined && !JSON.stringify(dep.exports).includes('"require"');
  });
}

test('ES-module-only dependencies are required from CommonJS code', () => {
  const esmOnly = esmOnlyDependencies();
  expect(esmOnly).toEqual(expect.arrayContaining(['hyparquet', 'hyparquet-writer']));
  const requiring = ['lib/connectors/file/parquet-reader.ts', 'lib/connectors/file/parquet-writer.ts'].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
  expect(requiring.some((src) => /require\('hyparquet'\)/.test(src))).toBe(true);
  expect(requiring.some((src) => /require\('hyparquet-writer'\)/.test(src))).toBe(true);
});

test('engines.node allows only the Node versions where require(esm) is on by default, and this Node is one', () => {
  // 21.x and 22.0-22.11 have it behind a flag only.
  expect(pkg.engines.node).toBe('^20.19.0 || >=22.12.0');
  const [major, minor] = process.versions.node.split('.').map(Number);
  expect((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22).toBe(true);
});
