import type { Core } from '@strapi/strapi';

/** The sessions contract (CONTRACTS.md): tokens the site keeps in its signed cookie. */
export interface Sessions {
  issue(userId: number): Promise<string>;
  /** null if bad, expired, blocked, or of an old session version. */
  verify(token: string): Promise<{ id: number } | null>;
  /** Every token and cookie of this user stops working, in every process. */
  endAll(userId: number): Promise<void>;
}

/** The one place the site gets its sessions: the submissions plugin's (per-user session versions). */
export const sessions = (strapi: Core.Strapi): Sessions =>
  strapi.plugin('submissions').service('sessions') as Sessions;
