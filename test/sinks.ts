/**
 * Real peers for the notification channels: an SMTP server that keeps what it receives, and an HTTP
 * server that records requests and answers as a test tells it to (200, 500, or never).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export async function startSmtpSink(): Promise<{ url: string; port: number; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, port, mails, close: () => new Promise((r) => server.close(() => r())) };
}

/** Decodes RFC 2047 words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) of a header value. */
export function decodeHeader(v: string): string {
  return v.replace(/\s*=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** The subject and the decoded text/plain part of a raw message nodemailer wrote. */
export function parseMail(raw: string): { subject: string; text: string; headers: string } {
  const [headers = ''] = raw.split(/\r?\n\r?\n/);
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeHeader(/^subject: (.*)$/im.exec(unfolded)?.[1] ?? '');
  const part = /content-type: text\/plain[^\n]*\r?\n(?:[^\r\n]+\r?\n)*?content-transfer-encoding: (\S+)\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n(?:--|$)/i.exec(raw);
  let text = '';
  if (part) {
    const [, enc, body = ''] = part;
    if (/base64/i.test(enc!)) text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (/quoted-printable/i.test(enc!)) text = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
    else text = body;
  }
  return { subject, text, headers: unfolded };
}

export interface HookRequest {
  path: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An HTTP receiver. `answer` decides each response: a status and body, or 'hang' to never answer. */
export async function startHttpSink(): Promise<{ base: string; requests: HookRequest[]; answer: (fn: (r: HookRequest) => { status: number; body?: string } | 'hang') => void; close: () => Promise<void> }> {
  const requests: HookRequest[] = [];
  let decide: (r: HookRequest) => { status: number; body?: string } | 'hang' = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: HookRequest = { path: (req.url ?? '').split('?')[0]!, url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      const a = decide(r);
      if (a === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    answer: (fn) => {
      decide = fn;
    },
    close: () =>
      new Promise((r) => {
        for (const h of hanging) h.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
