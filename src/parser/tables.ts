/**
 * Task tables (重点任务分工表 …) written as Markdown pipes, tab-separated columns or Word tables
 * (converted to tab-separated rows upstream, merged cells already filled in).
 * Columns are recognised by their header; repeated header rows are skipped; a row whose cells
 * are all the same (a merged row) or that has a single cell is a section heading.
 */
import type { Para } from './normalize.ts';
import { parseMarker } from './numbering.ts';
import { parseOwnerContent, type Owners } from './owners.ts';

export interface TableItem {
  line: number;
  start: number;
  end: number;
  path: string[];
  text: string;
  owners: Owners | null;
  deadlines: string[];
  heading?: { number: string; title: string };
}

export type Col = 'seq' | 'category' | 'task' | 'lead' | 'responsible' | 'leader' | 'deadline' | 'other';

const HEADER_TESTS: Array<[Col, RegExp]> = [
  ['seq', /^(?:序号|编号|序|No\.?)$/i],
  ['leader', /领导|责任人/],
  ['lead', /牵头|主办|主责/],
  ['responsible', /责任单位|责任部门|配合|协同|协办|参与单位|责任主体|承办/],
  ['deadline', /时限|时间|期限|进度|节点/],
  ['category', /类别|分类|领域|板块|方面$|大类/],
  ['task', /措施|举措|任务|内容|事项|工作要求|要点|目标/],
  ['category', /项目/],
];

function classify(cell: string): Col {
  const c = cell.replace(/\s/g, '');
  if (!c) return 'other';
  for (const [col, re] of HEADER_TESTS) if (re.test(c)) return col;
  return 'other';
}

const TASK_PRIORITY = [/具体措施|工作措施|主要举措|改革举措|具体任务|任务措施|具体内容|举措/, /重点任务|工作任务|主要任务|任务/, /.*/];

interface Layout {
  cols: Col[];
  taskCol: number;
  categoryCols: number[];
  header: string;
}

function layoutOf(cells: string[]): Layout | null {
  const cols = cells.map(classify);
  const taskCols = cols.flatMap((c, i) => (c === 'task' ? [i] : []));
  const ownerOrTime = cols.some((c) => c === 'lead' || c === 'responsible' || c === 'deadline' || c === 'leader');
  if (!taskCols.length || !ownerOrTime) return null;
  let taskCol = taskCols[0]!;
  for (const re of TASK_PRIORITY) {
    const hit = taskCols.find((i) => re.test(cells[i]!));
    if (hit !== undefined) {
      taskCol = hit;
      break;
    }
  }
  const categoryCols = cols.flatMap((c, i) => ((c === 'category' || c === 'task') && i !== taskCol && i < taskCol ? [i] : []));
  return { cols, taskCol, categoryCols, header: norm(cells) };
}

/** The columns of a task table's header row (序号 | 重点任务 | 牵头单位 | … ), or null for any other row. */
export function taskTableColumns(cells: string[]): Col[] | null {
  return layoutOf(cells)?.cols ?? null;
}

const norm = (cells: string[]) => cells.map((c) => c.replace(/\s/g, '')).join('|');

export function tableItems(rows: Para[]): TableItem[] {
  const out: TableItem[] = [];
  let layout: Layout | null = null;
  let lastCategory: string[] = [];
  // a merged row "一、依法决策" numbers the rows under it when there is no category column
  let headingPath: string[] = [];
  for (const r of rows) {
    const cells = r.cells ?? [];
    const l = layoutOf(cells);
    if (l) {
      // a header row, or the same header repeated on a new page
      layout = l;
      continue;
    }
    if (!layout) continue;
    if (norm(cells) === layout.header) continue;
    // a second header row under a merged one (责任单位 over 牵头单位 | 配合单位): it names the columns
    if (isSubHeader(cells)) {
      cells.forEach((c, i) => {
        const col = classify(c);
        if (col !== 'other' && col !== 'task' && i !== layout!.taskCol) layout!.cols[i] = col;
      });
      continue;
    }
    const filled = cells.filter((c) => c.trim() !== '');
    if (filled.length === 0) continue;
    if (filled.length === 1 || filled.every((c) => c === filled[0])) {
      const text = filled[0]!;
      const m = parseMarker(text);
      headingPath = m ? [m.number] : [];
      out.push({ line: r.line, start: r.start, end: r.end, path: [], text: '', owners: null, deadlines: [], heading: { number: m?.number ?? '', title: m ? m.rest : text } });
      continue;
    }
    const at = (col: Col) => layout!.cols.flatMap((c, i) => (c === col ? [cells[i] ?? ''] : [])).filter((c) => c.trim() !== '');
    // 「一 | 依法全面履行政府职能 | | |」: a section row numbered in the 序号 column, with no owner or time
    const seqCell = at('seq')[0]?.trim() ?? '';
    const bare = !at('lead').length && !at('responsible').length && !at('leader').length && !at('deadline').length;
    if (bare && filled.length <= 2 && !/^\d+$/.test(seqCell)) {
      const title = filled.find((c) => c.trim() !== seqCell) ?? filled[0]!;
      const m = parseMarker(seqCell ? `${seqCell}、${title}` : title);
      headingPath = m ? [m.number] : [];
      out.push({ line: r.line, start: r.start, end: r.end, path: [], text: '', owners: null, deadlines: [], heading: { number: m?.number ?? seqCell, title: m ? m.rest : title } });
      continue;
    }
    const text = (cells[layout.taskCol] ?? '').trim();
    if (!text) continue;
    const category = layout.categoryCols.map((i) => (cells[i] ?? '').trim()).filter(Boolean);
    if (category.length) lastCategory = category;
    const seq = at('seq')[0]?.trim();
    const groups = layout.categoryCols.length ? (category.length ? category : lastCategory).map(categoryNumber) : headingPath;
    const path = [...groups, ...(seq ? [seq] : [])];
    out.push({ line: r.line, start: r.start, end: r.end, path, text, owners: ownersOf(at('lead'), at('responsible'), at('leader')), deadlines: at('deadline') });
  }
  return out;
}

/** A row of column names only (牵头单位 | 配合单位), each short and each a known header. */
function isSubHeader(cells: string[]): boolean {
  const filled = cells.map((c) => c.replace(/\s/g, '')).filter(Boolean);
  return filled.length > 0 && filled.every((c) => c.length <= 8 && classify(c) !== 'other' && !/\d/.test(c)) && filled.some((c) => /牵头|配合|协同|责任/.test(c));
}

/** A category cell "一、深化改革" contributes its number to the path; an unnumbered one its text. */
function categoryNumber(c: string): string {
  return parseMarker(c)?.number ?? c;
}

function ownersOf(lead: string[], responsible: string[], leader: string[]): Owners | null {
  const parts: string[] = [];
  if (leader.length) parts.push(`责任领导：${leader.join('、')}`);
  if (lead.length) parts.push(`牵头单位：${lead.join('、')}`);
  // one cell merged across the lead and responsible columns is printed in both: read it once
  if (responsible.length && responsible.join('、') !== lead.join('、')) parts.push(`责任单位：${responsible.join('、')}`);
  return parts.length ? parseOwnerContent(parts.join('；')) : null;
}
