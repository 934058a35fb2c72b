// Start-up cost of `import 'rivulet'` against plain `node`: both run as fresh processes, taking turns
// so machine load hits both alike. The figures are medians over many runs (the minimum, the run
// least disturbed by other processes, is printed beside them), wall time and CPU time (user +
// system), for require('rivulet') and import('rivulet').
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const RUNS = Number(process.env.STARTUP_RUNS ?? 31);

interface Sample { wall: number; cpu: number }

function run(code: string): Sample {
  // The child reports its own CPU time; the wall time is the parent's view of the whole process.
  const script = `${code};const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`start-up child failed (build first: npm run build): ${r.stderr}`);
  return { wall, cpu: Number(r.stdout) };
}

export interface Figure { median: number; min: number }

export interface StartupFigures { runs: number; plainWall: Figure; plainCpu: Figure; requireWall: Figure; requireCpu: Figure; importWall: Figure; importCpu: Figure }

function figure(xs: number[]): Figure {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0] };
}

export function benchStartup(runs = RUNS): StartupFigures {
  const root = path.resolve(__dirname, '..');
  const cjs = `require(${JSON.stringify(path.join(root, 'dist/index.js'))})`;
  // The import has settled when the process exits, so the CPU time is read after it.
  const esm = `import(${JSON.stringify('file://' + path.join(root, 'dist/index.js'))}).then(()=>{const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))});0`;
  const plain: Sample[] = [];
  const req: Sample[] = [];
  const imp: Sample[] = [];
  run(cjs); // warms the file system cache; not counted
  for (let i = 0; i < runs; i++) {
    plain.push(run('0'));
    req.push(run(cjs));
    imp.push(runEsm(esm));
  }
  return {
    runs,
    plainWall: figure(plain.map((s) => s.wall)), plainCpu: figure(plain.map((s) => s.cpu)),
    requireWall: figure(req.map((s) => s.wall)), requireCpu: figure(req.map((s) => s.cpu)),
    importWall: figure(imp.map((s) => s.wall)), importCpu: figure(imp.map((s) => s.cpu)),
  };
}

function runEsm(script: string): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`start-up child failed (build first: npm run build): ${r.stderr}`);
  return { wall, cpu: Number(r.stdout) };
}

export function printStartup(f: StartupFigures): void {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const line = (label: string, wall: Figure, cpu: Figure) =>
    `start-up  ${label}: ${ms(wall.median)} wall (min ${ms(wall.min)}), ${ms(cpu.median)} CPU (min ${ms(cpu.min)})`;
  console.log(`start-up  medians of ${f.runs} fresh processes each, taking turns`);
  console.log(line('plain node', f.plainWall, f.plainCpu));
  console.log(line("node + require('rivulet')", f.requireWall, f.requireCpu));
  console.log(line("node + import('rivulet')", f.importWall, f.importCpu));
  console.log(`start-up  cost of rivulet over plain node (medians): require +${ms(f.requireWall.median - f.plainWall.median)} wall, `
    + `+${ms(f.requireCpu.median - f.plainCpu.median)} CPU; import +${ms(f.importWall.median - f.plainWall.median)} wall (target <= 60 ms)`);
}

if (require.main === module) printStartup(benchStartup());
