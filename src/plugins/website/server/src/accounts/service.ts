import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

const USER = 'plugin::users-permissions.user';

interface UserRow {
  id: number;
  email: string;
  password?: string | null;
  confirmed: boolean;
  blocked: boolean;
}

type Outbox = {
  enqueue(email: { to: string[]; subject: string; text: string; kind: string }): Promise<number | null>;
  dispatch(ids: number[]): void;
};

/** Council accounts, in-process: users-permissions' user service and the submissions plugin's outbox. */
export function accountService(strapi: Core.Strapi) {
  const up = () => strapi.plugin('users-permissions');
  const users = () => strapi.db.query(USER);
  const outbox = () => strapi.plugin('submissions').service('outbox') as Outbox;

  async function email(to: string, kind: string, subject: string, text: string) {
    const id = await outbox().enqueue({ to: [to], kind, subject, text });
    if (id) outbox().dispatch([id]);
  }

  return {
    email,

    /** The local account with this email address (lower-cased), if any. */
    async findByEmail(address: string): Promise<UserRow | null> {
      return users().findOne({ where: { provider: 'local', email: address.toLowerCase() } });
    },

    /** The account if the password is right: confirmed and blocked are the caller's to check. */
    async checkPassword(address: string, password: string): Promise<UserRow | null> {
      const user = await this.findByEmail(address);
      const valid = user?.password && (await up().service('user').validatePassword(password, user.password));
      return valid ? user : null;
    },

    async emailTaken(address: string): Promise<boolean> {
      const lower = address.toLowerCase();
      return (await users().count({ where: { $or: [{ email: lower }, { username: lower }] } })) > 0;
    },

    /**
     * A new, unconfirmed account. The submissions plugin's rules (the council of the email domain,
     * the council role) apply on create, whichever way an account is made; their refusal is thrown.
     */
    async register(address: string, password: string): Promise<UserRow> {
      const lower = address.toLowerCase();
      return up().service('user').add({
        username: lower,
        email: lower,
        password,
        provider: 'local',
        confirmed: false,
        blocked: false,
      });
    },

    /** A set-password link for this account, by email; nothing happens for unknown or blocked ones. */
    async sendPasswordReset(address: string, site: string): Promise<void> {
      const user = await this.findByEmail(address);
      if (!user || user.blocked) return;
      const code = crypto.randomBytes(32).toString('hex');
      await up().service('user').edit(user.id, { resetPasswordToken: code });
      await email(
        user.email,
        'reset-password',
        'Reset your password',
        `Use this link to set a new password: ${site}/submit/reset-password?code=${code}\n\nIf you did not ask for this, ignore this email: your password has not changed.`
      );
    },

    /** Sets a new password with a reset code (used once); the account, or null if the code is unknown. */
    async resetPassword(code: string, password: string): Promise<UserRow | null> {
      if (!/^[a-f0-9]{20,200}$/.test(code)) return null;
      const user: UserRow | null = await users().findOne({ where: { resetPasswordToken: code } });
      if (!user) return null;
      await up().service('user').edit(user.id, { resetPasswordToken: null, password });
      return user;
    },
  };
}

export type AccountService = ReturnType<typeof accountService>;
