/**
 * Group robots. Three formats:
 * - generic: a JSON POST of the message, signed with HMAC-SHA256 over `${timestamp}.${body}` in the
 *   headers X-Fazhi-Timestamp and X-Fazhi-Signature: sha256=<hex> (when a secret is set), so the
 *   receiver can check it came from this server and is fresh; X-Fazhi-Delivery carries the delivery id.
 * - dingtalk: the DingTalk custom robot's markdown message; with a 加签 secret, the URL gets
 *   timestamp and sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)).
 * - wecom: the WeCom group robot's markdown message (the key is in the URL).
 * An answer other than 2xx, or a robot's JSON errcode other than 0, is a failure; 4xx other than
 * 408/429 will not get better by retrying.
 */
import { createHmac } from 'node:crypto';
import { ChannelError, type OutboundMessage } from './message.ts';

export type WebhookFormat = 'generic' | 'dingtalk' | 'wecom';

export interface WebhookTarget {
  format: WebhookFormat;
  url: string;
  secret: string | null;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const markdown = (m: OutboundMessage) =>
  [`### 【${m.kindLabel}】${m.title}`, '', ...m.body.split('\n').map((l) => `> ${l}`), '', m.url ? `[查看详情](${m.url})` : '', `<font color="comment">${m.regionName} · ${m.createdAt.slice(0, 16).replace('T', ' ')}</font>`].filter((l) => l !== '').join('\n\n');

/** The HTTP request a robot of this format expects (pure, so tests can check it byte for byte). */
export function buildWebhookRequest(t: WebhookTarget, m: OutboundMessage, now: Date): WebhookRequest {
  const ts = now.getTime();
  if (t.format === 'dingtalk') {
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: `【${m.kindLabel}】${m.title}`, text: markdown(m) } });
    let url = t.url;
    if (t.secret) {
      const sign = createHmac('sha256', t.secret).update(`${ts}\n${t.secret}`).digest('base64');
      url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${encodeURIComponent(sign)}`;
    }
    return { url, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
  }
  if (t.format === 'wecom') {
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown(m) } });
    return { url: t.url, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
  }
  const body = JSON.stringify({ id: m.id, kind: m.kind, kindLabel: m.kindLabel, title: m.title, body: m.body, url: m.url, region: m.regionName, createdAt: m.createdAt });
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-fazhi-delivery': m.id, 'x-fazhi-timestamp': String(Math.floor(ts / 1000)) };
  if (t.secret) headers['x-fazhi-signature'] = `sha256=${signGeneric(t.secret, headers['x-fazhi-timestamp']!, body)}`;
  return { url: t.url, headers, body };
}

/** The generic format's signature: what a receiver recomputes to verify a request. */
export const signGeneric = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export interface WebhookSender {
  send(t: WebhookTarget, m: OutboundMessage): Promise<void>;
}

export function httpWebhookSender(opts: { timeoutMs?: number; now?: () => Date } = {}): WebhookSender {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? (() => new Date());
  return {
    async send(t, m) {
      const req = buildWebhookRequest(t, m, now());
      let res: Response;
      try {
        res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      } catch (e) {
        const name = (e as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new ChannelError(`机器人地址 ${timeoutMs / 1000} 秒内无响应`);
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        throw new ChannelError(cause === 'ECONNREFUSED' ? '机器人地址拒绝连接' : cause === 'ENOTFOUND' ? '机器人地址的域名无法解析' : `无法连接机器人地址：${(e as Error).message}`);
      }
      const text = (await res.text().catch(() => '')).slice(0, 500);
      if (!res.ok) throw new ChannelError(`机器人地址返回 HTTP ${res.status}${text ? `：${text.slice(0, 200)}` : ''}`, res.status >= 500 || res.status === 408 || res.status === 429);
      if (t.format !== 'generic') {
        let errcode: unknown;
        try {
          errcode = (JSON.parse(text) as { errcode?: unknown }).errcode;
        } catch {
          throw new ChannelError(`机器人返回的内容无法识别：${text.slice(0, 200)}`);
        }
        // sending too fast (DingTalk 130101, WeCom 45009) passes; a wrong key or signature does not
        if (errcode !== 0) throw new ChannelError(`${t.format === 'dingtalk' ? '钉钉' : '企业微信'}机器人拒收：${text.slice(0, 200)}`, errcode === 130101 || errcode === 45009);
      }
    },
  };
}
