/**
 * Cleans one file of a known type, inside a cleaning worker: photos are re-encoded, PDFs rebuilt.
 * Every failure becomes a refusal; nothing here throws at the caller.
 */
import { cleanImage } from './clean-image.ts';
import { cleanPdf } from './clean-pdf.ts';
import { CleaningRefused, type CleanJob, type CleanResult } from './cleaning-contract.ts';
import { sniffMediaType } from './sniff-media-type.ts';

export async function cleanMedia(job: CleanJob): Promise<CleanResult> {
  if (sniffMediaType(job.bytes) !== job.type) return { ok: false, refusal: 'unsupported-type' };
  try {
    const bytes =
      job.type === 'application/pdf' ? await cleanPdf(job.bytes) : await cleanImage(job.bytes, job.type);
    return { ok: true, bytes, mediaType: job.type };
  } catch (error) {
    return { ok: false, refusal: error instanceof CleaningRefused ? error.refusal : 'unreadable' };
  }
}
