import type { ChangedFile, Seeds } from '../context/seeds.js';
import { isSafeRelativePath } from '../repo/read.js';

/** A comment that starts with the command, split into what its arguments name. */
export interface CommandInvocation {
  /** The command line as written, for the report (first line, shortened). */
  line: string;
  /** Repository paths or directories named, e.g. `src/app.ts`, `src/graph/`. */
  paths: string[];
  /** Code identifiers named, e.g. `parseConfig`, `Order.total_price`. */
  symbols: string[];
  /** Everything else: extra seed text. */
  text: string;
}

const MAX_LINE = 200;

/** `foo.bar`, `Foo::bar`, `Foo#bar`, `parse_config()`, `renderMap`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*(?:\(\))?$/;
/** Identifiers that can only be code: snake_case, camelCase, PascalCase with a second capital, qualified, or called. */
const CODE_LIKE = /_|[a-z][A-Z]|^[A-Z][a-z0-9]+[A-Z]|\.|::|#|\(\)$/;

/**
 * Reads a comment as the command when its first word is the command
 * (`/context`, or the `command` input); undefined otherwise. The words after
 * it on the first line are arguments: a path when `isPath` says the
 * repository has it (a file or a directory), a code identifier when it looks
 * like one (backticks make any word an identifier), otherwise free text, as
 * are the following lines.
 */
export function parseCommand(
  body: string,
  command: string,
  isPath: (path: string) => boolean,
): CommandInvocation | undefined {
  const trimmed = body.replace(/\r\n/g, '\n').trim();
  const [first = '', ...rest] = trimmed.split('\n');
  const words = first.trim().split(/\s+/);
  if (words[0] !== command) return undefined;
  const paths: string[] = [];
  const symbols: string[] = [];
  const free: string[] = [];
  for (const word of words.slice(1)) {
    const quoted = /^`[^`]+`[,.;:]?$/.test(word);
    const token = word.replace(/[,.;:]+$/, '').replace(/^[`'"]+|[`'"]+$/g, '');
    const asPath = token.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!token) continue;
    if (asPath && !asPath.includes('://') && isSafeRelativePath(asPath) && isPath(asPath)) paths.push(asPath);
    else if (IDENTIFIER.test(token) && (quoted || CODE_LIKE.test(token))) symbols.push(token.replace(/\(\)$/, ''));
    else free.push(word);
  }
  const text = [free.join(' '), ...rest].join('\n').trim();
  const line = first.trim().length > MAX_LINE ? `${first.trim().slice(0, MAX_LINE - 1)}…` : first.trim();
  return { line, paths, symbols, text };
}

/** True when the arguments name something specific (and so narrow the request). */
export function narrows(invocation: CommandInvocation): boolean {
  return invocation.paths.length > 0 || invocation.symbols.length > 0;
}

function underPath(file: string, named: string): boolean {
  return file === named || file.startsWith(`${named}/`);
}

/**
 * Seeds for the command. Named paths and identifiers narrow the request:
 * only the changed files under the named paths stay seeds (with their changed
 * lines), the named paths and identifiers are mentioned to the ranking, and
 * the rest of the default seeds (other changed files, the issue text) are
 * dropped. Free text is always added. Without names, the default seeds stay.
 */
export function commandSeeds(invocation: CommandInvocation, defaults: Seeds): Seeds {
  const extra = invocation.text;
  // The changed files' old side stays whatever the command keeps of them.
  const base = defaults.base === undefined ? {} : { base: defaults.base };
  if (!narrows(invocation)) {
    const text = [defaults.text ?? '', extra].filter((t) => t.length > 0).join('\n\n');
    return text ? { changed: defaults.changed, text, ...base } : { changed: defaults.changed, ...base };
  }
  const changed: ChangedFile[] = defaults.changed.filter((file) =>
    invocation.paths.some((named) => underPath(file.path, named) || underPath(file.previousPath ?? '', named)),
  );
  // Backticks make the ranking read a name as code whatever its spelling.
  const text = [...invocation.paths, ...invocation.symbols.map((s) => `\`${s}\``), extra]
    .filter((t) => t.length > 0)
    .join('\n');
  return { changed, text, ...base };
}
