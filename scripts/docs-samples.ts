// The code samples of the guides in docs/guides: every ```ts block, and the ```text block right
// after it (if any) as the stdout it must print. A block fenced ```ts excerpt is a fragment of a
// program (it names a `spark`, a stream or paths it does not define) and is shown, not run. Used
// by `npm run docs` and by the test that runs them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GUIDES_DIR = path.resolve(__dirname, '../docs/guides');

export interface Sample { guide: string; index: number; code: string; expectedStdout: string | null }

/** `lang` is the fence's first word, `info` the rest of its line (`excerpt`, or empty). */
export interface Block { lang: string; info: string; text: string }

export type Part = { kind: 'markdown'; text: string } | { kind: 'code'; block: Block };

/** Splits markdown into prose and fenced code blocks. */
export function parts(markdown: string): Part[] {
  const out: Part[] = [];
  const re = /^```(\w*)(?: +([^\n]*))?\n([\s\S]*?)^```\n?/gm;
  let last = 0;
  for (const m of markdown.matchAll(re)) {
    if (m.index! > last) out.push({ kind: 'markdown', text: markdown.slice(last, m.index) });
    out.push({ kind: 'code', block: { lang: m[1], info: (m[2] ?? '').trim(), text: m[3] } });
    last = m.index! + m[0].length;
  }
  if (last < markdown.length) out.push({ kind: 'markdown', text: markdown.slice(last) });
  return out;
}

export function guideFiles(): string[] {
  return fs.readdirSync(GUIDES_DIR).filter((f) => f.endsWith('.md')).sort();
}

export function samples(): Sample[] {
  const out: Sample[] = [];
  for (const guide of guideFiles()) {
    const ps = parts(fs.readFileSync(path.join(GUIDES_DIR, guide), 'utf8')).filter((p) => p.kind === 'markdown' ? p.text.trim() !== '' : true);
    let index = 0;
    ps.forEach((p, i) => {
      if (p.kind !== 'code' || p.block.lang !== 'ts' || p.block.info === 'excerpt') return;
      const next = ps[i + 1];
      const expected = next && next.kind === 'code' && next.block.lang === 'text' ? next.block.text : null;
      out.push({ guide, index: index++, code: p.block.text, expectedStdout: expected });
    });
  }
  return out;
}

/** The ```ts excerpt blocks of every guide (shown, not run). */
export function excerpts(): { guide: string; text: string }[] {
  return guideFiles().flatMap((guide) => parts(fs.readFileSync(path.join(GUIDES_DIR, guide), 'utf8'))
    .flatMap((p) => (p.kind === 'code' && p.block.lang === 'ts' && p.block.info === 'excerpt' ? [{ guide, text: p.block.text }] : [])));
}
