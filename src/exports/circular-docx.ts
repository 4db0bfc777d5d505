/**
 * A circular (通报) as Word, in the 文件 format of GB/T 9704-2012: the red 版头 (发文机关标志 35 mm
 * below the top of the 版心, the 发文字号 two lines under it, the red 版头分隔线), the title in 二号
 * 小标宋 two lines under the rule, the 主送机关, the body in 三号 仿宋 with 黑体 headings numbered over
 * the sections that have text, the 附件说明, the signature and date; then on a new page the 附件 (the
 * unit table) and the 版记 at the foot of the last page. Page numbers "— 1 —" sit outside (right on odd
 * pages, left on even ones).
 */
import { AlignmentType, Document, Header, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatChineseDate } from '../domain/dates.ts';
import type { CircularBody, CircularUnitRow } from '../shared/api/circulars.ts';
import {
  blankLine,
  bodyPara,
  chineseNumeral,
  colophon,
  FONT,
  gbStyles,
  headingOne,
  markFit,
  mm,
  packGbDocx,
  pageNumberFooters,
  pageProperties,
  para,
  run,
  signature,
  SIZE,
  TEXT_WIDTH,
  textWidthInChars,
  titlePara,
  versionHead,
} from './gbt9704.ts';

export interface CircularDocInput {
  title: string;
  /** 息法通〔2026〕2号, or the number's frame while it is a draft */
  number: string;
  issuerOrg: string;
  /** 成文日期 and 印发日期, YYYY-MM-DD */
  date: string;
  body: CircularBody;
  draft: boolean;
}

/**
 * Characters of 二号 in a line of the 版心, less one: a title that fills the line exactly (20 with its
 * figures at half width) spills its last character onto a line of its own in the fallback faces, whose
 * figures are wider than half.
 */
const TITLE_CHARS = Math.floor(TEXT_WIDTH / 20 / 22) - 1;
/** Words a title line may start with: breaking before them keeps the words whole. */
const BREAK_BEFORE = ['法治政府', '法治', '任务', '工作', '落实', '推进', '报送', '情况', '的通报', '通报'];

/**
 * Breaks a long title into lines that fit, keeping words whole and the lines in a 梯形 (each line no
 * longer than the next, as near equal as the words allow) — the standard asks for balanced lines.
 */
export function titleLines(title: string, capacity = TITLE_CHARS): string[] {
  if (textWidthInChars(title) <= capacity) return [title];
  const chars = [...title];
  let best: { at: number; score: number } | null = null;
  for (let i = 2; i < chars.length - 2; i++) {
    // never inside a run of digits or Latin letters (2026年 stays together)
    if (/[0-9A-Za-z]/.test(chars[i - 1]!) && /[0-9A-Za-z]/.test(chars[i]!)) continue;
    const a = chars.slice(0, i).join('');
    const b = chars.slice(i).join('');
    const wa = textWidthInChars(a);
    const wb = textWidthInChars(b);
    if (wa > capacity || wb > capacity) continue;
    const rest = chars.slice(i).join('');
    const word = BREAK_BEFORE.some((w) => rest.startsWith(w)) || /[）」》、，]$/.test(a);
    const score = Math.abs(wb - wa) + (wa > wb ? 4 : 0) + (word ? 0 : 20);
    if (!best || score < best.score) best = { at: i, score };
  }
  if (!best) {
    // three lines or more: fill each line up to its capacity
    const out: string[] = [];
    let line = '';
    for (const c of chars) {
      if (textWidthInChars(line + c) > capacity) (out.push(line), (line = ''));
      line += c;
    }
    return line ? [...out, line] : out;
  }
  return [chars.slice(0, best.at).join(''), chars.slice(best.at).join('')];
}

// ------------------------------------------------------------------ the unit table (附件)

const COLS = [560, 2525, 720, 720, 720, 720, 720, 720, 720, 720];
const CELL_LINE = { line: 340, lineRule: LineRuleType.EXACT };

const cellOf = (text: string, width: number, o: { head?: boolean; align?: 'left' | 'center'; span?: number; rowSpan?: number } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: o.span,
    rowSpan: o.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 50, bottom: 50, left: 40, right: 40 },
    children: [
      new Paragraph({
        alignment: o.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: CELL_LINE,
        children: [run(text, o.head ? FONT.label : FONT.body, o.head ? 21 : SIZE.table)],
      }),
    ],
  });

