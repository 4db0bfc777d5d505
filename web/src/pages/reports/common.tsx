import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Drawer, Empty, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { FileImageOutlined, FilePdfOutlined, FileOutlined, FileWordOutlined, FileExcelOutlined, FileZipOutlined } from '@ant-design/icons';
import { COMPLETION_LABEL, type ReportView } from '@shared/api/reports.ts';
import { errorMessage } from '../../api/client.ts';
import { evidenceUrl, useReportHistory } from '../../api/reports.ts';
import { fmtTime } from '../../lib/format.ts';

export const STATE_COLOR: Record<string, string> = { none: 'default', draft: 'gold', submitted: 'processing', returned: 'error', accepted: 'success' };
export const TASK_STATUS_COLOR: Record<string, string> = { 未开始: 'default', 推进中: 'processing', 已完成: 'success', 长期坚持: 'cyan', 逾期: 'error', 滞后: 'warning' };

export const editorHref = (i: { taskId: string; periodId: string }, unitId?: string) =>
  `/reports/edit?${new URLSearchParams({ taskId: i.taskId, periodId: i.periodId, ...(unitId ? { unitId } : {}) }).toString()}`;

export function StateTag({ state, label }: { state: string; label: string }) {
  return <Tag color={STATE_COLOR[state] ?? 'default'} style={{ marginInlineEnd: 0 }}>{label}</Tag>;
}

export function completionText(c: string | null | undefined, percent: number | null | undefined): string {
  if (!c) return '—';
  const l = COMPLETION_LABEL[c as keyof typeof COMPLETION_LABEL] ?? c;
  return c === 'in_progress' && percent != null ? `${l}（${percent}%）` : l;
}

export const HEADING_RE = /^[一二三四五六七八九十]+、/;
export const LIST_RE = /^\s*[-·•]\s+/;

/** Renders a narrative's 「一、」 headings and 「- 」 list items as React elements (never as HTML). */
export function NarrativeView({ text, empty = '（未填写）' }: { text: string; empty?: string }) {
  const blocks = useMemo(() => {
    const out: ReactNode[] = [];
    let list: string[] = [];
    const flush = () => {
      if (list.length) out.push(<ul key={`l${out.length}`} className="fz-narr-list">{list.map((x, i) => <li key={i}>{x}</li>)}</ul>);
      list = [];
    };
    for (const raw of text.split('\n')) {
      const line = raw.trimEnd();
      if (LIST_RE.test(line)) {
        list.push(line.replace(LIST_RE, ''));
        continue;
      }
      flush();
      if (!line.trim()) continue;
      if (HEADING_RE.test(line.trim()) || /^【[^】]+】$/.test(line.trim())) out.push(<div key={`h${out.length}`} className="fz-narr-h">{line.trim()}</div>);
      else out.push(<p key={`p${out.length}`} className="fz-narr-p">{line}</p>);
    }
    flush();
    return out;
  }, [text]);
  if (!text.trim()) return <span style={{ color: '#bfbfbf' }}>{empty}</span>;
  return <div className="fz-narr">{blocks}</div>;
}

/** Line-level diff (LCS). */
export function lineDiff(a: string, b: string): { op: 'same' | 'add' | 'del'; text: string }[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = x[i] === y[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: { op: 'same' | 'add' | 'del'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) out.push({ op: 'same', text: x[i++]! }), j++;
    else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) out.push({ op: 'del', text: x[i++]! });
    else out.push({ op: 'add', text: y[j++]! });
  }
  while (i < n) out.push({ op: 'del', text: x[i++]! });
  while (j < m) out.push({ op: 'add', text: y[j++]! });
  return out;
}

export function LineDiff({ a, b }: { a: string; b: string }) {
  const d = lineDiff(a, b);
  if (a === b) return <Alert type="info" showIcon title="两个版本的进展情况相同" />;
  return (
    <div className="fz-linediff" aria-label="版本差异">
      {d.map((l, i) => (
        <div key={i} className={`fz-ld fz-ld-${l.op}`}>
          <span className="fz-ld-mark">{l.op === 'add' ? '+' : l.op === 'del' ? '−' : ' '}</span>
          <span className="fz-verbatim">{l.text || ' '}</span>
        </div>
      ))}
    </div>
  );
}

