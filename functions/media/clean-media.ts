/**
 * Cleans one file of a known type, inside a cleaning worker: photos are re-encoded, PDFs rebuilt,
 * audio kept as audio with its container rebuilt without tags. Every failure becomes a refusal;
 * nothing here throws at the caller.
 */
import { cleanAmr } from './clean-amr.ts';
import { cleanImage } from './clean-image.ts';
import { cleanMp3 } from './clean-mp3.ts';
import { cleanMp4Audio } from './clean-mp4-audio.ts';
import { cleanOggOpus } from './clean-ogg-opus.ts';
import { cleanPdf } from './clean-pdf.ts';
import { CleaningRefused, type CleanJob, type CleanResult } from './cleaning-contract.ts';
import type { AudioType } from './sniff-media-type.ts';
import { isAudioType, sniffMediaType } from './sniff-media-type.ts';

function cleanAudio(bytes: Uint8Array, type: AudioType): Uint8Array {
  switch (type) {
    case 'audio/ogg':
      return cleanOggOpus(bytes);
    case 'audio/amr':
      return cleanAmr(bytes, false);
    case 'audio/amr-wb':
      return cleanAmr(bytes, true);
    case 'audio/mpeg':
      return cleanMp3(bytes);
    case 'audio/mp4':
      return cleanMp4Audio(bytes);
  }
}

export async function cleanMedia(job: CleanJob): Promise<CleanResult> {
  if (sniffMediaType(job.bytes, { audio: isAudioType(job.type) }) !== job.type)
    return { ok: false, refusal: 'unsupported-type' };
  try {
    const bytes = isAudioType(job.type)
      ? cleanAudio(job.bytes, job.type)
      : job.type === 'application/pdf'
        ? await cleanPdf(job.bytes)
        : await cleanImage(job.bytes, job.type);
    return { ok: true, bytes, mediaType: job.type };
  } catch (error) {
    return { ok: false, refusal: error instanceof CleaningRefused ? error.refusal : 'unreadable' };
  }
}
