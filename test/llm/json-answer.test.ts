import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonCandidates, parseJsonAnswer, strictJsonSchema } from '../../src/llm/json-answer.js';
import { explainCiAnswer, localizeAnswer } from '../../src/llm/schemas.js';

const answer = { files: [{ path: 'shop/models.py', reason: 'r', confidence: 'high' }] };

describe('parseJsonAnswer', () => {
  it.each([
    ['bare JSON', JSON.stringify(answer)],
    ['JSON with whitespace', `\n  ${JSON.stringify(answer, null, 2)}\n`],
    ['a fenced block after prose', `Here you go:\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\`\nDone.`],
    ['an unlabelled fence', `\`\`\`\n${JSON.stringify(answer)}\n\`\`\``],
    ['an object inside prose', `The files are ${JSON.stringify(answer)} as asked.`],
    ['a wrapped answer', JSON.stringify({ answer })],
    ['an object after a decoy', `Example: {"not": "it"} and the answer: ${JSON.stringify(answer)}`],
    ['braces inside strings', JSON.stringify({ files: [{ ...answer.files[0], reason: 'uses } and { in "quotes"' }] })],
  ])('finds the answer in %s', (_, text) => {
    const parsed = parseJsonAnswer(text, localizeAnswer);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.files[0]!.path).toBe('shop/models.py');
  });

  it('says there is no JSON when there is none, without quoting the text', () => {
    const parsed = parseJsonAnswer('I think you should change models.py {', localizeAnswer);
    expect(parsed).toEqual({ ok: false, problem: 'the answer holds no JSON object' });
  });

  it('names the first field the schema rejects', () => {
    const parsed = parseJsonAnswer(
      JSON.stringify({ files: [{ path: 7, reason: 'r', confidence: 'high' }] }),
      localizeAnswer,
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(/^the JSON does not match the schema \(files\.0\.path: /);
  });

  it('yields nothing for text without JSON', () => {
    expect([...jsonCandidates('no json here')]).toEqual([]);
  });
});

describe('strictJsonSchema', () => {
  it('closes every object and requires every property, nullable ones included', () => {
    const schema = strictJsonSchema(explainCiAnswer);
    expect(schema.$schema).toBeUndefined();
    expect(schema).toMatchObject({ type: 'object', required: ['explanation', 'fix'], additionalProperties: false });
    const fix = (schema.properties as Record<string, { anyOf: Record<string, unknown>[] }>).fix!;
    expect(fix.anyOf).toContainEqual({ type: 'null' });
    const object = fix.anyOf.find((s) => s.type === 'object')!;
    expect(object.required).toEqual(['path', 'search', 'replace', 'explanation']);
    expect(object.additionalProperties).toBe(false);
  });

  it('makes optional fields required in the schema sent to the endpoint', () => {
    const schema = strictJsonSchema(z.object({ a: z.string(), b: z.string().nullish() }));
    expect(schema.required).toEqual(['a', 'b']);
  });
});
