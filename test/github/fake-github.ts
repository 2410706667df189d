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

/** A workflow job as `GET /repos/{o}/{r}/actions/runs/{id}/jobs` lists it (the fields revloop reads). */
export interface FakeJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  html_url: string;
}

/** A pull request as the list routes (`pulls.list`, `commits/{sha}/pulls`) return it. */
export interface FakePullSummary {
  number: number;
  state: 'open' | 'closed';
  head: { sha: string; ref: string; repo: { full_name: string } | null };
  base: { ref: string; repo: { full_name: string } };
}

/** A request to the log storage host, which must never see the token. */
export interface LogHostRequest {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

/** A review comment as `pulls.listReviewComments` returns it (the fields revloop reads). */
export interface FakeReviewComment {
  id: number;
  path: string;
  line: number;
  start_line: number | null;
  side: string;
  body: string;
}

/** A review as `pulls.createReview` received it. */
export interface FakeReview {
  id: number;
  commit_id: string;
  event: string;
  body: string;
  comments: FakeReviewComment[];
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
 * uses (issue comments, reactions, pulls.get/update, pulls.listFiles, pulls.list,
 * a comparison's merge base,
 * reviews with GitHub's hunk checks, review comments,
 * a commit's pull requests, a run's jobs, and job logs redirected to a
 * second server standing in for log storage) with GitHub's status codes,
 * `Link`-header pagination and token checking. It records every request and
 * can be scripted to fail.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Comments per issue number. */
  readonly comments = new Map<number, FakeComment[]>();
  readonly pulls = new Map<
    number,
    { base: { sha: string }; head: { sha: string }; title?: string; body?: string | null }
  >();
  /** Reviews created per pull request; a review GitHub would reject (a line outside the diff) is not stored. */
  readonly reviews = new Map<number, FakeReview[]>();
  readonly pullFiles = new Map<number, FakePullFile[]>();
  readonly reactions: { commentId: number; content: string }[] = [];
  readonly failures: ScriptedFailure[] = [];
  /** Jobs per workflow run id. */
  readonly runJobs = new Map<number, FakeJob[]>();
  /** Log text per job id, served through a redirect to the log host; a job without one answers 404 (expired). */
  readonly jobLogs = new Map<number, string>();
  /** `compare/{base}...{head}` answers (base a commit or a branch name): the merge base per `base...head`; any other comparison is a 404. */
  readonly mergeBases = new Map<string, string>();
  /** `commits/{sha}/pulls` answers per commit. */
  readonly commitPulls = new Map<string, FakePullSummary[]>();
  /** What `pulls.list` lists (filtered by `state` and `head=owner:branch` as GitHub does). */
  readonly pullList: FakePullSummary[] = [];
  /** Requests that reached the log host. */
  readonly logHostRequests: LogHostRequest[] = [];
  /** Largest page served, whatever per_page asks (GitHub's own cap is 100). */
  maxPageSize = 100;
  private nextId = 1000;
  private server: Server | undefined;
  private logHost: Server | undefined;
  url = '';
  /** The second server standing in for GitHub's log storage: another host, as the real redirect target is. */
  logHostUrl = '';

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
    this.logHost = createServer((req, res) => this.serveLog(req, res));
    await new Promise<void>((resolve) => this.logHost!.listen(0, '127.0.0.1', resolve));
    this.logHostUrl = `http://127.0.0.1:${(this.logHost.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const server of [this.server, this.logHost])
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** The signed URL the logs route redirects to; the signature stands in for GitHub's short-lived token. */
  signedLogUrl(jobId: number): string {
    return `${this.logHostUrl}/job-logs/${jobId}.txt?sig=signed-${jobId}&se=2026-01-01T00%3A10%3A00Z`;
  }

  /** The log host: serves a job's log for a correctly signed URL, 403 otherwise (as storage answers). */
  private serveLog(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.logHostUrl);
    this.logHostRequests.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    });
    const match = /^\/job-logs\/(\d+)\.txt$/.exec(url.pathname);
    const log = match ? this.jobLogs.get(Number(match[1])) : undefined;
    if (log === undefined || url.searchParams.get('sig') !== `signed-${match![1]}`) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<Error><Code>AuthenticationFailed</Code></Error>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(log);
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
    if ((match = /^\/pulls\/(\d+)$/.exec(route)) && recorded.method === 'PATCH') {
      const pull = this.pulls.get(Number(match[1]));
      if (!pull) return send(404, { message: 'Not Found' });
      if (typeof input.body === 'string' && input.body.length > COMMENT_LIMIT)
        return send(422, { message: 'Validation Failed' });
      if (typeof input.body === 'string') pull.body = input.body;
      if (typeof input.title === 'string') pull.title = input.title;
      return send(200, { number: Number(match[1]), ...pull });
    }
    if ((match = /^\/pulls\/(\d+)\/comments$/.exec(route)) && recorded.method === 'GET') {
      const comments = (this.reviews.get(Number(match[1])) ?? []).flatMap((r) => r.comments);
      return this.sendPage(recorded, comments, send);
    }
    if ((match = /^\/pulls\/(\d+)\/reviews$/.exec(route)) && recorded.method === 'POST')
      return this.createReview(Number(match[1]), input, send);
    if ((match = /^\/pulls\/(\d+)\/files$/.exec(route)) && recorded.method === 'GET') {
      const files = this.pullFiles.get(Number(match[1]));
      return files ? this.sendPage(recorded, files, send) : send(404, { message: 'Not Found' });
    }
    if (route === '/pulls' && recorded.method === 'GET') {
      const state = recorded.query.state ?? 'open';
      const head = recorded.query.head;
      const listed = this.pullList.filter(
        (p) =>
          (state === 'all' || p.state === state) &&
          (head === undefined || `${p.head.repo?.full_name.split('/')[0]}:${p.head.ref}` === head),
      );
      return this.sendPage(recorded, listed, send);
    }
    if ((match = /^\/compare\/([^/]+\.\.\.[0-9a-f]{40})$/.exec(route)) && recorded.method === 'GET') {
      // A branch name as the base is sent percent-encoded (`release%2F1.x`).
      const basehead = decodeURIComponent(match[1]!);
      const mergeBase = this.mergeBases.get(basehead);
      if (!mergeBase) return send(404, { message: 'Not Found' });
      const [base, head] = basehead.split('...');
      // The fields revloop reads, and the shape of the rest; commits and files are paged by per_page.
      return send(200, {
        status: 'diverged',
        base_commit: { sha: base },
        merge_base_commit: { sha: mergeBase },
        commits: [{ sha: head }].slice(0, Number(recorded.query.per_page ?? 250)),
        files: [],
      });
    }
    if ((match = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(route)) && recorded.method === 'GET')
      return this.sendPage(recorded, this.commitPulls.get(match[1]!) ?? [], send);
    if ((match = /^\/actions\/runs\/(\d+)\/jobs$/.exec(route)) && recorded.method === 'GET') {
      const jobs = this.runJobs.get(Number(match[1]));
      return jobs ? this.sendPage(recorded, jobs, send, 'jobs') : send(404, { message: 'Not Found' });
    }
    if ((match = /^\/actions\/jobs\/(\d+)\/logs$/.exec(route)) && recorded.method === 'GET') {
      const id = Number(match[1]);
      // GitHub answers with a redirect to short-lived storage; an expired or deleted log is a 404.
      if (!this.jobLogs.has(id)) return send(404, { message: 'Not Found' });
      res.writeHead(302, { location: this.signedLogUrl(id), 'content-length': '0' });
      res.end();
      return;
    }
    return send(404, { message: 'Not Found' });
  }

  /**
   * `pulls.createReview` as GitHub checks it: the commit is the head, and
   * every comment sits on the RIGHT side inside one hunk of its file's patch
   * (from `pullFiles`); one bad comment rejects the whole review with 422.
   */
  private createReview(
    number: number,
    input: Record<string, unknown>,
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const pull = this.pulls.get(number);
    if (!pull) return send(404, { message: 'Not Found' });
    const unprocessable = (why: string): void =>
      send(422, { message: 'Unprocessable Entity', errors: [why], documentation_url: 'https://docs.github.com/rest' });
    if (input.commit_id !== pull.head.sha) return unprocessable('commit_id is not the head of the pull request');
    const hunks = new Map<string, { start: number; end: number }[]>();
    for (const file of this.pullFiles.get(number) ?? []) {
      const ranges = [...(file.patch ?? '').matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)].map((m) => ({
        start: Number(m[1]),
        end: Number(m[1]) + (m[2] === undefined ? 1 : Number(m[2])) - 1,
      }));
      hunks.set(file.filename, ranges);
    }
    const comments: FakeReviewComment[] = [];
    for (const raw of (input.comments ?? []) as Record<string, unknown>[]) {
      const line = Number(raw.line);
      const start = raw.start_line === undefined ? line : Number(raw.start_line);
      const inHunk = (hunks.get(String(raw.path)) ?? []).some((h) => h.start <= start && line <= h.end);
      if (raw.side !== 'RIGHT' || (raw.start_line !== undefined && raw.start_side !== 'RIGHT'))
        return unprocessable('side must be RIGHT');
      if (!inHunk || start > line) return unprocessable('Pull request review thread line must be part of the diff');
      comments.push({
        id: this.nextId++,
        path: String(raw.path),
        line,
        start_line: raw.start_line === undefined ? null : start,
        side: 'RIGHT',
        body: String(raw.body),
      });
    }
    const review: FakeReview = {
      id: this.nextId++,
      commit_id: String(input.commit_id),
      event: String(input.event),
      body: String(input.body ?? ''),
      comments,
    };
    this.reviews.set(number, [...(this.reviews.get(number) ?? []), review]);
    send(200, {
      id: review.id,
      state: 'COMMENTED',
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${number}#pullrequestreview-${review.id}`,
    });
  }

  /**
   * One page of a list, with GitHub's `Link` header (next, last, first, prev);
   * `wrap` names the key of routes that answer `{total_count, <wrap>: [...]}`.
   */
  private sendPage(
    request: RecordedRequest,
    items: readonly unknown[],
    send: (status: number, body: unknown, headers?: Record<string, string>) => void,
    wrap?: string,
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
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const body = wrap ? { total_count: items.length, [wrap]: slice } : slice;
    send(200, body, links.length > 0 ? { link: links.join(', ') } : {});
  }
}
