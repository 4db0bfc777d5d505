/** What a channel sends: one message, already worded, with an absolute link when the base URL is known. */
export interface OutboundMessage {
  /** the delivery's id: receivers use it to drop a message they got twice (a retry after a lost answer) */
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  body: string;
  /** absolute URL of the page the message is about, when the server knows its public address */
  url: string | null;
  regionName: string;
  createdAt: string;
}

/** A channel that could not take the message. `retry: false` means trying again cannot help. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retry = true,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}
