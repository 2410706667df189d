/**
 * Masks secret-looking values in log text before anything leaves the
 * machine (printed, posted, sent to an LLM). Replacements keep every line
 * break, so line numbers into the log stay right.
 */

/** What a masked value becomes: GitHub's own mask. */
export const MASK = '***';
/** Shorter masked values would blank out ordinary text (`1`, `on`); GitHub skips them too. */
export const MIN_MASKED_LENGTH = 4;

interface Rule {
  pattern: RegExp;
  /** Replacement for one match; capture groups that are kept stay visible. */
  replace: (match: string, ...groups: string[]) => string;
}

const keepNewlines = (text: string): string => text.replace(/[^\n]+/g, MASK);

const RULES: Rule[] = [
  // PEM private keys: keep the BEGIN/END lines, mask every line between.
  {
    pattern: /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)([\s\S]*?)(-----END [A-Z0-9 ]*PRIVATE KEY-----)/g,
    replace: (_m, begin, body, end) => `${begin}${keepNewlines(body!)}${end}`,
  },
  // GitHub tokens: classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained.
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, replace: () => MASK },
  // AWS access key ids, and secret keys where they are named.
  { pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g, replace: () => MASK },
  {
    pattern:
      /\b(aws_secret_access_key|AWS_SECRET_ACCESS_KEY|aws_session_token|AWS_SESSION_TOKEN)(["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{16,}/g,
    replace: (_m, name, sep) => `${name}${sep}${MASK}`,
  },
  // JSON Web Tokens.
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: () => MASK },
  // Other vendors' well-known token shapes: Slack, Google API keys, npm, Stripe, PyPI.
  {
    pattern:
      /\b(?:xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|pypi-[A-Za-z0-9_-]{50,})\b/g,
    replace: () => MASK,
  },
  // Authorization headers (curl -v, HTTP dumps, JSON): keep the scheme word.
  {
    pattern:
      /\b((?:Proxy-)?Authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|Token|token|Digest|Bot|Negotiate|AWS4-HMAC-SHA256|Key)\s+)?([^\s"',;]+)/gi,
    replace: (_m, head, scheme, value) => (value ? `${head}${scheme ? `${scheme} ` : ''}${MASK}` : _m),
  },
  // Credentials inside URLs and connection strings: scheme://user:password@host.
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s@/]+)@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${MASK}@`,
  },
  // Secret query parameters: ?token=…, &password=….
  {
    pattern:
      /([?&;](?:password|passwd|pwd|token|access_token|refresh_token|id_token|api_key|apikey|key|secret|client_secret|sig|signature|auth|private_token|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)([^&;\s"'#<>]+)/gi,
    replace: (_m, name) => `${name}${MASK}`,
  },
  // Assignments of secret-named settings: DB_PASSWORD=…, password: …, Password=…; (ADO connection strings).
  {
    pattern:
      /\b([A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY)[A-Za-z0-9_]*\s*=\s*|(?:password|passwd|pwd|secret)\s*[=:]\s*)(["']?)([^\s"';&,]{3,})/gi,
    replace: (_m, head, quote) => `${head}${quote}${MASK}`,
  },
];

/**
 * Returns `text` with secrets masked: built-in patterns plus every value in
 * `extraMasked` (the job's masked secrets) of at least
 * {@link MIN_MASKED_LENGTH} characters, line by line for multi-line values.
 */
export function redactSecrets(text: string, extraMasked: readonly string[] = []): string {
  let out = text;
  // Longest first, so a value that contains another is masked whole.
  const literals = [...new Set(extraMasked.flatMap((value) => value.split(/\r?\n/)).map((v) => v.trim()))]
    .filter((value) => value.length >= MIN_MASKED_LENGTH)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (const literal of literals) if (out.includes(literal)) out = out.split(literal).join(MASK);
  for (const rule of RULES)
    out = out.replace(rule.pattern, (match: string, ...args: unknown[]) =>
      // The arguments after the captures are the offset and the whole input.
      rule.replace(match, ...args.slice(0, -2).map((group) => (typeof group === 'string' ? group : ''))),
    );
  return out;
}
