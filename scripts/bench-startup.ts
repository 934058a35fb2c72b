// Start-up cost of `import 'rivulet'` against plain `node`: both run as fresh processes, taking turns
// so machine load hits both alike. The figure is the difference of the minimum over the runs (the
// minimum is the run least disturbed by other processes), wall time and CPU time (user + system).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const RUNS = 15;

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

export interface StartupFigures { plainWall: number; rivuletWall: number; plainCpu: number; rivuletCpu: number; esmWall: number }

export function benchStartup(): StartupFigures {
  const root = path.resolve(__dirname, '..');
  const cjs = `require(${JSON.stringify(path.join(root, 'dist/index.js'))})`;
  const esm = `import(${JSON.stringify('file://' + path.join(root, 'dist/index.js'))}).then(()=>{})`;
  const plain: Sample[] = [];
  const rivulet: Sample[] = [];
  const esmRuns: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(run('0'));
    rivulet.push(run(cjs));
    esmRuns.push(run(esm));
  }
  const min = (xs: number[]) => Math.min(...xs);
  return {
    plainWall: min(plain.map((s) => s.wall)),
    rivuletWall: min(rivulet.map((s) => s.wall)),
    plainCpu: min(plain.map((s) => s.cpu)),
    rivuletCpu: min(rivulet.map((s) => s.cpu)),
    esmWall: min(esmRuns.map((s) => s.wall)),
  };
}

export function printStartup(f: StartupFigures): void {
  console.log(`start-up  plain node: ${f.plainWall.toFixed(0)} ms wall, ${f.plainCpu.toFixed(0)} ms CPU (min of ${RUNS})`);
  console.log(`start-up  node + require('rivulet'): ${f.rivuletWall.toFixed(0)} ms wall, ${f.rivuletCpu.toFixed(0)} ms CPU; import('rivulet'): ${f.esmWall.toFixed(0)} ms wall`);
  console.log(`start-up  cost of rivulet: +${(f.rivuletWall - f.plainWall).toFixed(0)} ms wall, +${(f.rivuletCpu - f.plainCpu).toFixed(0)} ms CPU (target <= 60 ms)`);
}

if (require.main === module) printStartup(benchStartup());
