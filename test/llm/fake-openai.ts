import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countTokens } from 'gpt-tokenizer';

/** One chat-completions request as it arrived over the wire. */
export interface RecordedChat {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The raw body text, for "the key is never in a body" checks. */
  raw: string;
  body: ChatBody;
}

export interface ChatBody {
  model: string;
  messages: { role: 'system' | 'user'; content: string }[];
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  [key: string]: unknown;
}

/** What the fake answers to the next request. */
export type ScriptedAnswer =
  /** A well-formed completion whose content is this value as JSON. */
  | { json: unknown }
  /** A completion with this exact content (malformed JSON, prose around JSON, …). */
  | { content: string; finishReason?: string }
  /** An error status with OpenAI's error body. */
  | { status: number; message?: string; code?: string; param?: string; headers?: Record<string, string> }
  /** Waits before answering (past the client's timeout, for timeout tests). */
  | { delayMs: number; then: ScriptedAnswer }
  /** A completion without a `usage` object, as some local servers send. */
  | { json: unknown; noUsage: true };

/**
 * A chat-completions server on 127.0.0.1 speaking the OpenAI protocol, for
 * the real `openai` SDK to talk to: it checks the bearer key, answers from a
 * script (one scripted answer per request, in order), records every request
 * and can behave like servers that lack `json_schema` structured output or
 * that reject `max_tokens` (OpenAI's reasoning models).
 */
export class FakeOpenAI {
  readonly requests: RecordedChat[] = [];
  private readonly script: ScriptedAnswer[] = [];
  /** Answer a 400 to `response_format: json_schema`, as servers without structured output do. */
  rejectJsonSchema = false;
  /** Answer a 400 to `max_tokens`, as OpenAI's reasoning models do. */
  rejectMaxTokens = false;
  private server: Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(readonly key: string) {}

  /** The base URL to give the client (`…/v1`). */
  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  /** Queues answers for the next requests, in order. */
  answer(...answers: ScriptedAnswer[]): this {
    this.script.push(...answers);
    return this;
  }

  /** Answers not yet used: a test that scripted more than was asked for can say so. */
  get pending(): number {
    return this.script.length;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, message: string, extra: Record<string, unknown> = {}, headers = {}): void =>
      send(status, { error: { message, type: 'invalid_request_error', param: null, code: null, ...extra } }, headers);

    const path = new URL(req.url ?? '/', this.url).pathname;
    if (req.method !== 'POST' || path !== '/v1/chat/completions')
      return error(404, `Unknown route ${req.method} ${path}`);
    let body: ChatBody;
    try {
      body = JSON.parse(raw) as ChatBody;
    } catch {
      return error(400, 'We could not parse the JSON body of your request.');
    }
    this.requests.push({ method: req.method, path, authorization: req.headers.authorization, raw, body });
    if (req.headers.authorization !== `Bearer ${this.key}`)
      return error(401, 'Incorrect API key provided.', { code: 'invalid_api_key', type: 'invalid_request_error' });
    if (this.rejectMaxTokens && body.max_tokens !== undefined)
      return error(
        400,
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        { param: 'max_tokens', code: 'unsupported_parameter' },
      );
    if (this.rejectJsonSchema && body.response_format?.type === 'json_schema')
      return error(
        400,
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        {
          param: 'response_format',
        },
      );
    let next = this.script.shift();
    if (!next) return error(500, 'The fake has no scripted answer left for this request.');
    while ('delayMs' in next) {
      await new Promise((resolve) => setTimeout(resolve, (next as { delayMs: number }).delayMs));
      next = next.then;
    }
    if ('status' in next)
      return error(
        next.status,
        next.message ?? `scripted ${next.status}`,
        { code: next.code ?? null, param: next.param ?? null },
        next.headers,
      );
    const content = 'json' in next ? JSON.stringify(next.json) : next.content;
    const promptTokens = body.messages.reduce((n, m) => n + 4 + countTokens(m.content), 3);
    send(200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: 1_767_225_600,
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          finish_reason: 'finishReason' in next && next.finishReason ? next.finishReason : 'stop',
        },
      ],
      ...('noUsage' in next
        ? {}
        : {
            usage: {
              prompt_tokens: promptTokens,
              completion_tokens: countTokens(content),
              total_tokens: promptTokens + countTokens(content),
            },
          }),
    });
  }
}
