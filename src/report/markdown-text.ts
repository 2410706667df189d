// Text from the repository (paths, identifiers, source lines) goes into
// GitHub-flavoured markdown: these helpers keep it literal, so a file name can
// neither open an HTML tag nor break out of a code block.

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** An inline code span that shows `text` literally, whatever backticks it holds. */
export function codeSpan(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\n/g, ' ')}${pad}${ticks}`;
}

/** A fenced code block longer than any backtick run inside it. */
export function codeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${language}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${fence}`;
}

/** Plain text for markdown: HTML-significant characters as entities, markdown emphasis escaped. */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\*_[\]|~])/g, '\\$1')
    .replace(/\n/g, ' ');
}

/**
 * A ranking reason such as "`apply_discount` in shop/pricing.py calls
 * `total_price`": the backticked parts stay code spans, the rest is escaped.
 */
export function reasonText(reason: string): string {
  return reason
    .split(/(`[^`\n]+`)/)
    .map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? part : escapeText(part)))
    .join('');
}

/** Mentions and links a model might write (or be talked into writing). */
const MODEL_HAZARD = /(https?:\/\/\S+|www\.\S+|(?<![\w`])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9._-]+)?)/;

/**
 * Text a model wrote, for markdown: plain text (escaped as escapeText does,
 * paragraph breaks kept) where its `code spans` stay code, and @-mentions
 * and links go into code spans, so the model can neither ping anyone nor
 * plant a clickable link or HTML.
 */
export function modelText(text: string): string {
  const plain = (part: string): string =>
    part
      .split(new RegExp(MODEL_HAZARD.source, 'g'))
      .map((piece, i) => (i % 2 === 1 ? codeSpan(piece) : escapeText(piece)))
      .join('');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split(/(`[^`\n]+`)/)
        .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? part : plain(part)))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}
