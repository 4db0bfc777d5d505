/**
 * The plan parser: bytes of a plan document → PlanDraft (plan-draft/v1).
 * Pure: no I/O beyond the bytes given. `extractText` returns the normalized text that every task's
 * `line` and `span` refer to, so a review page can show the source beside the parsed tree.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.ts';
import type { PlanDeadline, PlanDraft, PlanTask, SourceFormat } from '../shared/plan-draft.ts';
import { decodeText, normalizeNewlines } from './decode.ts';
import { findClauses, parseDeadlineClauses, scanInlineDeadlines, type ClauseSpan, type DateContext } from './deadlines.ts';
import { docxToText } from './docx.ts';
import { htmlToText } from './html.ts';
import { extractMechanisms } from './mechanisms.ts';
import { extractMetadata } from './metadata.ts';
import { toLines, toParagraphs } from './normalize.ts';
import { buildStructure, type Item } from './outline.ts';
import { pdfToText } from './pdf.ts';
import { extractTargets, type TargetSegment } from './targets.ts';

export interface ParseOptions {
  fileName: string;
  format?: SourceFormat;
  /** largest input accepted, in bytes (default 20 MB) */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
const isPdf = (b: Uint8Array) => new TextDecoder('latin1').decode(b.subarray(0, 1024)).includes('%PDF-');

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

/** The format from the content first (magic bytes), then the extension, then the text itself. */
export function detectFormat(bytes: Uint8Array, fileName: string, decoded?: string): SourceFormat {
  if (isZip(bytes)) return 'docx';
  if (isPdf(bytes)) return 'pdf';
  const ext = extensionOf(fileName);
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'md';
  const head = (decoded ?? '').slice(0, 2000);
  if (/^\s*(?:<!doctype html|<html|<head|<body|<meta\s|<div[\s>]|<p[\s>]|<table[\s>])/i.test(head)) return 'html';
  if (/^#{1,6}\s/m.test(head) || /^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}/m.test(decoded ?? '')) return 'md';
  return 'txt';
}

function checkSize(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length > maxBytes)
    throw new AppError('TOO_LARGE', `文件过大（${(bytes.length / 1048576).toFixed(1)} MB），超过上限 ${(maxBytes / 1048576).toFixed(1)} MB`);
  if (bytes.length === 0) throw new AppError('UNPROCESSABLE', '文件内容为空，没有可解析的文字');
}

