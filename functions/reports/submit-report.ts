/** `POST /api/reports`: an anonymous report in, a receipt code out (201), or a localized problem. */
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
import { acceptReport } from './accept-report.ts';
import { readReportBody } from './read-report-body.ts';
import { reportLocale, reportValidationError } from './report-problems.ts';
import { reportInputSchema } from './report-schema.ts';

export async function submitReport(
  request: Request,
  { deps, clientAddress }: RouteContext,
): Promise<Response> {
  const raw = await readReportBody(request);
  const parsed = reportInputSchema.safeParse(raw.data);
  if (!parsed.success) throw reportValidationError(reportLocale(raw.data, request), parsed.error);
  const accepted = await acceptReport(parsed.data, raw.files, raw.via, deps, clientAddress);
  return json({ receipt: accepted.receipt, status: accepted.status }, { status: 201 });
}
