import { describe, expect, it } from 'vitest';
import { cleanAmr } from '../../../functions/media/clean-amr.ts';
import { cleanMedia } from '../../../functions/media/clean-media.ts';
import { cleanMp3 } from '../../../functions/media/clean-mp3.ts';
import { cleanMp4Audio } from '../../../functions/media/clean-mp4-audio.ts';
import { cleanOggOpus } from '../../../functions/media/clean-ogg-opus.ts';
import { sniffMediaType } from '../../../functions/media/sniff-media-type.ts';
import { includes } from '../../helpers/media-files.ts';
import { oggOpusVoiceNote, VOICE_SECRETS } from '../../helpers/twilio-media.ts';

const SECRET = 'Jane Texter, Lakeside Road';

/** An MPEG-1 Layer III frame at 128 kbit/s, 44.1 kHz: 417 bytes, marked so frames can be counted. */
function mp3Frame(mark: number): Buffer {
  const frame = Buffer.alloc(417, mark);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  return frame;
}

function id3v2(text: string): Buffer {
  const body = Buffer.concat([
    Buffer.from('TPE1'),
    Buffer.from([0, 0, 0, text.length + 1, 0, 0, 0]),
    Buffer.from(text),
  ]);
  const size = body.length;
  const header = Buffer.from([
    0x49,
    0x44,
    0x33,
    3,
    0,
    0,
    (size >> 21) & 0x7f,
    (size >> 14) & 0x7f,
    (size >> 7) & 0x7f,
    size & 0x7f,
  ]);
  return Buffer.concat([header, body]);
}

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

function fullBox(type: string, payload: Buffer): Buffer {
  return box(type, Buffer.alloc(4), payload);
}

/** ftyp, a udta with a title and a location, moov (tags inside too), then mdat: like an iPhone memo. */
function m4a(): { file: Buffer; samples: Buffer } {
  const samples = Buffer.from('AAC-SAMPLES-0123456789');
  const tags = box(
    'udta',
    box('meta', Buffer.alloc(4), box('ilst', box('\xa9nam', Buffer.from(SECRET)))),
    box('\xa9xyz', Buffer.from('+27.7+085.3/')),
  );
  const build = (offset: number) => {
    const stco = Buffer.alloc(8);
    stco.writeUInt32BE(1, 0);
    stco.writeUInt32BE(offset, 4);
    const hdlr = fullBox(
      'hdlr',
      Buffer.concat([Buffer.alloc(4), Buffer.from('soun'), Buffer.alloc(12), Buffer.from('\0')]),
    );
    const trak = box('trak', box('mdia', hdlr, box('minf', box('stbl', fullBox('stco', stco)))), tags);
    return Buffer.concat([
      box('ftyp', Buffer.from('M4A \0\0\0\0isom')),
      box('moov', trak, tags),
      box('free', Buffer.from(SECRET)),
      box('mdat', samples),
    ]);
  };
  const first = build(0);
  const offset = first.indexOf(samples);
  return { file: build(offset), samples };
}

describe('Audio cleaning', () => {
  it('sniffs audio only when asked, by magic bytes', () => {
    const note = oggOpusVoiceNote(2);
    expect(sniffMediaType(note)).toBeNull();
    expect(sniffMediaType(note, { audio: true })).toBe('audio/ogg');
    expect(sniffMediaType(Buffer.from('#!AMR\n\x3c'), { audio: true })).toBe('audio/amr');
    expect(sniffMediaType(id3v2('x'), { audio: true })).toBe('audio/mpeg');
    expect(sniffMediaType(m4a().file, { audio: true })).toBe('audio/mp4');
    expect(sniffMediaType(Buffer.from('MZ\x90\x00'), { audio: true })).toBeNull();
  });

  it('drops OpusTags comments and the vendor string, keeps every audio packet', () => {
    const cleaned = cleanOggOpus(oggOpusVoiceNote(60));
    for (const secret of Object.values(VOICE_SECRETS)) expect(includes(cleaned, secret)).toBe(false);
    expect(Buffer.from(cleaned).toString('latin1').split('\xf8\xff\xfe').length - 1).toBe(60);
  });

  it('refuses an Ogg file whose CRC does not match, or with a second stream', () => {
    const damaged = oggOpusVoiceNote(5);
    damaged[40] = damaged[40]! ^ 0xff;
    expect(() => cleanOggOpus(damaged)).toThrow('unreadable');
    const note = oggOpusVoiceNote(5);
    const second = Buffer.from(note);
    second.writeUInt32LE(0x999, note.indexOf('OggS', 100) + 14);
    expect(() => cleanOggOpus(second)).toThrow();
  });

  it('keeps MP3 frames and drops ID3v2, ID3v1 and APE tags', () => {
    const frames = [1, 2, 3].map(mp3Frame);
    const ape = Buffer.concat([Buffer.from('APETAGEX'), Buffer.from(SECRET), Buffer.alloc(20)]);
    const id3v1 = Buffer.concat([Buffer.from('TAG'), Buffer.from(SECRET.padEnd(125, '\0'))]);
    const cleaned = cleanMp3(Buffer.concat([id3v2(SECRET), ...frames, ape, id3v1]));
    expect(Buffer.from(cleaned)).toEqual(Buffer.concat(frames));
  });

  it('checks AMR frames and drops what follows them', () => {
    const frame = Buffer.concat([Buffer.from([0x3c]), Buffer.alloc(31, 7)]); // mode 7 (12.2 kbit/s)
    const cleaned = cleanAmr(
      Buffer.concat([Buffer.from('#!AMR\n'), frame, frame, Buffer.from(SECRET)]),
      false,
    );
    expect(Buffer.from(cleaned)).toEqual(Buffer.concat([Buffer.from('#!AMR\n'), frame, frame]));
    expect(() => cleanAmr(Buffer.from('#!AMR\n\xff\xff', 'latin1'), false)).toThrow('unreadable');
  });

  it('drops udta, meta and free boxes from M4A and moves chunk offsets with the samples', () => {
    const { file, samples } = m4a();
    const cleaned = Buffer.from(cleanMp4Audio(file));
    expect(includes(cleaned, SECRET)).toBe(false);
    expect(includes(cleaned, '+27.7+085.3/')).toBe(false);
    const stco = cleaned.indexOf('stco');
    const offset = cleaned.readUInt32BE(stco + 12);
    expect(cleaned.subarray(offset, offset + samples.length)).toEqual(samples);
    expect(cleaned.length).toBeLessThan(file.length);
  });

  it('refuses audio bytes announced as another type, and a video in an MP4', async () => {
    expect(await cleanMedia({ bytes: oggOpusVoiceNote(3), type: 'audio/mpeg' })).toEqual({
      ok: false,
      refusal: 'unsupported-type',
    });
    const video = m4a().file;
    const at = video.indexOf('soun');
    video.write('vide', at, 'latin1');
    expect(await cleanMedia({ bytes: video, type: 'audio/mp4' })).toEqual({
      ok: false,
      refusal: 'unsupported-type',
    });
  });
});