/** The normalized text of the document and its format. */
export async function extractText(bytes: Uint8Array, opts: ParseOptions): Promise<{ text: string; format: SourceFormat }> {
  checkSize(bytes, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (isOle(bytes))
    throw new AppError('UNSUPPORTED', '文件已加密（设有打开密码）或为旧版 Word（.doc）格式，无法读取；请取消密码或另存为 .docx 后重新上传');
  let format = opts.format;
  let text: string;
  if (format === 'docx' || (!format && isZip(bytes))) {
    format = 'docx';
    text = await docxToText(bytes);
  } else if (format === 'pdf' || (!format && isPdf(bytes))) {
    format = 'pdf';
    text = await pdfToText(bytes);
  } else {
    const decoded = decodeText(bytes).text;
    format ??= detectFormat(bytes, opts.fileName, decoded);
    if (format === 'docx' || format === 'pdf') throw new AppError('UNSUPPORTED', `文件内容不是有效的 ${format.toUpperCase()} 文件，无法读取`);
    text = format === 'html' ? htmlToText(decoded) : decoded;
  }
  text = normalizeNewlines(text);
  if (!text.replace(/[\s\u3000]/g, '')) throw new AppError('UNPROCESSABLE', '文件内容为空，没有可解析的文字');
  return { text, format };
}

export async function parsePlan(bytes: Uint8Array, opts: ParseOptions): Promise<PlanDraft> {
  return (await parseDocument(bytes, opts)).draft;
}

/** The PlanDraft together with the normalized text its lines and spans refer to (one extraction). */
export async function parseDocument(bytes: Uint8Array, opts: ParseOptions): Promise<{ draft: PlanDraft; text: string; format: SourceFormat }> {
  const { text, format } = await extractText(bytes, opts);
  const draft = parseText(text);
  if (draft.tasks.length === 0)
    throw new AppError('UNPROCESSABLE', `未识别到任务：${noTaskReason(draft)}`);
  const source = { file: opts.fileName.split(/[\\/]/).pop() ?? opts.fileName, sha256: createHash('sha256').update(bytes).digest('hex'), format, chars: text.length };
  return { draft: { ...draft, source }, text, format };
}

function noTaskReason(d: PlanDraft): string {
  if (d.outline.length === 0) return '文中没有“一、”“（一）”“1.”等编号，也没有带牵头单位/责任单位的条目或任务分工表';
  return '找到了标题层级，但没有带内容的编号条目、责任单位标注或任务分工表';
}

/** Parses normalized text (as returned by extractText) into a PlanDraft without `source`. */
export function parseText(text: string): PlanDraft {
  const lines = toLines(text);
  const paras = toParagraphs(lines);
  const document = extractMetadata(lines);
  const structure = buildStructure(paras);
  // dates printed without a year take the plan's (first) year, else the year it was issued
  const ctx: DateContext = { year: document.period?.[0] ?? (document.issued_on ? Number(document.issued_on.slice(0, 4)) : null) };
  const region = (t: Item) => `${t.part}:${t.kind === 'row' ? 'table' : 'text'}`;
  const hasOwnClauses = (t: Item) => clausesOf(t).length > 0 || t.extraDeadlines.length > 0;
  const count = new Map<string, [number, number]>();
  for (const t of structure.tasks) {
    const c = count.get(region(t)) ?? [0, 0];
    c[0] += hasOwnClauses(t) ? 1 : 0;
    c[1]++;
    count.set(region(t), c);
  }
  // a part that prints its deadlines as clauses (most of its tasks have one): a task there without
  // a clause has no deadline, its in-text dates are its targets' dates
  const clauseParts = new Set([...count].filter(([, [withClause, all]]) => withClause * 2 >= all).map(([r]) => r));
  // a narrative body (no owners, no deadline clauses) followed by an annex that assigns the measures
  // with their deadlines (重点工作举措责任分工): the annex sets the deadlines, so the body's in-text
  // dates are dates of its targets
  const narrativeBody = !structure.tasks.some((t) => t.part === 'body' && (t.owners || hasOwnClauses(t)));
  if (narrativeBody && structure.tasks.some((t) => t.part === 'annex' && hasOwnClauses(t))) clauseParts.add('body:text');
  // a task with clauses of its own reads them; one without reads its in-text dates, unless its part prints clauses
  const tasks = structure.tasks.map((item, i) => toTask(item, i + 1, ctx, hasOwnClauses(item) || clauseParts.has(region(item))));
  const units: string[] = [];
  for (const t of tasks) for (const u of [...t.lead_units, ...t.responsible_units]) if (!units.includes(u)) units.push(u);
  const mechanisms = extractMechanisms(structure.items.map((i) => ({ text: i.body, line: i.line })));
  const warnings = tasks.filter((t) => structure.hasOwners && !t.lead_units.length && !t.responsible_units.length).map((t) => ({ line: t.line, message: `第${t.seq}项任务未标注责任单位` }));
  return { schema: 'plan-draft/v1', document, outline: structure.outline, tasks, mechanisms, units, warnings };
}

const clauseCache = new WeakMap<Item, ClauseSpan[]>();
function clausesOf(item: Item): ClauseSpan[] {
  let c = clauseCache.get(item);
  if (!c) clauseCache.set(item, (c = findClauses(item.body.trim(), Boolean(item.owners?.timing))));
  return c;
}

function toTask(item: Item, seq: number, ctx: DateContext, clauseMode: boolean): PlanTask {
  const text = item.body.trim();
  const { deadlines, segments } = clauseMode ? clauseDeadlines(item, text, ctx) : inlineDeadlines(text, ctx);
  const targets = extractTargets(segments, ctx, true);
  return {
    seq,
    part: item.part,
    path: item.path,
    title: item.title ?? null,
    text,
    lead_units: item.owners?.lead ?? [],
    responsible_units: item.owners?.responsible ?? [],
    lead_leaders: item.owners?.leaders ?? [],
    deadlines,
    targets,
    line: item.line,
    span: { start: item.start, end: item.end },
  };
}

function inlineDeadlines(text: string, ctx: DateContext): { deadlines: PlanDeadline[]; segments: TargetSegment[] } {
  return { deadlines: scanInlineDeadlines(text, ctx), segments: [{ text, due: null }] };
}

/** Each 完成时限 clause closes the text since the previous clause (or the start of the item). */
function clauseDeadlines(item: Item, text: string, ctx: DateContext): { deadlines: PlanDeadline[]; segments: TargetSegment[] } {
  const deadlines: PlanDeadline[] = [];
  const segments: TargetSegment[] = [];
  let from = 0;
  for (const c of clausesOf(item)) {
    const covered = text.slice(from, c.index);
    const ds = parseDeadlineClauses(c.raw, covered, ctx);
    deadlines.push(...ds);
    segments.push({ text: covered, due: ds[ds.length - 1]!.due });
    from = c.end;
  }
  const rest = text.slice(from);
  for (const raw of item.extraDeadlines) if (raw.trim()) deadlines.push(...parseDeadlineClauses(raw.replace(/\n+/g, '；'), rest, ctx));
  const restDue = item.extraDeadlines.length ? (deadlines[deadlines.length - 1]?.due ?? null) : null;
  if (rest.replace(/[。\s]/g, '')) segments.push({ text: rest, due: restDue });
  return { deadlines, segments };
}

