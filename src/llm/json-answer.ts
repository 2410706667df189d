import { z } from 'zod';

/**
 * JSON values found in a model's text, most likely first: the whole text,
 * then each fenced code block, then each balanced `{…}` object in the text,
 * outer ones first (models without structured output wrap JSON in prose or
 * fences).
 */
export function* jsonCandidates(text: string): Generator<unknown> {
  const tryParse = (source: string): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(source) as unknown };
    } catch {
      return { ok: false };
    }
  };
  const whole = tryParse(text.trim());
  if (whole.ok) yield whole.value;
  for (const fence of text.matchAll(/```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```/g)) {
    const parsed = tryParse(fence[1]!.trim());
    if (parsed.ok) yield parsed.value;
  }
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = balancedEnd(text, start);
    if (end === -1) continue;
    // Nested objects are tried too: a model may wrap the answer (`{"answer": {…}}`).
    const parsed = tryParse(text.slice(start, end + 1));
    if (parsed.ok) yield parsed.value;
  }
}

/** Index of the `}` closing the object that opens at `start`, skipping strings; -1 when it never closes. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

export type ParsedAnswer<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Where zod found the answer wrong, without quoting the answer: `files.2.path: Invalid input: expected string`. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The first JSON value in the text that the schema accepts. The problem
 * says what was wrong (no JSON at all, or which field the schema rejected)
 * and never repeats the model's text.
 */
export function parseJsonAnswer<T>(text: string, schema: z.ZodType<T>): ParsedAnswer<T> {
  let firstError: z.ZodError | undefined;
  let sawJson = false;
  for (const candidate of jsonCandidates(text)) {
    sawJson = true;
    const result = schema.safeParse(candidate);
    if (result.success) return { ok: true, value: result.data };
    firstError ??= result.error;
  }
  if (!sawJson) return { ok: false, problem: 'the answer holds no JSON object' };
  return { ok: false, problem: `the JSON does not match the schema (${describeIssues(firstError!)})` };
}

type JsonSchema = Record<string, unknown>;

/**
 * The zod schema as the JSON Schema OpenAI's strict structured output
 * accepts: no `$schema`, every object closed (`additionalProperties: false`)
 * and every property required (optional ones are nullable in the zod schema,
 * so a model says `null` instead of leaving them out).
 */
export function strictJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }) as JsonSchema;
  delete json.$schema;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const object = node as JsonSchema;
    if (object.type === 'object' && object.properties && typeof object.properties === 'object') {
      object.required = Object.keys(object.properties);
      object.additionalProperties = false;
    }
    for (const value of Object.values(object)) visit(value);
  };
  visit(json);
  return json;
}
