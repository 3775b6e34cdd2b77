/**
 * A local stand-in for Sanity's query API, built on groq-js over an in-memory dataset (an NDJSON
 * import file, or documents given directly). It answers `GET|POST /v<version>/data/query/<dataset>`
 * the way @sanity/client calls it. groq-js has no perspectives, so they are applied here: `published`
 * hides `drafts.*` documents, `drafts`/`previewDrafts` lay drafts over their published documents and
 * need the read token when one is set, `raw` shows everything.
 * Run it by hand with `node tests/helpers/sanity-stand-in.ts <file.ndjson> [port]`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { evaluate, parse } from 'groq-js';

export type StandInDocument = Record<string, unknown> & { _id: string; _type: string };

export interface SanityStandIn {
  /** The API host to give @sanity/client (`apiHost`, with `useProjectHostname: false`). */
  url: string;
  documents: StandInDocument[];
  /** Replaces fields of one document, as an editor's publish would. */
  patch(id: string, fields: Record<string, unknown>): void;
  /** Adds or replaces whole documents (a draft is a document whose id starts with `drafts.`). */
  put(...documents: StandInDocument[]): void;
  /** Deletes a document, as an editor's delete would. */
  remove(id: string): void;
  /** Queries answered so far. */
  readonly queries: number;
  close(): Promise<void>;
}

export function readNdjson(text: string): StandInDocument[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StandInDocument);
}

const DRAFT = 'drafts.';

function withPerspective(documents: StandInDocument[], perspective: string): StandInDocument[] {
  if (perspective === 'raw') return documents;
  const published = documents.filter((d) => !d._id.startsWith(DRAFT));
  if (perspective === 'published') return published;
  const drafts = new Map(
    documents
      .filter((d) => d._id.startsWith(DRAFT))
      .map((d) => [d._id.slice(DRAFT.length), { ...d, _id: d._id.slice(DRAFT.length), _originalId: d._id }]),
  );
  const merged = published.map((d) => drafts.get(d._id) ?? d);
  const publishedIds = new Set(published.map((d) => d._id));
  return [...merged, ...[...drafts.values()].filter((d) => !publishedIds.has(d._id))];
}

async function readJson(req: IncomingMessage): Promise<{ query?: string; params?: Record<string, unknown> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export async function startSanityStandIn(
  options: {
    documents?: StandInDocument[];
    ndjsonFile?: string;
    dataset?: string;
    token?: string;
    port?: number;
  } = {},
): Promise<SanityStandIn> {
  const documents = options.ndjsonFile
    ? readNdjson(await readFile(options.ndjsonFile, 'utf8'))
    : [...(options.documents ?? [])];
  let queries = 0;
  const server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const match = /^\/v[^/]+\/data\/query\/([^/]+)$/.exec(url.pathname);
      if (!match || (options.dataset && match[1] !== options.dataset)) {
        return reply(404, { error: 'Not found', message: `No route for ${url.pathname}` });
      }
      let query: string | undefined;
      const params: Record<string, unknown> = {};
      if (req.method === 'POST') {
        const body = await readJson(req);
        query = body.query;
        Object.assign(params, body.params);
      } else {
        query = url.searchParams.get('query') ?? undefined;
        for (const [key, value] of url.searchParams) {
          if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value);
        }
      }
      if (!query) return reply(400, { error: 'Bad request', message: 'query is required' });
      const perspective = url.searchParams.get('perspective') ?? 'published';
      if (perspective !== 'published' && options.token) {
        if (req.headers.authorization !== `Bearer ${options.token}`)
          return reply(401, { error: 'Unauthorized', message: 'Drafts need a token with read access' });
      }
      const started = performance.now();
      const tree = parse(query, { params });
      const value = await evaluate(tree, { dataset: withPerspective(documents, perspective), params });
      queries += 1;
      reply(200, { query, ms: Math.round(performance.now() - started), result: await value.get() });
    } catch (error) {
      reply(400, { error: 'Query failed', message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    documents,
    patch(id, fields) {
      const index = documents.findIndex((d) => d._id === id);
      if (index === -1) throw new Error(`no document ${id}`);
      documents[index] = { ...documents[index]!, ...fields };
    },
    put(...added) {
      for (const document of added) {
        const index = documents.findIndex((d) => d._id === document._id);
        if (index === -1) documents.push(document);
        else documents[index] = document;
      }
    },
    remove(id) {
      const index = documents.findIndex((d) => d._id === id);
      if (index !== -1) documents.splice(index, 1);
    },
    get queries() {
      return queries;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, port] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('Usage: node tests/helpers/sanity-stand-in.ts <file.ndjson> [port]\n');
    process.exit(2);
  }
  const standIn = await startSanityStandIn({ ndjsonFile: file, port: port ? Number(port) : 0 });
  process.stdout.write(
    `Sanity stand-in: SANITY_API_HOST=${standIn.url} (${standIn.documents.length} documents)\n`,
  );
}
