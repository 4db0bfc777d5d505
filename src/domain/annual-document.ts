/**
 * Pure rules of the annual report (法治政府建设年度报告) as a document: heading numbers (shared with the
 * editor, in shared/annual-numbering.ts), the missing-data markers left in it, its plain text
 * (for the public copy and its search index) and the deadlines of a report year.
 */
import type { Block } from '../shared/api/annual-reports.ts';
import { MARKER_RE } from '../shared/api/annual-reports.ts';
import { addDays, monthDayInYear, type IsoDate } from './dates.ts';

export { cnNumber, headingNumbers } from '../shared/annual-numbering.ts';
import { headingNumbers } from '../shared/annual-numbering.ts';

/** Every piece of text of a block, in reading order. */
export function blockTexts(b: Pick<Block, 'text' | 'items' | 'rows'>): string[] {
  return [...(b.text !== undefined ? [b.text] : []), ...(b.items ?? []), ...(b.rows ?? []).flat()];
}

export interface MarkerAt {
  blockId: string;
  /** the heading the block stands under (with its number), or 标题 */
  heading: string;
  text: string;
}

/** The 【待补充：…】 markers still in the document, each with the heading it stands under. */
export function findMarkers(title: string, blocks: Block[]): MarkerAt[] {
  const out: MarkerAt[] = [];
  for (const m of title.match(MARKER_RE) ?? []) out.push({ blockId: 'title', heading: '标题', text: m });
  const numbers = headingNumbers(blocks);
  let under = '正文开头';
  blocks.forEach((b, i) => {
    if (b.type === 'heading') under = `${numbers[i]}${b.text ?? ''}`;
    for (const t of blockTexts(b)) for (const m of t.match(MARKER_RE) ?? []) out.push({ blockId: b.id, heading: b.type === 'heading' ? under : under, text: m });
  });
  return out;
}

/** The document as plain text, one line a paragraph (headings numbered, list items and table rows on lines). */
export function plainText(title: string, blocks: Block[]): string {
  const numbers = headingNumbers(blocks);
  const lines = [title];
  blocks.forEach((b, i) => {
    if (b.type === 'heading') lines.push(`${numbers[i]}${b.text ?? ''}`);
    else if (b.type === 'paragraph') lines.push(b.text ?? '');
    else if (b.type === 'list') lines.push(...(b.items ?? []));
    else lines.push(...(b.rows ?? []).map((r) => r.join('　')));
  });
  return lines.filter((l) => l.trim()).join('\n');
}

export const DEFAULT_SUBMIT_DUE = '03-01';
export const DEFAULT_PUBLISH_DUE = '04-01';
export const DEFAULT_REMIND_DAYS = [14, 7, 3, 1];

/** The report on year Y is due the year after: submitted by 3月1日, published by 4月1日 (or as the region set them). */
export function annualDeadlines(year: number, submitMd = DEFAULT_SUBMIT_DUE, publishMd = DEFAULT_PUBLISH_DUE): { submitDue: IsoDate; publishDue: IsoDate } {
  return { submitDue: monthDayInYear(submitMd, year + 1), publishDue: monthDayInYear(publishMd, year + 1) };
}

export type DeadlineState = 'on_time' | 'late' | 'overdue' | 'pending';
/** A step against its due date: done on or before it, done after it, not done and past it, not done and not due yet. */
export function deadlineState(doneDay: IsoDate | null, due: IsoDate, today: IsoDate): DeadlineState {
  if (doneDay) return doneDay <= due ? 'on_time' : 'late';
  return today > due ? 'overdue' : 'pending';
}

/** Which reminder is due today: the number of days before `due` when today is one of them, 0 on the day after it (overdue), else null. */
export function reminderToday(today: IsoDate, due: IsoDate, remindDays: readonly number[]): number | null {
  for (const d of remindDays) if (addDays(due, -d) === today) return d;
  if (addDays(due, 1) === today) return 0;
  return null;
}
