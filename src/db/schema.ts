import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database schema as Kysely sees it. Conventions (both databases):
 * ids are text UUIDv7 made by the application (time-ordered, so ORDER BY id is creation order); timestamps are ISO-8601 UTC text;
 * calendar dates are 'YYYY-MM-DD' text; booleans are integers 0/1; JSON is text.
 * Every business table carries region_id so a province database can be sharded by region.
 */
export interface RegionTable {
  id: string;
  parent_id: string | null;
  name: string;
  level: string;
  /** short prefix used in document numbers, e.g. 息 for 息烽县 */
  abbr: string | null;
  province: string | null;
  prefecture: string | null;
  sort_order: number;
  created_at: string;
}

export interface UnitTable {
  id: string;
  region_id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: string;
  sort_order: number;
  active: number;
  liaison_name: string | null;
  liaison_phone: string | null;
  liaison_email: string | null;
  head_name: string | null;
  /** set when this unit was merged into another: the survivor */
  merged_into_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UnitAliasTable {
  id: string;
  region_id: string;
  unit_id: string;
  alias: string;
  created_at: string;
}

export interface UnitGroupTable {
  id: string;
  region_id: string;
  name: string;
  mode: string;
  /** JSON array of unit kinds, for mode = rule */
  rule_kinds: string | null;
  description: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UnitGroupMemberTable {
  group_id: string;
  unit_id: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  unit_id: string | null;
  /** the region the user belongs to; more may be granted in user_regions */
  region_id: string | null;
  phone: string | null;
  email: string | null;
  active: number;
  must_change_password: number;
  last_login_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRegionTable {
  user_id: string;
  region_id: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: the token itself is never stored */
  id: string;
  user_id: string;
  csrf_token: string;
  current_region_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface LoginThrottleTable {
  /** 'user:<username>' or 'ip:<address>' */
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  region_id: string | null;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
  created_at: string;
}

export interface PlanTable {
  id: string;
  region_id: string;
  title: string;
  kind: string | null;
  period_start: number | null;
  period_end: number | null;
  current_version_id: string | null;
  /** the plan-wide default due date (各项工作任务原则上应当在…前完成), when printed */
  default_due: string | null;
  /** monthly | quarterly | semiannual | yearly */
  report_frequency: string;
  /** days after a period ends that its reports are due */
  report_due_offset: number;
  /** percentage points a task's reported progress may trail 序时进度 before it is 滞后 */
  lag_margin: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanVersionTable {
  id: string;
  plan_id: string;
  region_id: string;
  version_no: number;
  /** 征求意见稿, 正式稿, 修订稿 … */
  label: string;
  draft: number;
  doc_number: string | null;
  issuer: string | null;
  issued_on: string | null;
  source_file: string;
  source_sha256: string;
  source_format: string;
  source_text: string;
  draft_json: string;
  /** the diff against the previous version, as applied */
  changes_json: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PlanHeadingTable {
  id: string;
  plan_id: string;
  region_id: string;
  parent_id: string | null;
  number: string;
  title: string;
  depth: number;
  sort_order: number;
  line: number | null;
}

export interface TaskTable {
  id: string;
  plan_id: string;
  region_id: string;
  heading_id: string | null;
  seq: number;
  part: string;
  path_json: string;
  title: string | null;
  text: string;
  line: number | null;
  span_start: number | null;
  span_end: number | null;
  active: number;
  created_version_id: string | null;
  updated_version_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TaskOwnerTable {
  id: string;
  task_id: string;
  region_id: string;
  /** lead | responsible | leader */
  role: string;
  printed: string;
  unit_id: string | null;
  group_id: string | null;
  sort_order: number;
}

export interface TaskDeadlineTable {
  id: string;
  task_id: string;
  region_id: string;
  raw: string;
  due: string | null;
  ongoing: number;
  recurring: string | null;
  at: string | null;
  sort_order: number;
}

export interface TaskTargetTable {
  id: string;
  task_id: string;
  region_id: string;
  raw: string;
  metric: string | null;
  op: string | null;
  value_num: number | null;
  value_text: string | null;
  unit: string | null;
  by_date: string | null;
  scope: string | null;
  sort_order: number;
}

export interface PlanMechanismTable {
  id: string;
  plan_id: string;
  region_id: string;
  kind: string;
  raw: string;
  schedule: string | null;
  line: number | null;
}

export interface AssignmentTable {
  id: string;
  task_id: string;
  region_id: string;
  unit_id: string;
  /** lead (牵头) | co (责任/配合) */
  role: string;
  /** import | manual */
  source: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface PlanImportTable {
  id: string;
  region_id: string;
  created_by: string | null;
  file_name: string;
  sha256: string;
  format: string;
  source_text: string;
  draft_json: string;
  /** pending | committed | cancelled */
  status: string;
  plan_id: string | null;
  created_at: string;
}

export interface ReportingPeriodTable {
  id: string;
  plan_id: string;
  region_id: string;
  key: string;
  label: string;
  start_date: string;
  end_date: string;
  due: string;
  closed: number;
}

export interface ReportTable {
  id: string;
  region_id: string;
  plan_id: string;
  task_id: string;
  unit_id: string;
  period_id: string;
  /** lead (its report is the task's consolidated report) | co (reports to the lead) */
  role: string;
  /** draft | submitted | returned | accepted */
  state: string;
  /** not_started | in_progress | done | ongoing_done */
  completion: string | null;
  percent: number | null;
  narrative: string;
  target_values_json: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportEventTable {
  id: string;
  report_id: string;
  region_id: string;
  /** save | submit | return | accept */
  action: string;
  version: number;
  actor_id: string | null;
  actor_name: string;
  reason: string | null;
  snapshot_json: string;
  created_at: string;
}

export interface BlobTable {
  sha256: string;
  size: number;
  mime: string;
  created_at: string;
}

export interface UploadTable {
  id: string;
  region_id: string;
  unit_id: string | null;
  sha256: string;
  file_name: string;
  /** pdf | word | excel | image | zip */
  kind: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface ReportFileTable {
  report_id: string;
  upload_id: string;
  region_id: string;
  sort_order: number;
}

export interface SupervisionSettingsTable {
  region_id: string;
  /** days before a due date on which a unit is reminded, e.g. [7,3,1] */
  remind_days_json: string;
  warn_overdue_reports: number;
  warn_behind_tasks: number;
  /** working days a warning may stay unanswered before it is escalated */
  escalate_after_days: number;
  version: number;
  updated_at: string;
}

export interface AlertTable {
  id: string;
  region_id: string;
  /** reminder (提醒) | warning (警示) */
  kind: string;
  year: number;
  /** number within the region, kind and year */
  seq: number;
  /** report-due | task-due | report-overdue | task-behind | task-overdue */
  rule: string;
  unit_id: string;
  plan_id: string | null;
  task_id: string | null;
  period_id: string | null;
  due_date: string | null;
  title: string;
  detail: string;
  /** what makes two alerts the same (rule, subject and threshold): one per region */
  dedupe_key: string;
  /** the day the rule fired (the scheduler's day, not the wall clock) */
  rule_date: string;
  answered_at: string | null;
  answer: string | null;
  answered_by: string | null;
  escalated_at: string | null;
  created_at: string;
}

export interface SupervisionNoticeTable {
  id: string;
  region_id: string;
  year: number;
  seq: number;
  number: string;
  unit_id: string;
  issuer_id: string | null;
  issuer_name: string;
  /** the issuing body as printed (e.g. 中共息烽县委全面依法治县委员会办公室) */
  issuer_org: string;
  problem: string;
  requirement: string;
  reply_due: string;
  /** open | replied | closed */
  state: string;
  reply: string | null;
  replied_at: string | null;
  replied_by: string | null;
  closed_at: string | null;
  close_note: string | null;
  escalated_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SupervisionNoticeTaskTable {
  notice_id: string;
  task_id: string;
  region_id: string;
}

export interface SupervisionNoticeEventTable {
  id: string;
  notice_id: string;
  region_id: string;
  action: string;
  actor_name: string;
  text: string | null;
  created_at: string;
}

export interface ChaseTable {
  id: string;
  region_id: string;
  task_id: string;
  unit_id: string;
  message: string;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
}

export interface ExtensionRequestTable {
  id: string;
  region_id: string;
  task_id: string;
  unit_id: string;
  current_due: string;
  requested_due: string;
  reason: string;
  /** pending | granted | refused | withdrawn */
  state: string;
  requested_by: string | null;
  requested_by_name: string;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
  version: number;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  region_id: string;
  user_id: string;
  /** reminder | warning | escalation | supervision | extension | chase | report | … */
  kind: string;
  title: string;
  body: string;
  /** the page it is about, e.g. /tasks/… */
  link: string | null;
  /** one message per user and key: an action replayed notifies nobody twice */
  dedupe_key: string;
  read_at: string | null;
  created_at: string;
}

export interface NotificationPrefsTable {
  user_id: string;
  email_enabled: number;
  /** JSON array of kinds not sent by email */
  email_muted_json: string;
  /** 'HH:MM' (China Standard Time); email waits until quiet_end */
  quiet_start: string | null;
  quiet_end: string | null;
  version: number;
  updated_at: string;
}

export interface WebhookTable {
  id: string;
  region_id: string;
  name: string;
  /** generic (signed JSON) | dingtalk | wecom */
  format: string;
  url: string;
  /** generic: HMAC key of the signature header; dingtalk: the robot's 加签 secret */
  secret: string | null;
  /** JSON array of kinds sent (empty: all) */
  kinds_json: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DeliveryTable {
  id: string;
  region_id: string;
  /** email | webhook */
  channel: string;
  /** the address, or the webhook's id */
  target: string;
  user_id: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  /** pending | sending | sent | failed (gave up after the last retry) */
  state: string;
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface JobRunTable {
  id: string;
  job: string;
  run_date: string;
  region_id: string;
  /** running | done | failed */
  state: string;
  attempts: number;
  summary_json: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface AssessmentFrameworkTable {
  id: string;
  region_id: string;
  year: number;
  name: string;
  total_points: number;
  source_plan_id: string | null;
  copied_from_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentIndicatorTable {
  id: string;
  framework_id: string;
  region_id: string;
  parent_id: string | null;
  /** 1, 2 or 3 */
  level: number;
  sort_order: number;
  name: string;
  points: number;
  /** leaves: ScoringRule as JSON */
  rule_json: string | null;
  /** 评分标准 */
  criteria: string | null;
  /** 佐证材料 */
  evidence: string | null;
  task_ids_json: string;
}

export interface AssessmentCampaignTable {
  id: string;
  region_id: string;
  framework_id: string;
  year: number;
  name: string;
  /** self_assess | review | approved | published */
  state: string;
  unit_ids_json: string;
  assessor_ids_json: string;
  approved_at: string | null;
  approved_by_name: string | null;
  published_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentScoreTable {
  id: string;
  campaign_id: string;
  region_id: string;
  unit_id: string;
  indicator_id: string;
  self_score: number | null;
  self_note: string | null;
  self_upload_ids_json: string;
  review_score: number | null;
  review_note: string | null;
  reviewer_name: string | null;
  dispute: string | null;
  version: number;
  updated_at: string;
}

export interface AssessmentResultTable {
  campaign_id: string;
  unit_id: string;
  region_id: string;
  total: number;
  rank: number;
  detail_json: string;
}

export interface Database {
  regions: RegionTable;
  units: UnitTable;
  unit_aliases: UnitAliasTable;
  unit_groups: UnitGroupTable;
  unit_group_members: UnitGroupMemberTable;
  users: UserTable;
  user_regions: UserRegionTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  plan_headings: PlanHeadingTable;
  tasks: TaskTable;
  task_owners: TaskOwnerTable;
  task_deadlines: TaskDeadlineTable;
  task_targets: TaskTargetTable;
  plan_mechanisms: PlanMechanismTable;
  assignments: AssignmentTable;
  plan_imports: PlanImportTable;
  reporting_periods: ReportingPeriodTable;
  reports: ReportTable;
  report_events: ReportEventTable;
  blobs: BlobTable;
  uploads: UploadTable;
  report_files: ReportFileTable;
  supervision_settings: SupervisionSettingsTable;
  alerts: AlertTable;
  supervision_notices: SupervisionNoticeTable;
  supervision_notice_tasks: SupervisionNoticeTaskTable;
  supervision_notice_events: SupervisionNoticeEventTable;
  chases: ChaseTable;
  extension_requests: ExtensionRequestTable;
  job_runs: JobRunTable;
  assessment_frameworks: AssessmentFrameworkTable;
  assessment_indicators: AssessmentIndicatorTable;
  assessment_campaigns: AssessmentCampaignTable;
  assessment_scores: AssessmentScoreTable;
  assessment_results: AssessmentResultTable;
  notifications: NotificationTable;
  notification_prefs: NotificationPrefsTable;
  webhooks: WebhookTable;
  deliveries: DeliveryTable;
  calendar_years: CalendarYearTable;
  circulars: CircularTable;
  annual_reports: AnnualReportTable;
  annual_report_versions: AnnualReportVersionTable;
  annual_report_events: AnnualReportEventTable;
  annual_report_comments: AnnualReportCommentTable;
  annual_publications: AnnualPublicationTable;
  annual_search_terms: AnnualSearchTermTable;
  annual_settings: AnnualSettingsTable;
  task_sheet_imports: TaskSheetImportTable;
  export_jobs: ExportJobTable;
  inspection_plans: InspectionPlanTable;
  inspection_visits: InspectionVisitTable;
  inspection_problems: InspectionProblemTable;
  inspection_problem_files: InspectionProblemFileTable;
  inspection_problem_events: InspectionProblemEventTable;
  metric_values: MetricValueTable;
  office_targets: OfficeTargetTable;
  region_revisions: RegionRevisionTable;
}

export type RegionRow = Selectable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type UnitAliasRow = Selectable<UnitAliasTable>;
export type UnitGroupRow = Selectable<UnitGroupTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type PlanRow = Selectable<PlanTable>;
export type PlanVersionRow = Selectable<PlanVersionTable>;
export type PlanHeadingRow = Selectable<PlanHeadingTable>;
export type TaskRow = Selectable<TaskTable>;
export type TaskOwnerRow = Selectable<TaskOwnerTable>;
export type TaskDeadlineRow = Selectable<TaskDeadlineTable>;
export type TaskTargetRow = Selectable<TaskTargetTable>;
export type PlanMechanismRow = Selectable<PlanMechanismTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type PlanImportRow = Selectable<PlanImportTable>;
export type ReportingPeriodRow = Selectable<ReportingPeriodTable>;
export type ReportRow = Selectable<ReportTable>;
export type ReportEventRow = Selectable<ReportEventTable>;
export type UploadRow = Selectable<UploadTable>;

export type SupervisionSettingsRow = Selectable<SupervisionSettingsTable>;
export type AlertRow = Selectable<AlertTable>;
export type SupervisionNoticeRow = Selectable<SupervisionNoticeTable>;
export type SupervisionNoticeEventRow = Selectable<SupervisionNoticeEventTable>;
export type ChaseRow = Selectable<ChaseTable>;
export type ExtensionRequestRow = Selectable<ExtensionRequestTable>;
export type JobRunRow = Selectable<JobRunTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type NotificationPrefsRow = Selectable<NotificationPrefsTable>;
export type WebhookRow = Selectable<WebhookTable>;
export type DeliveryRow = Selectable<DeliveryTable>;

/** One announced year of the national working-day calendar (节假日与调休); see migration 0007. */
export interface CalendarYearTable {
  year: number;
  /** days off, JSON array of 'YYYY-MM-DD', ascending (may include weekend days inside a holiday block) */
  holidays_json: string;
  /** 调休 make-up working days, all Saturdays or Sundays, JSON array, ascending */
  workdays_json: string;
  /** where the data comes from (the notice's title and date); says so when it is uncertain */
  source: string | null;
  version: number;
  updated_at: string;
  updated_by_name: string;
  /** set when the admin deleted the year: the row stays, so shipped data is not seeded back */
  deleted_at: string | null;
}
export type CalendarYearRow = Selectable<CalendarYearTable>;

/** A circular (通报) about a plan's reporting period; see migration 0008. */
export interface CircularTable {
  id: string;
  region_id: string;
  plan_id: string;
  period_id: string;
  /** set at issue time: the year and sequence of the number, and the number as printed (息法通〔2026〕2号) */
  year: number | null;
  seq: number | null;
  number: string | null;
  title: string;
  /** the editable paragraphs and the facts they were generated from (shared/api/circulars.ts CircularBody) */
  body_json: string;
  /** draft | issued */
  state: string;
  issued_at: string | null;
  issuer_id: string | null;
  issuer_name: string | null;
  /** the issuing body as printed in the 版头 and the signature */
  issuer_org: string;
  created_by_name: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export type CircularRow = Selectable<CircularTable>;

/** A 任务分解表 sheet uploaded back, waiting for the office to confirm its changes; see migration 0010. */
export interface TaskSheetImportTable {
  id: string;
  region_id: string;
  plan_id: string;
  created_by: string | null;
  file_name: string;
  sha256: string;
  /** the changes the sheet makes, each with the task version it was read against (services/task-sheet.ts) */
  changes_json: string;
  /** pending | applied | cancelled */
  status: string;
  created_at: string;
  applied_at: string | null;
}
export type TaskSheetImportRow = Selectable<TaskSheetImportTable>;

/** A large list export running in the background; see migration 0010. */
export interface ExportJobTable {
  id: string;
  region_id: string;
  created_by: string;
  /** reports | tasks | … (services/export-jobs.ts) */
  kind: string;
  params_json: string;
  /** queued | running | done | failed */
  status: string;
  done_rows: number;
  total_rows: number | null;
  file_name: string | null;
  file_path: string | null;
  size: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
export type ExportJobRow = Selectable<ExportJobTable>;


/** Annual reports (法治政府建设年度报告); see migration 0009. */
export interface AnnualReportTable {
  id: string;
  region_id: string;
  /** null: the region's own report */
  unit_id: string | null;
  /** the unit's id, or 'region' */
  scope_key: string;
  year: number;
  title: string;
  /** draft | review | approved | submitted | published */
  state: string;
  /** JSON array of blocks (shared/api/annual-reports.ts Block) */
  body_json: string;
  facts_json: string;
  /** JSON array of 报送对象 */
  recipients_json: string;
  submit_due: string;
  publish_due: string;
  submitted_at: string | null;
  submitted_by_name: string | null;
  published_at: string | null;
  created_by_name: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface AnnualReportVersionTable {
  id: string;
  report_id: string;
  region_id: string;
  no: number;
  title: string;
  body_json: string;
  note: string | null;
  actor_name: string;
  created_at: string;
}
export interface AnnualReportEventTable {
  id: string;
  report_id: string;
  region_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  actor_name: string;
  created_at: string;
}
export interface AnnualReportCommentTable {
  id: string;
  report_id: string;
  region_id: string;
  block_id: string | null;
  text: string;
  author_id: string | null;
  author_name: string;
  resolved_at: string | null;
  resolved_by_name: string | null;
  created_at: string;
}
/** A frozen public copy of a report; a correction adds the next number and marks the previous superseded. */
export interface AnnualPublicationTable {
  id: string;
  report_id: string;
  region_id: string;
  unit_id: string | null;
  year: number;
  no: number;
  title: string;
  region_name: string;
  unit_name: string | null;
  /** JSON array of public blocks (no sources) */
  body_json: string;
  plain_text: string;
  correction_note: string | null;
  published_by_name: string;
  published_at: string;
  superseded_at: string | null;
}
/** The inverted index of the current public copies: one row per (word, copy). */
export interface AnnualSearchTermTable {
  term: string;
  publication_id: string;
  region_id: string;
  year: number;
  tf: number;
}
export interface AnnualSettingsTable {
  region_id: string;
  /** MM-DD of the year after the report's year */
  submit_due: string;
  publish_due: string;
  remind_days_json: string;
  version: number;
  updated_at: string;
}
export type AnnualReportRow = Selectable<AnnualReportTable>;
export type AnnualReportVersionRow = Selectable<AnnualReportVersionTable>;
export type AnnualReportEventRow = Selectable<AnnualReportEventTable>;
export type AnnualReportCommentRow = Selectable<AnnualReportCommentTable>;
export type AnnualPublicationRow = Selectable<AnnualPublicationTable>;
export type AnnualSearchTermRow = Selectable<AnnualSearchTermTable>;
export type AnnualSettingsRow = Selectable<AnnualSettingsTable>;
export type AssessmentFrameworkRow = Selectable<AssessmentFrameworkTable>;
export type AssessmentIndicatorRow = Selectable<AssessmentIndicatorTable>;
export type AssessmentCampaignRow = Selectable<AssessmentCampaignTable>;
export type AssessmentScoreRow = Selectable<AssessmentScoreTable>;
export type AssessmentResultRow = Selectable<AssessmentResultTable>;

// ------------------------------------------------------------------ 督察 (0012)
export interface InspectionPlanTable {
  id: string;
  region_id: string;
  year: number;
  title: string;
  /** the 法治 plan whose tasks and chapters are inspected (its period is the coverage period) */
  plan_id: string | null;
  starts_on: string;
  ends_on: string;
  note: string;
  created_by_name: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface InspectionVisitTable {
  id: string;
  inspection_id: string;
  region_id: string;
  unit_id: string;
  scheduled_on: string;
  inspector_ids_json: string;
  task_ids_json: string;
  heading_ids_json: string;
  /** ChecklistItem[] derived from the tasks and chapters */
  checklist_json: string;
  /** planned | recorded */
  state: string;
  visited_on: string | null;
  summary: string | null;
  /** { [checklist key]: { result: 'ok' | 'problem' | 'na', note } } */
  results_json: string;
  list_year: number | null;
  list_seq: number | null;
  /** the 问题清单's number in the region's style, given when the visit is recorded */
  list_number: string | null;
  recorded_by_name: string | null;
  recorded_at: string | null;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface InspectionProblemTable {
  id: string;
  visit_id: string;
  inspection_id: string;
  region_id: string;
  unit_id: string;
  year: number;
  seq: number;
  checklist_key: string | null;
  task_id: string | null;
  description: string;
  evidence_note: string;
  requirement: string;
  deadline: string;
  /** draft | open | submitted | closed */
  state: string;
  rectification: string | null;
  /** the day the rectification report now standing was submitted (cleared when returned) */
  rectified_on: string | null;
  rectified_by_name: string | null;
  return_reason: string | null;
  close_note: string | null;
  closed_on: string | null;
  closed_by_name: string | null;
  escalated_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface InspectionProblemFileTable {
  problem_id: string;
  upload_id: string;
  /** finding | rectification */
  purpose: string;
  region_id: string;
  sort_order: number;
}
export interface InspectionProblemEventTable {
  id: string;
  problem_id: string;
  region_id: string;
  action: string;
  actor_name: string;
  text: string | null;
  created_at: string;
}
export type InspectionPlanRow = Selectable<InspectionPlanTable>;
export type InspectionVisitRow = Selectable<InspectionVisitTable>;
export type InspectionProblemRow = Selectable<InspectionProblemTable>;
export type InspectionProblemFileRow = Selectable<InspectionProblemFileTable>;
export type InspectionProblemEventRow = Selectable<InspectionProblemEventTable>;

/** An actual value of a target entered by the office for a period, with its source; corrections add rows. */
/** A region's data revision, moved by triggers on every write the cockpit depends on (migration 0016). */
export interface RegionRevisionTable {
  region_id: string;
  rev: number;
}

export interface MetricValueTable {
  id: string;
  region_id: string;
  target_id: string;
  /** e.g. 2024年, 2024年第三季度 */
  period_label: string;
  /** the day the value stands for (the period's end, or the day of the statistic), YYYY-MM-DD */
  period_date: string;
  value: number;
  source: string;
  note: string | null;
  entered_by: string | null;
  entered_by_name: string;
  entered_at: string;
  /** the row this one corrects */
  supersedes_id: string | null;
  /** set when a correction replaced this row */
  superseded_by_id: string | null;
  superseded_at: string | null;
  correction_reason: string | null;
  version: number;
}

/** A target the office added (the parser did not find it): its task_targets row, and who added it. */
export interface OfficeTargetTable {
  target_id: string;
  region_id: string;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
}

export type MetricValueRow = Selectable<MetricValueTable>;
export type OfficeTargetRow = Selectable<OfficeTargetTable>;
