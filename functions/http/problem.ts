/**
 * RFC 9457 `application/problem+json` responses. Every API error leaves the server in this shape,
 * with the request id so that a person reporting a problem can quote it without sharing anything else.
 */
import { HttpError } from './http-error.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemResponse(error: HttpError, requestId: string): Response {
  const body: Record<string, unknown> = {
    type: `https://waymark.dev/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
    requestId,
  };
  if (error.fields) body.errors = error.fields;
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      ...error.headers,
    },
  });
}

export function internalErrorResponse(requestId: string): Response {
  return problemResponse(
    new HttpError(
      500,
      'internal',
      `Something went wrong on our side. If it keeps happening, quote request id ${requestId}.`,
    ),
    requestId,
  );
}
