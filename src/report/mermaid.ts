import type { FileLink } from './file-links.js';

const VERB: Readonly<Record<string, string>> = {
  call: 'calls',
  new: 'instantiates',
  inherit: 'inherits',
  type: 'uses type',
  import: 'imports',
};

/** A Mermaid label in double quotes: `#`, quotes and angle brackets as Mermaid entity codes. */
function label(text: string): string {
  return `"${text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')}"`;
}

/**
 * A Mermaid flowchart of files: the focus files highlighted; a solid arrow
 * from the file whose code uses another file's definitions, labelled with
 * the dominant kind of use; a dotted line between files that change
 * together. Node ids are positional (n0, n1, …), so paths appear only in
 * quoted labels.
 */
export function renderFileDiagram(
  files: readonly string[],
  focus: ReadonlySet<string>,
  links: readonly FileLink[],
): string {
  const id = new Map(files.map((path, i) => [path, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const path of files) lines.push(`  ${id.get(path)}[${label(path)}]${focus.has(path) ? ':::focus' : ''}`);
  for (const link of links) {
    const from = id.get(link.from);
    const to = id.get(link.to);
    if (!from || !to) continue;
    if (link.kind === 'cochange') lines.push(`  ${from} -.-|changes with| ${to}`);
    else lines.push(`  ${from} -->|${VERB[link.refKind ?? ''] ?? 'uses'}| ${to}`);
  }
  lines.push('  classDef focus fill:#fff5b1,stroke:#9a6700,stroke-width:2px');
  return lines.join('\n');
}
