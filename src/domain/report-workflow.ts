/**
 * The progress report's workflow, as named guards:
 *   (none) → draft → submitted → accepted
 *                      ↓ return (with a reason)
 *                   returned → (edit) → submitted …
 * An accepted report is frozen. A submitted one waits for review and cannot be edited; the unit
 * asks the office to return it. A report of a closed period can no longer be written.
 */
export type ReportState = 'none' | 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportRole = 'lead' | 'co';

export const canEdit = (state: ReportState, periodClosed: boolean) => !periodClosed && (state === 'none' || state === 'draft' || state === 'returned');
export const canSubmit = canEdit;
/** The office reviews what reaches it: a lead's consolidated report, or a co-owner's when the task has no lead. */
export const canReview = (state: ReportState, role: ReportRole, taskHasLead: boolean) => state === 'submitted' && (role === 'lead' || !taskHasLead);

export function editRefusal(state: ReportState, periodClosed: boolean): string {
  if (periodClosed) return '该报送周期已关闭，不能再填报或提交';
  if (state === 'submitted') return '报送已提交，正在审核，不能修改；如需修改请联系依法治办退回';
  if (state === 'accepted') return '报送已审核通过，不能再修改';
  return '当前状态不能修改';
}

/** A report must say something before it goes to the lead or the office. */
export function submitProblems(r: { narrative: string; completion: string | null; percent: number | null }): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!r.narrative.replace(/[\s\u3000#*\-·•、，。]/g, '')) out.push({ field: 'narrative', message: '请填写本期进展情况' });
  if (!r.completion) out.push({ field: 'completion', message: '请选择完成情况' });
  if (r.completion === 'in_progress' && r.percent === null) out.push({ field: 'percent', message: '推进中的任务请填写完成比例' });
  if (r.completion === 'done' && r.percent !== null && r.percent < 100) out.push({ field: 'percent', message: '已完成的任务完成比例应为 100%' });
  return out;
}
