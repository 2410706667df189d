/** The languages revloop extracts tags from, and how files map onto them. */

export type LanguageId =
  | 'bash'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'dart'
  | 'elixir'
  | 'go'
  | 'java'
  | 'javascript'
  | 'kotlin'
  | 'lua'
  | 'php'
  | 'python'
  | 'ruby'
  | 'rust'
  | 'scala'
  | 'swift'
  | 'tsx'
  | 'typescript';

export interface LanguageSpec {
  id: LanguageId;
  /** File name of the grammar inside tree-sitter-wasms/out. */
  wasm: string;
  /** File name of the tags query inside queries/. */
  query: string;
}

const spec = (id: LanguageId, grammar: string): LanguageSpec => ({
  id,
  wasm: `tree-sitter-${grammar}.wasm`,
  query: `${id}-tags.scm`,
});

export const LANGUAGES: Readonly<Record<LanguageId, LanguageSpec>> = {
  bash: spec('bash', 'bash'),
  c: spec('c', 'c'),
  cpp: spec('cpp', 'cpp'),
  csharp: spec('csharp', 'c_sharp'),
  dart: spec('dart', 'dart'),
  elixir: spec('elixir', 'elixir'),
  go: spec('go', 'go'),
  java: spec('java', 'java'),
  javascript: spec('javascript', 'javascript'),
  kotlin: spec('kotlin', 'kotlin'),
  lua: spec('lua', 'lua'),
  php: spec('php', 'php'),
  python: spec('python', 'python'),
  ruby: spec('ruby', 'ruby'),
  rust: spec('rust', 'rust'),
  scala: spec('scala', 'scala'),
  swift: spec('swift', 'swift'),
  tsx: spec('tsx', 'tsx'),
  typescript: spec('typescript', 'typescript'),
};

// Header files go to C++ (as universal-ctags does): its grammar parses C
// headers too, while the C grammar chokes on C++ headers.
const BY_EXTENSION: Readonly<Record<string, LanguageId>> = {
  '.sh': 'bash',
  '.bash': 'bash',
  '.c': 'c',
  '.h': 'cpp',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.c++': 'cpp',
  '.hh': 'cpp',
  '.hpp': 'cpp',
  '.hxx': 'cpp',
  '.h++': 'cpp',
  '.inl': 'cpp',
  '.ipp': 'cpp',
  '.cs': 'csharp',
  '.dart': 'dart',
  '.ex': 'elixir',
  '.exs': 'elixir',
  '.go': 'go',
  '.java': 'java',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.kt': 'kotlin',
  '.kts': 'kotlin',
  '.lua': 'lua',
  '.php': 'php',
  '.py': 'python',
  '.pyi': 'python',
  '.rb': 'ruby',
  '.rake': 'ruby',
  '.gemspec': 'ruby',
  '.rs': 'rust',
  '.scala': 'scala',
  '.sc': 'scala',
  '.swift': 'swift',
  '.tsx': 'tsx',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
};

const BY_NAME: Readonly<Record<string, LanguageId>> = {
  Rakefile: 'ruby',
  Gemfile: 'ruby',
};

/** The language of a repository path, or undefined when revloop has no grammar for it. */
export function languageForPath(path: string): LanguageId | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const byName = BY_NAME[base];
  if (byName) return byName;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return BY_EXTENSION[base.slice(dot).toLowerCase()];
}
