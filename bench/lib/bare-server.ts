/** The baseline: a bare `node:http` server answering a fixed body (JSON unless told otherwise). */
import { createServer } from 'node:http';

const [port, body = '{}', type = 'application/json; charset=utf-8'] = process.argv.slice(2);
createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}).listen(Number(port), '127.0.0.1');
