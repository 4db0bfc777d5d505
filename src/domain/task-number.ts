/**
 * A task's number as the platform shows it everywhere (task pages, lists, exports, the cockpit, the
 * annual report's annexes): the plan's own numbering segments joined by dots, e.g. 二.（一）.1. Takes
 * the segments, their JSON (tasks.path_json) or a task row.
 */
export function taskNumber(path: string | readonly string[] | { path_json: string }): string {
  const segments = typeof path === 'string' ? (JSON.parse(path) as string[]) : 'path_json' in path ? (JSON.parse(path.path_json) as string[]) : path;
  return segments.filter(Boolean).join('.');
}
