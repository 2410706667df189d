/**
 * Lexical tokens for BM25 (revloop's text retrieval and the benchmark's baselines): every identifier-like
 * run of a text, split on snake_case and camelCase boundaries and
 * lower-cased, so `parseHTTPHeader` and `parse_http_header` meet on
 * `parse`, `http`, `header`; a compound identifier is also kept whole
 * (`parse_http_header`), so an exact mention of a name outweighs its parts.
 */

const WORD = /[A-Za-z0-9_]+/g;
// Boundaries inside one word: `fooBar` → foo|Bar, `HTTPServer` → HTTP|Server, `utf8Decode` → utf8|Decode.
const CAMEL_PARTS = /[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+/g;

/** Parts shorter than this (single letters, `x`, `i`) say nothing about a file. */
const MIN_TOKEN_LENGTH = 2;

/** The parts of one identifier, lower-cased, in order. */
export function splitIdentifier(identifier: string): string[] {
  const parts: string[] = [];
  for (const piece of identifier.split('_')) {
    for (const match of piece.matchAll(CAMEL_PARTS)) {
      const part = match[0].toLowerCase();
      if (part.length >= MIN_TOKEN_LENGTH && !/^[0-9]+$/.test(part)) parts.push(part);
    }
  }
  return parts;
}

/** Every token of a text, in order, repeats included: each identifier's parts, then the identifier if it has several. */
export function lexicalTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const parts = splitIdentifier(match[0]);
    tokens.push(...parts);
    if (parts.length > 1) tokens.push(match[0].toLowerCase());
  }
  return tokens;
}

/** Token → occurrences: the bag of words BM25 scores. */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}
