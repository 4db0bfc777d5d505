/**
 * Standing duties of the plan itself: 年度报告 (with its dates), 季度报送, 督察, 考核, 学法, 培训.
 * One entry per sentence that sets one up, with the schedule printed there.
 */
import type { PlanMechanism } from '../shared/plan-draft.ts';

const KINDS: Array<[string, RegExp]> = [
  ['年度报告', /年度报告|年报/],
  ['季度报送', /(?:按季度|每季度|季度)[^。；]{0,20}(?:报送|报告)|(?:报送|报告)[^。；]{0,10}(?:按季度|每季度)/],
  ['督察', /督察|督查|督导|督办/],
  ['考核', /考核/],
  ['学法', /学法/],
  ['培训', /培训/],
];

const SCHEDULE = /每年\s*\d{1,2}\s*月\s*\d{1,2}\s*日前?|\d{1,2}\s*月\s*\d{1,2}\s*日前|每年度|每年|每季度|按季度|每半年|每月|每两年|任期内|定期|年初|年底|年终/g;

export function extractMechanisms(paragraphs: Array<{ text: string; line: number }>): PlanMechanism[] {
  const out: PlanMechanism[] = [];
  for (const p of paragraphs) {
    for (const s of p.text.split(/(?<=[。；;])/)) {
      const kind = KINDS.find(([, re]) => re.test(s))?.[0];
      if (!kind) continue;
      const sched = [...s.matchAll(SCHEDULE)].map((m) => m[0].replace(/\s/g, ''));
      out.push({ kind, raw: s.trim().replace(/[。；;]$/, ''), schedule: sched.length ? [...new Set(sched)].join('、') : null, line: p.line });
    }
  }
  return out;
}
