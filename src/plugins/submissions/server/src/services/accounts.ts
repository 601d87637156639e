import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../access/rules';
import { COUNCIL_ROLE } from '../config/admin-actions';
import { ForbiddenError, MESSAGES, fieldErrors } from '../errors';
import { domainBelongsTo, parseEmailAddress } from '../../../shared/email-address';
import { getService, UIDS } from '../utils/get-service';

type CouncilMatch = { id: number; documentId: string; name: string };
type CouncilRow = CouncilMatch & { emailDomains: unknown };

/** The council one of whose email domains is `domain` (or a parent of it). */
export function councilOfDomain(domain: string, councils: CouncilRow[]): CouncilMatch | null {
  const match = councils.find(
    (c) =>
      Array.isArray(c.emailDomains) &&
      c.emailDomains.some((d: unknown) => typeof d === 'string' && domainBelongsTo(domain, d))
  );
  return match ? { id: match.id, documentId: match.documentId, name: match.name } : null;
}

/** Council accounts: which council an email address belongs to, sign-up rules, invitations. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The council whose officers use this address's domain (as parsed: the real, normalised domain).
   * Councils are few (hundreds): read them all.
   */
  async councilForEmail(email: string): Promise<CouncilMatch | null> {
    const parsed = parseEmailAddress(email);
    return parsed.ok ? councilOfDomain(parsed.domain, await this.councils()) : null;
  },

  async councils(): Promise<CouncilRow[]> {
    return strapi.db.query(UIDS.council).findMany({ select: ['id', 'documentId', 'name', 'emailDomains'] });
  },

  async councilRole(): Promise<{ id: number; documentId: string }> {
    return strapi.db.query(UIDS.role).findOne({ where: { type: COUNCIL_ROLE.type } });
  },

  /**
   * Every account belongs to the council of its email domain and gets the Council contributor role,
   * whichever way it is created (sign-up, invitation, admin panel). No council, no account.
   */
  async applyCouncilRules(data: Record<string, unknown>): Promise<void> {
    const parsed = parseEmailAddress(data.email);
    if (!parsed.ok) throw fieldErrors([{ field: 'email', message: parsed.message }]);
    const council = await this.councilForEmail(parsed.address);
    if (!council) {
      throw fieldErrors([
        {
          field: 'email',
          message: `use the email address your council gave you: "${parsed.domain}" is not the email domain of a council on this site`,
        },
      ]);
    }
    // The address matched is the one stored and emailed (users-permissions sends the confirmation to it).
    if (
      typeof data.username === 'string' &&
      data.username.trim().toLowerCase() === String(data.email).trim().toLowerCase()
    )
      data.username = parsed.address;
    data.email = parsed.address;
    const taken = await strapi.db.query(UIDS.user).count({ where: { email: parsed.address } });
    if (taken) throw fieldErrors([{ field: 'email', message: 'is already taken by another account' }]);
    data.council = council.documentId;
    data.role = (await this.councilRole()).documentId;
  },

  /** The council officer behind a content-API request, or a 403 for anyone else. */
  async councilActor(user: { id: number } | null | undefined): Promise<Extract<Actor, { kind: 'council' }>> {
    if (!user) throw new errors.UnauthorizedError('Sign in to use submissions');
    const full = await strapi.db.query(UIDS.user).findOne({
      where: { id: user.id },
      populate: { council: { select: ['id'] }, role: { select: ['type'] } },
    });
    if (!full?.council || full.role?.type !== COUNCIL_ROLE.type)
      throw new ForbiddenError(MESSAGES.notCouncilContributor);
    return {
      kind: 'council',
      userId: full.id,
      councilId: full.council.id,
      name: full.username,
      email: full.email,
    };
  },

  /** An editor invites an officer: the account is created confirmed, and a set-password link is emailed. */
  async invite({ email, firstName }: { email: string; firstName?: string }, invitedBy: string) {
    const parsed = parseEmailAddress(email);
    if (!parsed.ok) throw fieldErrors([{ field: 'email', message: parsed.message }]);
    const normalised = parsed.address;
    const exists = await strapi.db
      .query(UIDS.user)
      .count({ where: { $or: [{ email: normalised }, { username: normalised }] } });
    if (exists) throw fieldErrors([{ field: 'email', message: 'already has an account' }]);
    const resetPasswordToken = crypto.randomBytes(32).toString('hex');
    const user = await strapi
      .plugin('users-permissions')
      .service('user')
      .add({
        username: normalised,
        email: normalised,
        provider: 'local',
        confirmed: true,
        blocked: false,
        password: crypto.randomBytes(24).toString('base64'),
        resetPasswordToken,
      });
    const { publicUrl } = strapi.config.get('plugin::submissions') as { publicUrl: string };
    const council = await this.councilForEmail(normalised);
    const emailId = await getService(strapi, 'outbox').enqueue({
      to: [normalised],
      kind: 'invite',
      subject: 'You have been invited to submit case studies',
      text: `${firstName ? `Hello ${firstName},\n\n` : ''}${invitedBy} has invited you to submit case studies for ${council?.name ?? 'your council'}.\n\nSet your password: ${publicUrl}/submit/reset-password?code=${resetPasswordToken}\n\nThen sign in at ${publicUrl}/submit`,
    });
    if (emailId) getService(strapi, 'outbox').dispatch([emailId]);
    return { id: user.id, email: normalised, council: council?.name ?? null };
  },
});
