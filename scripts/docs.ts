// `npm run docs`: the guides in docs/guides as a static site in docs-site/ (no build tools beyond
// this script; TypeDoc is not installed, so there is no generated API reference yet).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GUIDES_DIR, guideFiles, parts } from './docs-samples';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function inline(s: string): string {
  return esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, t: string, href: string) => `<a href="${href.replace(/\.md($|#)/, '.html$1')}">${t}</a>`);
}

/** The markdown this repository's guides use: headings, paragraphs, lists, tables, code blocks. */
export function renderMarkdown(markdown: string): string {
  let html = '';
  for (const p of parts(markdown)) {
    if (p.kind === 'code') {
      html += `<pre><code class="language-${p.block.lang}">${esc(p.block.text)}</code></pre>\n`;
      continue;
    }
    for (const chunk of p.text.split(/\n\s*\n/)) {
      const lines = chunk.trim().split('\n');
      if (lines[0] === '') continue;
      const h = /^(#{1,6}) (.*)$/.exec(lines[0]);
      if (h && lines.length === 1) html += `<h${h[1].length}>${inline(h[2])}</h${h[1].length}>\n`;
      else if (lines.every((l) => l.startsWith('|'))) {
        const cells = (l: string) => l.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
        html += '<table>' + `<tr>${cells(lines[0]).map((c) => `<th>${inline(c)}</th>`).join('')}</tr>`
          + lines.slice(2).map((l) => `<tr>${cells(l).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') + '</table>\n';
      } else if (lines.every((l) => /^(- |\s)/.test(l))) {
        html += '<ul>' + chunk.trim().split(/\n(?=- )/).map((item) => `<li>${inline(item.replace(/^- /, ''))}</li>`).join('') + '</ul>\n';
      } else html += `<p>${inline(lines.join(' '))}</p>\n`;
    }
  }
  return html;
}

export function buildSite(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const titles: [string, string][] = [];
  const style = 'body{font:15px system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em}pre{background:#f4f4f4;padding:.8em;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px}';
  for (const file of guideFiles()) {
    const md = fs.readFileSync(path.join(GUIDES_DIR, file), 'utf8');
    const title = /^# (.*)$/m.exec(md)?.[1] ?? file;
    const name = file.replace(/\.md$/, '.html');
    titles.push([name, title]);
    fs.writeFileSync(path.join(outDir, name), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - Rivulet</title><style>${style}</style></head><body><p><a href="index.html">Rivulet guides</a></p>${renderMarkdown(md)}</body></html>\n`);
    written.push(name);
  }
  fs.writeFileSync(path.join(outDir, 'index.html'), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Rivulet guides</title><style>${style}</style></head><body><h1>Rivulet guides</h1><ul>${titles.map(([n, t]) => `<li><a href="${n}">${esc(t)}</a></li>`).join('')}</ul></body></html>\n`);
  written.push('index.html');
  return written;
}

if (require.main === module) {
  const out = path.resolve(__dirname, '../docs-site');
  const files = buildSite(out);
  console.log(`docs-site/: ${files.join(', ')}`);
}