function unitTable(rows: CircularUnitRow[]): Table {
  const w = (from: number, n = 1) => COLS.slice(from, from + n).reduce((s, x) => s + x, 0);
  const counts = (r: Omit<CircularUnitRow, 'unitId' | 'unitName'>) => [r.due, r.onTime, r.late, r.missing, r.returned, r.accepted, r.behind, r.overdue];
  const total = rows.reduce(
    (t, r) => ({ due: t.due + r.due, onTime: t.onTime + r.onTime, late: t.late + r.late, missing: t.missing + r.missing, returned: t.returned + r.returned, accepted: t.accepted + r.accepted, behind: t.behind + r.behind, overdue: t.overdue + r.overdue }),
    { due: 0, onTime: 0, late: 0, missing: 0, returned: 0, accepted: 0, behind: 0, overdue: 0 },
  );
  const head = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [cellOf('序号', w(0), { head: true, rowSpan: 2 }), cellOf('单位', w(1), { head: true, rowSpan: 2 }), cellOf('任务进展报送情况（项）', w(2, 6), { head: true, span: 6 }), cellOf('任务推进（项）', w(8, 2), { head: true, span: 2 })],
    }),
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: ['应报送', '按时', '逾期', '未报送', '退回', '通过', '滞后', '逾期'].map((t, i) => cellOf(t, w(2 + i), { head: true })),
    }),
  ];
  const body = rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        children: [cellOf(String(i + 1), w(0)), cellOf(r.unitName, w(1), { align: 'left' }), ...counts(r).map((n, j) => cellOf(String(n), w(2 + j)))],
      }),
  );
  const sum = new TableRow({ cantSplit: true, children: [cellOf('合计', w(0, 2), { head: true, span: 2 }), ...counts(total).map((n, j) => cellOf(String(n), w(2 + j)))] });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: COLS, rows: [...head, ...body, sum] });
}

// ------------------------------------------------------------------ the document

export async function writeCircularDocx(c: CircularDocInput): Promise<Buffer> {
  const b = c.body;
  const mark = `${c.issuerOrg}文件`;
  const fit = markFit(mark);
  const text: Paragraph[] = [];
  let n = 0;
  for (const s of b.sections) {
    if (!s.paragraphs.length) continue;
    text.push(headingOne(`${chineseNumeral(++n)}、${s.heading}`), ...s.paragraphs.map((p) => bodyPara(p)));
  }
  if (b.closing.length) text.push(headingOne(`${chineseNumeral(++n)}、${b.closingHeading}`), ...b.closing.map((p) => bodyPara(p)));
  const date = formatChineseDate(c.date);
  const doc = new Document({
    creator: 'fazhi',
    title: c.title,
    evenAndOddHeaderAndFooters: true,
    styles: gbStyles(),
    sections: [
      {
        properties: pageProperties(),
        headers: c.draft
          ? {
              default: new Header({ children: [para('草稿（未印发）', { font: FONT.label, size: SIZE.table, align: AlignmentType.RIGHT, color: '999999', spacing: {} })] }),
              even: new Header({ children: [para('草稿（未印发）', { font: FONT.label, size: SIZE.table, align: AlignmentType.LEFT, color: '999999', spacing: {} })] }),
            }
          : undefined,
        footers: pageNumberFooters('outside'),
        children: [
          // 35 mm from the top of the 版心 to the top of the 标志, less the room its line leaves above the glyphs
          ...versionHead({ lines: [{ text: mark, size: fit.size, scale: fit.scale, line: Math.round(fit.size * 10 * 1.25) }], number: c.number, topSpace: mm(35) - Math.round(fit.size * 10 * 0.15), numberGap: 2 }),
          blankLine(),
          blankLine(),
          ...titleLines(c.title).map(titlePara),
          blankLine(),
          para(b.addressee, { tight: true }),
          ...b.opening.map((p) => bodyPara(p)),
          ...text,
          blankLine(),
          bodyPara(`附件：${b.attachmentTitle}`),
          blankLine(),
          ...signature(c.issuerOrg, date),
          // 附件 另面编排: "附件" in 黑体 on the first line, its title centered on the third
          para('附件', { font: FONT.label, align: AlignmentType.LEFT, pageBreakBefore: true }),
          blankLine(),
          ...titleLines(b.attachmentTitle).map(titlePara),
          blankLine(),
          unitTable(b.table),
          para(`注：按时、逾期以截止日期（${formatChineseDate(b.facts.due)}）前后首次提交为准；未报送、退回、通过及任务推进情况统计至${formatChineseDate(b.facts.asOf)}。`, { size: SIZE.table, spacing: { line: 360, lineRule: LineRuleType.EXACT, before: 120 } }),
          ...colophon({ cc: b.cc, printer: c.issuerOrg, printedOn: date }),
          // the frame's anchor: an empty line after it
          para('', { size: 2, spacing: { line: 20, lineRule: LineRuleType.EXACT } }),
        ],
      },
    ],
  });
  return packGbDocx(doc);
}
