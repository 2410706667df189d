import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as sent over the wire. */
export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/repos/acme/shop/issues/7/comments`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type: string };
}

export interface FakePullFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

/** A scripted answer: the next `times` requests matching method and path get this status and body. */
export interface ScriptedFailure {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  times: number;
}

/** GitHub rejects longer comment bodies with 422. */
const COMMENT_LIMIT = 65_536;

/**
 * A small hand-written GitHub REST server on 127.0.0.1: the endpoints revloop
 * uses (issue comments, reactions, pulls.get, pulls.listFiles) with GitHub's
 * status codes, `Link`-header pagination and token checking. It records every
 * request and can be scripted to fail.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Comments per issue number. */
  readonly comments = new Map<number, FakeComment[]>();
  readonly pulls = new Map<number, { base: { sha: string }; head: { sha: string } }>();
  readonly pullFiles = new Map<number, FakePullFile[]>();
  readonly reactions: { commentId: number; content: string }[] = [];
  readonly failures: ScriptedFailure[] = [];
  /** Largest page served, whatever per_page asks (GitHub's own cap is 100). */
  maxPageSize = 100;
  private nextId = 1000;
  private server: Server | undefined;
  url = '';

  constructor(
    readonly token: string,
    readonly owner = 'acme',
    readonly repo = 'shop',
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A comment already on the thread, as another user or a previous run left it. */
  addComment(issue: number, body: string, user = { login: 'github-actions[bot]', type: 'Bot' }): FakeComment {
    const id = this.nextId++;
    const comment = {
      id,
      body,
      user,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue}#issuecomment-${id}`,
    };
    const list = this.comments.get(issue) ?? [];
    list.push(comment);
    this.comments.set(issue, list);
    return comment;
  }

  /** Requests as `METHOD /path`, for compact assertions. */
  lines(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: raw ? (JSON.parse(raw) as unknown) : undefined,
    };
    this.requests.push(recorded);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };

    if (recorded.authorization !== `token ${this.token}`)
      return send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    const failure = this.failures.find(
      (f) => f.times > 0 && f.method === recorded.method && f.path.test(recorded.path),
    );
    if (failure) {
      failure.times--;
      return send(failure.status, failure.body ?? { message: `scripted ${failure.status}` }, failure.headers);
    }
    const repoPath = `/repos/${this.owner}/${this.repo}`;
    if (!recorded.path.startsWith(`${repoPath}/`)) return send(404, { message: 'Not Found' });
    const route = recorded.path.slice(repoPath.length);
    const input = (recorded.body ?? {}) as Record<string, unknown>;
    let match: RegExpExecArray | null;

    if ((match = /^\/issues\/(\d+)\/comments$/.exec(route))) {
      const issue = Number(match[1]);
      if (recorded.method === 'GET') return this.sendPage(recorded, this.comments.get(issue) ?? [], send);
      if (recorded.method === 'POST') {
        const body = String(input.body ?? '');
        if (body.length > COMMENT_LIMIT)
          return send(422, {
            message: 'Validation Failed',
            errors: [
              { field: 'body', code: 'custom', message: `body is too long (maximum is ${COMMENT_LIMIT} characters)` },
            ],
          });
        return send(201, this.addComment(issue, body));
      }
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(route)) && recorded.method === 'PATCH') {
      const id = Number(match[1]);
      const comment = [...this.comments.values()].flat().find((c) => c.id === id);
      if (!comment) return send(404, { message: 'Not Found' });
      const body = String(input.body ?? '');
      if (body.length > COMMENT_LIMIT) return send(422, { message: 'Validation Failed' });
      comment.body = body;
      return send(200, comment);
    }
    if ((match = /^\/issues\/comments\/(\d+)\/reactions$/.exec(route)) && recorded.method === 'POST') {
      this.reactions.push({ commentId: Number(match[1]), content: String(input.content) });
      return send(201, { id: this.nextId++, content: input.content });
    }
    if ((match = /^\/pulls\/(\d+)$/.exec(route)) && recorded.method === 'GET') {
      const pull = this.pulls.get(Number(match[1]));
      return pull ? send(200, { number: Number(match[1]), ...pull }) : send(404, { message: 'Not Found' });
    }
    if ((match = /^\/pulls\/(\d+)\/files$/.exec(route)) && recorded.method === 'GET') {
      const files = this.pullFiles.get(Number(match[1]));
      return files ? this.sendPage(recorded, files, send) : send(404, { message: 'Not Found' });
    }
    return send(404, { message: 'Not Found' });
  }

  /** One page of a list, with GitHub's `Link` header (next, last, first, prev). */
  private sendPage(
    request: RecordedRequest,
    items: readonly unknown[],
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(Number(request.query.per_page ?? 30) || 30, this.maxPageSize);
    const page = Math.max(1, Number(request.query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string): string => {
      const query = new URLSearchParams({ ...request.query, per_page: String(perPage), page: String(p) });
      return `<${this.url}${request.path}?${query}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    send(200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
  }
}
