/** Closed sets shared by server, CLI and web, with their Chinese labels. */

export const ROLES = ['admin', 'office', 'liaison', 'leader', 'inspector'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABEL: Record<Role, string> = {
  admin: '系统管理员',
  office: '依法治办',
  liaison: '单位联络员',
  leader: '领导',
  inspector: '督察考核',
};

export const UNIT_KINDS = ['gov', 'party', 'township', 'congress', 'judicial', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  gov: '政府部门',
  party: '党委部门',
  township: '乡镇街道',
  congress: '人大政协',
  judicial: '法院检察院',
  other: '其他',
};
export const unitKindFromLabel = (label: string): UnitKind | undefined =>
  (Object.entries(UNIT_KIND_LABEL) as [UnitKind, string][]).find(([, l]) => l === label.trim())?.[0];

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABEL: Record<RegionLevel, string> = { province: '省', city: '市', county: '县（市、区）' };

export const GROUP_MODES = ['rule', 'explicit'] as const;
export type GroupMode = (typeof GROUP_MODES)[number];
