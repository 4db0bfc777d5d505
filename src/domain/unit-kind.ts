import type { UnitKind } from '../shared/enums.ts';

/**
 * A first guess at a unit's kind from its printed name, for units created while importing a plan;
 * the office can correct it. Order matters: 县委政法委 is a Party body, 县人民法院 a court.
 */
export function guessUnitKind(name: string): UnitKind {
  const n = name.replace(/\s/g, '');
  if (/法院|检察院/.test(n)) return 'judicial';
  if (/人大|政协/.test(n)) return 'congress';
  if (/(乡|镇|街道|办事处|园区)(人民政府|政府)?$|^各?乡|^各镇|街道办/.test(n)) return 'township';
  if (/[县市区]委|党委|纪委|监委|党组|委员会办公室$|组织部|宣传部|统战部|政法委|编办|巡察|党校/.test(n)) return 'party';
  if (/局|委|办|中心|署|所|站|队|政府/.test(n)) return 'gov';
  return 'other';
}
