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

type Col = 'seq' | 'category' | 'task' | 'lead' | 'responsible' | 'leader' | 'deadline' | 'other';

const HEADER_TESTS: Array<[Col, RegExp]> = [
  ['seq', /^(?:序号|编号|序|No\.?)$/i],
  ['leader', /领导/],
  ['lead', /牵头/],
  ['responsible', /责任单位|责任部门|配合|协同|协办|参与单位|责任主体|承办/],
  ['deadline', /时限|时间|期限|进度|节点/],
  ['task', /措施|举措|任务|内容|事项|工作要求|要点|目标/],
  ['category', /类别|领域|项目|板块|方面|分类/],
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

/** A category cell "一、深化改革" contributes its number to the path; an unnumbered one its text. */
function categoryNumber(c: string): string {
  return parseMarker(c)?.number ?? c;
}

function ownersOf(lead: string[], responsible: string[], leader: string[]): Owners | null {
  const parts: string[] = [];
  if (leader.length) parts.push(`责任领导：${leader.join('、')}`);
  if (lead.length) parts.push(`牵头单位：${lead.join('、')}`);
  if (responsible.length) parts.push(`责任单位：${responsible.join('、')}`);
  return parts.length ? parseOwnerContent(parts.join('；')) : null;
}
