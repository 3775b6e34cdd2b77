/** The baseline: a bare `node:http` server answering a fixed JSON body. */
import { createServer } from 'node:http';

const [port, body = '{}'] = process.argv.slice(2);
createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}).listen(Number(port), '127.0.0.1');
