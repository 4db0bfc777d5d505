import { z } from 'zod';
import { REGION_LEVELS } from '../enums.ts';
import { Id, Name, OptionalText } from './common.ts';

export const RegionLevel = z.enum(REGION_LEVELS, { message: '行政级别不正确' });
export const Region = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  level: RegionLevel,
  abbr: z.string().nullable(),
  fullName: z.string(),
});
export type Region = z.infer<typeof Region>;
export const RegionList = z.object({ items: z.array(Region) });
export const CreateRegionRequest = z
  .object({ name: Name('地区名称', 50), level: RegionLevel, parentId: Id.nullish().transform((v) => v ?? null), abbr: OptionalText('简称', 4) })
  .strict();
export type CreateRegionRequest = z.input<typeof CreateRegionRequest>;