function fileIcon(name: string, mime = '') {
  if (/pdf/i.test(mime) || /\.pdf$/i.test(name)) return <FilePdfOutlined style={{ color: '#cf1322' }} />;
  if (/image/.test(mime) || /\.(png|jpe?g|gif|webp)$/i.test(name)) return <FileImageOutlined style={{ color: '#1f5fae' }} />;
  if (/\.docx?$/i.test(name)) return <FileWordOutlined style={{ color: '#1f5fae' }} />;
  if (/\.xlsx?$/i.test(name)) return <FileExcelOutlined style={{ color: '#389e0d' }} />;
  if (/\.zip$/i.test(name)) return <FileZipOutlined style={{ color: '#d48806' }} />;
  return <FileOutlined />;
}
export const canPreview = (name: string, mime = '') => /pdf|image/.test(mime) || /\.(pdf|png|jpe?g|gif|webp)$/i.test(name);

export const fmtSize = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A file link: preview inline (image/PDF) in a new tab, otherwise download. */
export function EvidenceLink({ e }: { e: { uploadId: string; fileName: string; mime?: string; size?: number } }) {
  const preview = canPreview(e.fileName, e.mime);
  return (
    <span className="fz-ev">
      {fileIcon(e.fileName, e.mime)}
      <a href={evidenceUrl(e.uploadId, !preview)} target={preview ? '_blank' : undefined} rel="noreferrer" title={preview ? '在新标签页预览' : '下载'}>
        {e.fileName}
      </a>
      {e.size != null && <span className="fz-ev-size">{fmtSize(e.size)}</span>}
      {preview && (
        <a href={evidenceUrl(e.uploadId, true)} className="fz-ev-dl">下载</a>
      )}
    </span>
  );
}

/** Who did what when, and a diff between two saved versions' narratives. */
export function HistoryPanel({ reportId }: { reportId: string }) {
  const h = useReportHistory(reportId);
  const events = h.data?.events ?? [];
  const versions = useMemo(() => {
    const m = new Map<number, (typeof events)[number]>();
    for (const e of events) m.set(e.version, e);
    return [...m.values()].sort((a, b) => a.version - b.version);
  }, [events]);
  const [va, setVa] = useState<number | null>(null);
  const [vb, setVb] = useState<number | null>(null);
  useEffect(() => {
    if (versions.length) {
      const last = versions[versions.length - 1]!;
      // compare the latest with the last version whose narrative differs (a save then a submit share one text)
      const prev = [...versions].reverse().find((v) => v.snapshot.narrative !== last.snapshot.narrative) ?? versions[Math.max(0, versions.length - 2)]!;
      setVb(last.version);
      setVa(prev.version);
    }
  }, [versions]);
  if (h.isPending) return <Spin />;
  if (h.error) return <Alert type="error" title={errorMessage(h.error)} />;
  if (!events.length) return <Empty description="暂无记录" />;
  const ea = versions.find((v) => v.version === va);
  const eb = versions.find((v) => v.version === vb);
  const color = (a: string) => (a === 'return' ? 'red' : a === 'accept' ? 'green' : a === 'submit' ? 'blue' : 'gray');
  const opts = versions.map((v) => ({ value: v.version, label: `第 ${v.version} 版 · ${v.actionLabel} · ${fmtTime(v.createdAt)}` }));
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>办理记录</Typography.Title>
      <Timeline
        items={[...events].reverse().map((e) => ({
          color: color(e.action),
          content: (
            <div>
              <b>{e.actionLabel}</b> <span style={{ color: '#595959' }}>{e.actorName}</span>
              <span className="fz-sub">{fmtTime(e.createdAt)} · 第 {e.version} 版 · {completionText(e.snapshot.completion, e.snapshot.percent)}{e.snapshot.evidence.length ? ` · 佐证 ${e.snapshot.evidence.length} 个` : ''}</span>
              {e.reason && <Alert style={{ marginTop: 4 }} type={e.action === 'return' ? 'error' : 'info'} title={`${e.action === 'return' ? '退回原因' : '说明'}：${e.reason}`} />}
            </div>
          ),
        }))}
      />
      {versions.length > 1 && (
        <>
          <Typography.Title level={5}>版本比较（进展情况）</Typography.Title>
          <Space wrap style={{ marginBottom: 8 }}>
            <Select aria-label="旧版本" style={{ width: 300 }} value={va} onChange={setVa} options={opts} />
            <span>→</span>
            <Select aria-label="新版本" style={{ width: 300 }} value={vb} onChange={setVb} options={opts} />
          </Space>
          {ea && eb && <LineDiff a={ea.snapshot.narrative} b={eb.snapshot.narrative} />}
        </>
      )}
    </>
  );
}

export function HistoryDrawer({ reportId, open, onClose, title }: { reportId: string | null; open: boolean; onClose: () => void; title?: string }) {
  return (
    <Drawer open={open} onClose={onClose} title={title ?? '报送记录'} size={720} destroyOnHidden>
      {reportId ? <HistoryPanel reportId={reportId} /> : <Empty description="尚未保存，暂无记录" />}
    </Drawer>
  );
}

export type { ReportView };
