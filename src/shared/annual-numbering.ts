/**
 * How an annual report's headings are numbered when it is laid out, shared by the server (Word, the
 * public copy, the marker list) and the editor so that both show the same numbers: 一、 over the
 * level-1 headings of the body, （一） restarting under each, and 附件1, 附件2 … over the headings of the
 * annexes (the blocks of section `annex`, laid out after the signature, each on its own page).
 */
import type { Block } from './api/annual-reports.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 12 → 十二 (heading numbers, up to 99). */
export function cnNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** The label of the k-th annex (1-based) as GB/T 9704 prints it above the annex: 附件1. */
export const annexLabel = (k: number) => `附件${k}`;

/** Is this block an annex's heading (a level-1 heading of section `annex`)? */
export const isAnnexHeading = (b: Pick<Block, 'type' | 'level' | 'section'>) => b.type === 'heading' && (b.level ?? 1) === 1 && b.section === 'annex';

/** The number each heading gets: 一、 / （一） in the body, 附件1 before an annex's title; null for other blocks. */
export function headingNumbers(blocks: Pick<Block, 'type' | 'level' | 'section'>[]): (string | null)[] {
  let one = 0;
  let two = 0;
  let annex = 0;
  return blocks.map((b) => {
    if (b.type !== 'heading') return null;
    if (isAnnexHeading(b)) {
      annex++;
      two = 0;
      return `${annexLabel(annex)}　`;
    }
    if ((b.level ?? 1) === 1) {
      one++;
      two = 0;
      return `${cnNumber(one)}、`;
    }
    two++;
    return `（${cnNumber(two)}）`;
  });
}
