/** Every thread channel, by the queue item's `source`: a new channel is one folder and one line here. */
import { reportThread } from './report/report-thread.ts';
import { smsThread } from './sms/sms-thread.ts';
import type { ThreadChannel } from './thread-channel.ts';

export const CHANNELS = { report: reportThread, sms: smsThread } as const satisfies Record<
  string,
  ThreadChannel
>;

export type ChannelKind = keyof typeof CHANNELS;

export function channelOf(source: ChannelKind): ThreadChannel {
  return CHANNELS[source];
}
