import type { IndicatorT } from '@shared/api/assessment.ts';

export const LEVEL = ['', '一级', '二级', '三级'];
export const thisYear = new Date().getFullYear();

/** The closed set of scoring rules, as the editor offers them (the server's labels are on each indicator). */
export const RULE_KIND_LABEL: Record<NonNullable<IndicatorT['rule']>['kind'], string> = {
  manual: '人工评分',
  tasks_on_time: '任务按期完成率',
  reports_first_pass: '报送一次通过率',
  reports_on_time: '按时报送率',
  metric_target: '量化指标达标',
  deduction: '扣分项（督办单、督察问题）',
};
