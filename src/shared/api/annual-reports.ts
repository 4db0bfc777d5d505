import { z } from 'zod';
import { Id, IsoDate, Page, Version } from './common.ts';

/**
 * Annual reports (法治政府建设年度报告). For a unit or a whole region and a year the platform drafts the
 * report from the records (tasks, accepted progress reports, targets, returned reports, supervision); the
 * author edits it as a document of blocks (headings, paragraphs, lists, tables), each generated block
 * keeping the records it was written from; reviewers comment; the report moves through
 * draft → review → approved → submitted (to whom, by 3月1日) → published (by 4月1日). Publishing freezes
 * a public copy; a correction publishes a new copy with a visible note and the old one stays readable.
 */
export const ANNUAL_STATES = ['draft', 'review', 'approved', 'submitted', 'published'] as const;
export type AnnualState = (typeof ANNUAL_STATES)[number];
export const ANNUAL_STATE_LABEL: Record<AnnualState, string> = { draft: '起草中', review: '内部审核', approved: '已审定', submitted: '已报送', published: '已公开' };

/** Where a report is submitted (报送对象). */
export const ANNUAL_RECIPIENTS = ['party_committee', 'congress', 'gov_above', 'office', 'government'] as const;
export type AnnualRecipient = (typeof ANNUAL_RECIPIENTS)[number];
export const ANNUAL_RECIPIENT_LABEL: Record<AnnualRecipient, string> = {
  party_committee: '县委',
  congress: '县人大常委会',
  gov_above: '上级政府',
  office: '依法治县办',
  government: '县政府',
};
/** The default: a region's report goes to the Party committee, the people's congress and the government above; a unit's to the Party committee and the government (and the office). */
export const DEFAULT_RECIPIENTS = { region: ['party_committee', 'congress', 'gov_above'] as AnnualRecipient[], unit: ['party_committee', 'government', 'office'] as AnnualRecipient[] };

/** The text every missing-data marker starts with: a report carrying one cannot be submitted or published. */
export const MARKER_OPEN = '【待补充：';
export const MARKER_RE = /【待补充：[^】]*】/g;

/** A record a generated block was written from, with the page that shows it. */
export const SourceRef = z.object({
  kind: z.enum(['plan', 'task', 'report', 'target', 'notice', 'alert', 'chase', 'extension', 'problem', 'metric_value']),
  id: z.string(),
  label: z.string().max(300),
  link: z.string().max(300),
});
export type SourceRef = z.infer<typeof SourceRef>;

const Text = z.string().max(20000, '每段不能超过 20000 字');
export const BLOCK_TYPES = ['heading', 'paragraph', 'list', 'table'] as const;
export const Block = z
  .object({
    id: z.string().min(1).max(40),
    type: z.enum(BLOCK_TYPES),
    /** heading: 1 (一、) or 2 (（一）); the number is given when the document is laid out */
    level: z.union([z.literal(1), z.literal(2)]).optional(),
    text: Text.optional(),
    items: z.array(Text).max(1000).optional(),
    /** first row is the header */
    rows: z.array(z.array(z.string().max(2000)).max(12)).max(1000).optional(),
    sources: z.array(SourceRef).max(2000).default([]),
    /** which part of the generated structure the block belongs to (kept through edits); `annex` blocks are laid out after the signature as 附件 */
    section: z.enum(['intro', 'achievements', 'problems', 'duties', 'plans', 'annex', 'other']).optional(),
  })
  .strict();
export type Block = z.infer<typeof Block>;
export type BlockInput = z.input<typeof Block>;

/** The numbers the draft was written from, as read when it was generated. */
export const AnnualFacts = z.object({
  year: z.number(),
  asOf: z.string(),
  plans: z.array(z.object({ id: z.string(), title: z.string() })),
  tasks: z.number(),
  done: z.number(),
  ongoing: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  behind: z.number(),
  overdue: z.number(),
  reports: z.number(),
  accepted: z.number(),
  returned: z.number(),
  targets: z.number(),
  targetsMet: z.number(),
  openNotices: z.number(),
  warnings: z.number(),
  nextYearTasks: z.number(),
  /** what the records lacked (each also a marker in the text) */
  missing: z.array(z.string()),
});
export type AnnualFacts = z.infer<typeof AnnualFacts>;

