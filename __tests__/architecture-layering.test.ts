// Imports in lib/ point down the layers of ARCHITECTURE.md: a module may import its own layer or
// a lower one, never a higher one.
import * as fs from 'node:fs';
import * as path from 'node:path';

const LIB = path.resolve(__dirname, '../lib');

// Lowest first; folders on one line share a layer.
const LAYERS: string[][] = [
  ['util', 'errors'],
  ['types'],
  ['expressions'],
  ['plans'],
  ['sql', 'analysis', 'optimizer'],
  ['execution', 'state', 'checkpoint'],
  ['connectors'],
  ['streaming'],
  ['api'],
  ['connect'],
  ['session'],
  ['testing', 'dstream'],
  ['.'],
];

function layerOf(file: string): number {
  const rel = path.relative(LIB, file);
  const top = rel.includes(path.sep) ? rel.split(path.sep)[0] : '.';
  const index = LAYERS.findIndex((l) => l.includes(top));
  if (index < 0) throw new Error(`lib/${top} is not in the layer list: add it to ARCHITECTURE.md and this test`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

test('lib/ imports point down the layers', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(LIB)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)) {
      const target = path.resolve(path.dirname(file), m[1]) + '.ts';
      if (layerOf(target) > layerOf(file)) violations.push(`${path.relative(LIB, file)} imports ${m[1]}`);
    }
  }
  expect(violations).toEqual([]);
});

test('file names are kebab-case', () => {
  // lib/connect/gen holds code generated from the Spark Connect protocol (npm run connect:gen): its names are protoc-gen-es's.
  const generated = path.join(LIB, 'connect', 'gen') + path.sep;
  const bad = sourceFiles(LIB).filter((f) => !f.startsWith(generated)).map((f) => path.basename(f)).filter((n) => !/^[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(n));
  expect(bad).toEqual([]);
});
