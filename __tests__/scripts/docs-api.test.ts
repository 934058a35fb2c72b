// `npm run docs` builds the API reference with TypeDoc from the five public entry points, with no
// warning: every type a public signature names is exported or listed as internal in typedoc.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApiReference } from '../../scripts/docs';

let out = '';
let result: ReturnType<typeof buildApiReference>;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'rivulet-api-'));
  result = buildApiReference(out);
}, 300_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test('TypeDoc builds without warnings (none about types referenced but not exported)', () => {
  expect(result.problems).toEqual([]);
  expect(result.status).toBe(0);
});

test('one page per entry point, and the classes users touch', () => {
  expect(fs.readdirSync(path.join(out, 'modules')).sort()).toEqual([
    'rivulet.html', 'rivulet_functions.html', 'rivulet_streaming.html', 'rivulet_testing.html', 'rivulet_types.html',
  ]);
  const df = fs.readFileSync(path.join(out, 'classes/rivulet.DataFrame.html'), 'utf8');
  expect(df).toContain('writeStream');
  expect(df).toContain('withWatermark');
  expect(fs.existsSync(path.join(out, 'classes/rivulet.StreamingQuery.html'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'classes/rivulet_testing.MemoryStream.html'))).toBe(true);
  expect(fs.existsSync(path.join(out, 'classes/rivulet_streaming.StreamingContext.html'))).toBe(true);
  // Doc comments carry over (col is documented once, under rivulet, and referenced from rivulet/functions).
  expect(fs.readFileSync(path.join(out, 'functions/rivulet.col.html'), 'utf8')).toContain('A column by name');
  expect(fs.readFileSync(path.join(out, 'functions/rivulet_functions.split.html'), 'utf8')).toContain('pattern is a Java regular expression');
});
