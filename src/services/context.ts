import type { Db } from '../db/client.ts';
import type { BlobStore } from '../db/blob-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { Role } from '../shared/enums.ts';

/** Who is acting: a signed-in user, or the system itself (CLI, jobs, demo loader). */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      username: string;
      displayName: string;
      role: Role;
      unitId: string | null;
      /** regions the user may act in (admins: every region) */
      regionIds: string[];
      currentRegionId: string | null;
    }
  | { kind: 'system'; name: string }
  /** the public: may read only what is published */
  | { kind: 'anonymous' };

/** What every service call receives: plain values, never the HTTP request. */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip?: string | null;
  requestId?: string | null;
  /** where uploaded files live (evidence); required by the services that store or read files */
  blobs?: BlobStore;
  /** the largest file accepted, in bytes */
  uploadLimitBytes?: number;
}

export const systemActor = (name = '系统'): Actor => ({ kind: 'system', name });

export const nowIso = (ctx: Pick<ServiceContext, 'clock'>) => ctx.clock.now().toISOString();
