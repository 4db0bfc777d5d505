/**
 * `fazhi parse FILE [--format json|table]`: parses a plan document and prints the PlanDraft (json)
 * or a readable Chinese summary (table). Unreadable, unsupported, empty, binary, encrypted or scanned
 * input: a Chinese message on stderr and exit status 2.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { isAppError } from '../shared/errors.ts';
import type { PlanDraft, PlanHeading } from '../shared/plan-draft.ts';
import { DEFAULT_MAX_BYTES, parsePlan } from '../parser/index.ts';

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .description('解析法治政府建设方案文件（txt/md/docx/pdf/html），输出 PlanDraft')
    .argument('<file>', '方案文件路径')
    .option('--format <format>', '输出格式：json 或 table', 'json')
    .action(async (file: string, options: { format: string }) => {
      process.exitCode = await runParse(file, options.format);
    });
}

export interface ParseIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (file: string) => Promise<Buffer>;
  /** largest file accepted, in bytes (the parser's limit) */
  maxBytes: number;
}

const defaultIo: ParseIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  readFile: (file) => readFile(file),
  maxBytes: DEFAULT_MAX_BYTES,
};

/** Exit status 0 (printed), 2 (bad input, message on stderr) or 1 (unexpected failure). */
export async function runParse(file: string, format: string, io: ParseIo = defaultIo): Promise<number> {
  if (format !== 'json' && format !== 'table') {
    io.stderr(`不支持的输出格式：${format}（可选 json、table）\n`);
    return 2;
  }
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    io.stderr(`无法读取文件：${file}\n`);
    return 2;
  }
  // refused by its size before a byte is read, so a huge file never lands in memory
  if (size > io.maxBytes) {
    io.stderr(`文件过大（${(size / 1048576).toFixed(1)} MB），超过上限 ${(io.maxBytes / 1048576).toFixed(1)} MB，未读取\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await io.readFile(file);
  } catch {
    io.stderr(`无法读取文件：${file}\n`);
    return 2;
  }
  try {
    const draft = await parsePlan(new Uint8Array(bytes), { fileName: basename(file), maxBytes: io.maxBytes });
    io.stdout(format === 'json' ? JSON.stringify(draft, null, 2) + '\n' : renderTable(draft));
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      io.stderr(`解析失败：${e.message}\n`);
      return 2;
    }
    io.stderr(`解析失败：${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

const orNone = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function renderTable(d: PlanDraft): string {
  const doc = d.document;
  const out: string[] = [];
  out.push(`标题：${orNone(doc.title)}`);
  out.push(`地区：${orNone(doc.region)}（${orNone(doc.province)} ${orNone(doc.prefecture)}）`);
  out.push(`期间：${doc.period ? `${doc.period[0]}—${doc.period[1]}年` : '—'}　类型：${orNone(doc.kind)}　${doc.draft ? '征求意见稿/送审稿' : '正式文本'}`);
  out.push(`发文机关：${orNone(doc.issuer)}　文号：${orNone(doc.doc_number)}　印发日期：${orNone(doc.issued_on)}`);
  if (doc.parent_documents?.length) out.push(`上位文件：${doc.parent_documents.map((p) => `《${p}》`).join('、')}`);
  out.push('', '【目录】');
  const walk = (hs: PlanHeading[], depth: number) => {
    for (const h of hs) {
      out.push(`${'  '.repeat(depth)}${h.number} ${h.title}`);
      walk(h.children ?? [], depth + 1);
    }
  };
  walk(d.outline, 1);
  out.push('', `【任务】共 ${d.tasks.length} 项`);
  for (const t of d.tasks) {
    out.push(`${t.seq}. [${t.part === 'annex' ? '附件' : '正文'} ${t.path.filter(Boolean).join('/')}] ${t.title ?? t.text.slice(0, 40)}（第${t.line}行）`);
    if (t.lead_leaders.length) out.push(`    责任领导：${t.lead_leaders.join('、')}`);
    if (t.lead_units.length) out.push(`    牵头单位：${t.lead_units.join('、')}`);
    if (t.responsible_units.length) out.push(`    责任单位：${t.responsible_units.join('、')}`);
    for (const dl of t.deadlines)
      out.push(`    时限：${dl.raw}${dl.due ? ` → ${dl.due}` : ''}${dl.ongoing ? '（长期）' : ''}${dl.recurring ? `（周期：${dl.recurring}${dl.at ? ` ${dl.at}` : ''}）` : ''}`);
    for (const g of t.targets) out.push(`    指标：${g.raw}（${g.op ?? ''} ${g.value ?? ''}${g.unit ?? ''}${g.by ? `，${g.by}前` : ''}）`);
  }
  if (d.units?.length) out.push('', `【责任单位】共 ${d.units.length} 个：${d.units.join('、')}`);
  if (d.mechanisms?.length) out.push('', `【工作机制】${d.mechanisms.length} 条`);
  return out.join('\n') + '\n';
}
