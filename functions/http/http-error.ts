/**
 * The one error type handlers throw. The router turns it into an RFC 9457 problem response; any
 * other error becomes a generic 500 that reveals nothing but a request id.
 */

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `contact.method`. */
  field: string;
  message: string;
}

export class HttpError extends Error {
  readonly status: number;
  /** Stable machine-readable code, also the last segment of the problem `type`. */
  readonly code: string;
  readonly fields: FieldProblem[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { fields?: FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}
