/**
 * Email over SMTP (nodemailer). Configured by FAZHI_SMTP_URL (smtp://user:pass@host:port, or smtps://
 * for implicit TLS) and FAZHI_MAIL_FROM. A refused recipient is a permanent failure; a server that is
 * down or answers 4xx is retried by the delivery worker.
 */
import nodemailer from 'nodemailer';
import { ChannelError, type OutboundMessage } from './message.ts';

export interface EmailSender {
  send(to: string, m: OutboundMessage): Promise<void>;
  close(): void;
}

export function smtpSender(url: string, from: string, opts: { timeoutMs?: number } = {}): EmailSender {
  const timeout = opts.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(url, { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
  return {
    async send(to, m) {
      const lines = [m.body, '', m.url ? `查看详情：${m.url}` : '', '', `—— ${m.regionName}法治政府建设工作平台（此邮件由系统自动发送，请勿直接回复）`].filter((l, i, a) => l !== '' || a[i - 1] !== '');
      try {
        await transport.sendMail({
          from,
          to,
          subject: m.title,
          text: lines.join('\n'),
          html: `<div style="font-family:'Microsoft YaHei','PingFang SC',sans-serif;font-size:14px;line-height:1.7">${lines.map((l) => (l ? `<p style="margin:0 0 4px">${escapeHtml(l)}</p>` : '<br>')).join('')}</div>`,
          messageId: `<${m.id}@fazhi>`,
          headers: { 'X-Fazhi-Kind': m.kind },
        });
      } catch (e) {
        const err = e as { responseCode?: number; code?: string; message?: string };
        const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600 && err.code === 'EENVELOPE';
        throw new ChannelError(describe(err), !permanent);
      }
    },
    close: () => transport.close(),
  };
}

function describe(err: { responseCode?: number; code?: string; message?: string }): string {
  const msg = err.message ?? '';
  if (err.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(msg)) return '邮件服务器拒绝连接（未启动或地址错误）';
  if (err.code === 'ETIMEDOUT' || err.code === 'ETIMEOUT' || /ETIMEDOUT|timeout/i.test(msg)) return '连接邮件服务器超时';
  if (err.code === 'EAUTH') return '邮件服务器认证失败，请检查用户名和密码';
  if (err.responseCode) return `邮件服务器拒收（${err.responseCode}）：${(err.message ?? '').slice(0, 200)}`;
  return `邮件发送失败：${(err.message ?? String(err)).slice(0, 200)}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