export const AnnualSummary = z.object({
  id: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  /** null: the region's own report (compiled by the office) */
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  year: z.number(),
  title: z.string(),
  state: z.enum(ANNUAL_STATES),
  stateLabel: z.string(),
  submitDue: z.string(),
  publishDue: z.string(),
  recipients: z.array(z.enum(ANNUAL_RECIPIENTS)),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** how many public copies there are (corrections add one) */
  publications: z.number(),
  markers: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AnnualSummary = z.infer<typeof AnnualSummary>;

export const AnnualComment = z.object({
  id: z.string(),
  blockId: z.string().nullable(),
  text: z.string(),
  authorName: z.string(),
  resolved: z.boolean(),
  createdAt: z.string(),
});
export type AnnualComment = z.infer<typeof AnnualComment>;

export const AnnualEvent = z.object({ action: z.string(), label: z.string(), fromState: z.string().nullable(), toState: z.string().nullable(), note: z.string().nullable(), actorName: z.string(), createdAt: z.string() });
export type AnnualEvent = z.infer<typeof AnnualEvent>;

export const AnnualReport = AnnualSummary.extend({
  blocks: z.array(Block),
  facts: AnnualFacts,
  /** the markers left, each with the heading it stands under */
  markerList: z.array(z.object({ blockId: z.string(), heading: z.string(), text: z.string() })),
  comments: z.array(AnnualComment),
  events: z.array(AnnualEvent),
  versions: z.array(z.object({ no: z.number(), note: z.string().nullable(), actorName: z.string(), createdAt: z.string() })),
  can: z.object({ edit: z.boolean(), sendToReview: z.boolean(), approve: z.boolean(), sendBack: z.boolean(), submit: z.boolean(), publish: z.boolean(), revise: z.boolean(), comment: z.boolean(), regenerate: z.boolean() }),
});
export type AnnualReport = z.infer<typeof AnnualReport>;

export const AnnualQuery = Page.extend({
  regionId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  unitId: Id.optional(),
  state: z.enum(ANNUAL_STATES).optional(),
}).strict();
export type AnnualQuery = z.infer<typeof AnnualQuery>;
export const AnnualList = z.object({ items: z.array(AnnualSummary), total: z.number() });

export const GenerateAnnualRequest = z
  .object({
    regionId: Id,
    /** absent: the region's own report */
    unitId: Id.nullish(),
    year: z.number({ message: '请选择年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
  })
  .strict();
export type GenerateAnnualRequest = z.input<typeof GenerateAnnualRequest>;

export const UpdateAnnualRequest = z
  .object({
    version: Version,
    title: z.string().trim().min(1, '请填写标题').max(120, '标题不能超过 120 字'),
    blocks: z.array(Block).max(600, '报告最多 600 段'),
    note: z.string().trim().max(200).nullish(),
  })
  .strict();
export type UpdateAnnualRequest = z.input<typeof UpdateAnnualRequest>;

export const AnnualTransitionRequest = z.object({ version: Version, note: z.string().trim().max(1000).nullish() }).strict();
export type AnnualTransitionRequest = z.input<typeof AnnualTransitionRequest>;
export const SubmitAnnualRequest = z
  .object({ version: Version, recipients: z.array(z.enum(ANNUAL_RECIPIENTS, { message: '报送对象不正确' })).min(1, '请选择报送对象').max(ANNUAL_RECIPIENTS.length), note: z.string().trim().max(1000).nullish() })
  .strict();
export type SubmitAnnualRequest = z.input<typeof SubmitAnnualRequest>;
export const PublishAnnualRequest = z.object({ version: Version, correctionNote: z.string().trim().max(500).nullish() }).strict();
export type PublishAnnualRequest = z.input<typeof PublishAnnualRequest>;
export const ReviseAnnualRequest = z.object({ version: Version, reason: z.string().trim().min(1, '请填写更正原因').max(500) }).strict();

export const CommentRequest = z.object({ blockId: z.string().max(40).nullish(), text: z.string().trim().min(1, '请填写意见').max(2000, '意见不能超过 2000 字') }).strict();
export const CommentParams = z.object({ id: Id, commentId: Id }).strict();

export const DiffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }).strict();
export const VersionParams = z.object({ id: Id, no: z.coerce.number().int().min(1) }).strict();

export const BlockChange = z.object({
  kind: z.enum(['added', 'removed', 'changed', 'same']),
  blockId: z.string(),
  type: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** for changed text: the pieces, each kept, inserted or deleted */
  parts: z.array(z.object({ op: z.enum(['=', '+', '-']), text: z.string() })),
});
export type BlockChange = z.infer<typeof BlockChange>;
export const AnnualDiff = z.object({ from: z.number(), to: z.number(), titleBefore: z.string(), titleAfter: z.string(), changes: z.array(BlockChange) });
export type AnnualDiff = z.infer<typeof AnnualDiff>;

export const AnnualVersion = z.object({ no: z.number(), title: z.string(), blocks: z.array(Block), note: z.string().nullable(), actorName: z.string(), createdAt: z.string() });

// ------------------------------------------------------------------ settings and the tracking board

export const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD，如 03-01');
export const AnnualSettings = z.object({ regionId: z.string(), submitDue: z.string(), publishDue: z.string(), remindDays: z.array(z.number()), version: z.number() });
export type AnnualSettings = z.infer<typeof AnnualSettings>;
export const UpdateAnnualSettingsRequest = z
  .object({
    version: z.number().int().min(0),
    submitDue: MonthDay,
    publishDue: MonthDay,
    remindDays: z.array(z.number().int().min(1).max(60)).max(6).default([14, 7, 3, 1]),
  })
  .strict()
  .refine((s) => s.submitDue <= s.publishDue, { message: '公开时限不能早于报送时限', path: ['publishDue'] });
export const SettingsQuery = z.object({ regionId: Id.optional() }).strict();

export const BoardQuery = z.object({ regionId: Id.optional(), year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const BoardRow = z.object({
  unitId: z.string().nullable(),
  unitName: z.string(),
  reportId: z.string().nullable(),
  state: z.enum(ANNUAL_STATES).nullable(),
  stateLabel: z.string(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** on_time | late | overdue (past due, not done) | pending (not due yet) */
  submit: z.enum(['on_time', 'late', 'overdue', 'pending']),
  publish: z.enum(['on_time', 'late', 'overdue', 'pending']),
  markers: z.number(),
});
export type BoardRow = z.infer<typeof BoardRow>;
export const AnnualBoard = z.object({
  regionId: z.string(),
  year: z.number(),
  asOf: z.string(),
  submitDue: IsoDate,
  publishDue: IsoDate,
  rows: z.array(BoardRow),
  totals: z.object({ expected: z.number(), drafted: z.number(), submitted: z.number(), submittedOnTime: z.number(), published: z.number(), publishedOnTime: z.number(), submitRate: z.number(), publishRate: z.number() }),
});
export type AnnualBoard = z.infer<typeof AnnualBoard>;

// ------------------------------------------------------------------ the public portal

export const PortalQuery = Page.extend({
  regionId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(100, '检索词不能超过 100 字').optional(),
}).strict();
export type PortalQuery = z.infer<typeof PortalQuery>;
export const PortalItem = z.object({
  reportId: z.string(),
  no: z.number(),
  title: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  unitName: z.string().nullable(),
  year: z.number(),
  publishedAt: z.string(),
  corrected: z.boolean(),
  snippet: z.string(),
  /** the words matched, for highlighting */
  terms: z.array(z.string()),
});
export type PortalItem = z.infer<typeof PortalItem>;
export const PortalList = z.object({ items: z.array(PortalItem), total: z.number() });

export const PublicBlock = z.object({ type: z.enum(BLOCK_TYPES), level: z.number().optional(), number: z.string().optional(), section: z.literal('annex').optional(), text: z.string().optional(), items: z.array(z.string()).optional(), rows: z.array(z.array(z.string())).optional() });
export const PortalReport = z.object({
  reportId: z.string(),
  no: z.number(),
  latestNo: z.number(),
  title: z.string(),
  regionName: z.string(),
  unitName: z.string().nullable(),
  year: z.number(),
  publishedAt: z.string(),
  correctionNote: z.string().nullable(),
  blocks: z.array(PublicBlock),
  versions: z.array(z.object({ no: z.number(), publishedAt: z.string(), correctionNote: z.string().nullable() })),
});
export type PortalReport = z.infer<typeof PortalReport>;
export const PortalRegions = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), years: z.array(z.object({ year: z.number(), count: z.number() })) })) });
export const PortalParams = z.object({ reportId: Id }).strict();
export const PortalVersionParams = z.object({ reportId: Id, no: z.coerce.number().int().min(1).max(1000) }).strict();
export const PortalFileQuery = z.object({ v: z.coerce.number().int().min(1).max(1000).optional() }).strict();
export const FeedQuery = z.object({ regionId: Id.optional() }).strict();
