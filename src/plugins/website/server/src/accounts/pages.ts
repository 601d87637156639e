import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { siteUrl, websiteConfig } from '../config';
import { fieldError, formBody, isEmail, text } from '../pages/forms';
import { render, type FieldError } from '../pages/render';
import { endSession, startSession } from '../session/cookies';
import { sessions } from '../session/tokens';
import { confirmations } from './confirmation';
import { accountKey, type Limits } from './limits';
import { accountService } from './service';

const SIGNED_IN_HOME = '/submit/submissions';
const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@council.gov.uk';
const TOO_MANY = 'You have asked too many times. Wait an hour, then try again';

/**
 * Sign in, create an account, confirm it, resend the confirmation, reset a password, sign out: all
 * in-process, each limited per email-and-client and per client (accounts/limits.ts).
 */
export function accountPages(strapi: Core.Strapi) {
  const accounts = accountService(strapi);
  const links = confirmations(strapi);
  const limits = () => strapi.plugin('website').service('limits') as Limits;
  const site = (ctx: Context) => siteUrl(strapi, ctx.origin);
  /** One more account email or reset for this address from this client: false when over a limit. */
  const allowRequest = (email: string, ctx: Context) =>
    limits().takeAll([
      ['accountRequestsByAccount', accountKey(email, ctx.ip)],
      ['accountRequestsByClient', ctx.ip],
    ]);

  /** A form that emails a link: the address checked, the request limited, then `send`; one answer for any address. */
  async function emailForm(ctx: Context, view: string, purpose: string, send: (email: string) => Promise<void>) {
    const email = text(formBody(ctx), 'email');
    if (!isEmail(email)) return render(ctx, view, { values: { email }, errors: [fieldError('email', EMAIL_FORMAT)] });
    if (!(await allowRequest(email, ctx)))
      return render(ctx, view, { values: { email }, errors: [fieldError('email', TOO_MANY)] }, 429);
    await send(email);
    render(ctx, 'check-email', { email, purpose });
  }

  return {
    signInForm: (ctx: Context) =>
      render(ctx, 'sign-in', { confirmed: ctx.query.confirmed === '1', reset: ctx.query.reset === '1' }),

    async signIn(ctx: Context) {
      const body = formBody(ctx);
      const values = { email: text(body, 'email'), password: typeof body.password === 'string' ? body.password : '' };
      const errors: FieldError[] = [];
      if (!values.email) errors.push(fieldError('email', 'Enter your email address'));
      else if (!isEmail(values.email)) errors.push(fieldError('email', EMAIL_FORMAT));
      if (!values.password) errors.push(fieldError('password', 'Enter your password'));
      if (errors.length) return render(ctx, 'sign-in', { values, errors });
      const key = accountKey(values.email, ctx.ip);
      if (
        (await limits().spent('signInFailuresByAccount', key)) ||
        (await limits().spent('signInFailuresByClient', ctx.ip))
      ) {
        const minutes = Math.ceil(websiteConfig(strapi).limits.signInWindowSeconds / 60);
        const wait = fieldError('email', `Too many failed attempts to sign in. Wait ${minutes} minutes, then try again`);
        return render(ctx, 'sign-in', { values: { email: values.email }, errors: [wait] }, 429);
      }
      const user = await accounts.checkPassword(values.email, values.password);
      const refusal = !user
        ? 'Enter a correct email address and password'
        : !user.confirmed
          ? 'Confirm your email address first: use the link in the email we sent you, or ask for a new one'
          : user.blocked
            ? 'This account is blocked. Contact the case studies team'
            : null;
      if (!user || refusal) {
        await limits().takeAll([
          ['signInFailuresByAccount', key],
          ['signInFailuresByClient', ctx.ip],
        ]);
        return render(ctx, 'sign-in', {
          values: { email: values.email },
          errors: [fieldError('email', refusal!)],
          unconfirmed: Boolean(user && !user.confirmed),
        });
      }
      await limits().forget('signInFailuresByAccount', key);
      startSession(ctx, await sessions(strapi).issue(user.id));
      ctx.redirect(SIGNED_IN_HOME);
    },

    async signOut(ctx: Context) {
      const { siteUserId } = ctx.state as { siteUserId?: number };
      if (siteUserId) await sessions(strapi).endAll(siteUserId);
      endSession(ctx);
      ctx.redirect('/submit?signedOut=1');
    },

    createAccountForm: (ctx: Context) => render(ctx, 'create-account'),

    async createAccount(ctx: Context) {
      const body = formBody(ctx);
      const email = text(body, 'email');
      const { password, errors } = newPassword(body);
      if (!isEmail(email))
        errors.unshift(fieldError('email', 'Enter your council email address, like name@council.gov.uk'));
      if (errors.length) return render(ctx, 'create-account', { values: { email }, errors });
      if (!(await allowRequest(email, ctx)))
        return render(ctx, 'create-account', { values: { email }, errors: [fieldError('email', TOO_MANY)] }, 429);
      if (await accounts.emailTaken(email)) {
        const taken = 'An account already exists with this email address. Sign in or reset your password';
        return render(ctx, 'create-account', { values: { email }, errors: [fieldError('email', taken)] });
      }
      try {
        const user = await accounts.register(email, password);
        await links.send(user, site(ctx));
      } catch (error) {
        if ((error as { name?: string }).name !== 'ValidationError') throw error;
        const refused = fieldError('email', accountMessage((error as Error).message));
        return render(ctx, 'create-account', { values: { email }, errors: [refused] });
      }
      render(ctx, 'check-email', { email, purpose: 'confirm' });
    },

    /** The emailed link: confirms once; used, expired or unknown links say so and offer a new one. */
    async confirm(ctx: Context) {
      if (await limits().spent('accountRequestsByClient', ctx.ip))
        return render(ctx, 'confirm-link', { tooMany: true }, 429);
      const outcome = await links.confirm(ctx.query.token);
      if (outcome === 'confirmed') return ctx.redirect('/submit/sign-in?confirmed=1');
      if (outcome === 'unknown') await limits().take('accountRequestsByClient', ctx.ip);
      render(ctx, 'confirm-link', { expired: outcome === 'expired' }, outcome === 'expired' ? 410 : 404);
    },

    resendForm: (ctx: Context) => render(ctx, 'resend-confirmation'),

    /** A new confirmation link: the same answer whether or not the address has an account to confirm. */
    resend: (ctx: Context) =>
      emailForm(ctx, 'resend-confirmation', 'resend', async (email) => {
        const user = await accounts.findByEmail(email);
        if (user && !user.confirmed && !user.blocked) await links.send(user, site(ctx));
      }),

    forgotForm: (ctx: Context) => render(ctx, 'forgot-password'),

    /** A link to set a new password: the same answer whether or not the account exists. */
    forgot: (ctx: Context) =>
      emailForm(ctx, 'forgot-password', 'reset', (email) => accounts.sendPasswordReset(email, site(ctx))),

    resetForm: (ctx: Context) => render(ctx, 'reset-password', { code: String(ctx.query.code ?? '') }),

    /** A new password with the emailed code. Wrong codes count against this client only. */
    async reset(ctx: Context) {
      const body = formBody(ctx);
      const code = text(body, 'code');
      const { password, errors } = newPassword(body);
      if (errors.length) return render(ctx, 'reset-password', { code, errors });
      if (await limits().spent('accountRequestsByClient', ctx.ip))
        return render(ctx, 'reset-password', { code, errors: [fieldError('password', TOO_MANY)] }, 429);
      const user = await accounts.resetPassword(code, password);
      if (user) {
        await sessions(strapi).endAll(user.id);
        startSession(ctx, await sessions(strapi).issue(user.id));
        return ctx.redirect(SIGNED_IN_HOME);
      }
      await limits().take('accountRequestsByClient', ctx.ip);
      const used = 'This link has expired or was already used. Ask for a new one from the sign in page';
      render(ctx, 'reset-password', { code, errors: [fieldError('password', used)] });
    },
  };
}

/** A new password and its confirmation, as posted, with what is wrong with them. */
function newPassword(body: Record<string, unknown>) {
  const password = typeof body.password === 'string' ? body.password : '';
  const confirm = typeof body.confirmPassword === 'string' ? body.confirmPassword : '';
  const errors: FieldError[] = [];
  if (password.length < 8) errors.push(fieldError('password', 'Password must be 8 characters or more'));
  // bcrypt reads only the first 72 bytes: a longer password would be cut without telling anyone.
  else if (Buffer.byteLength(password) > 72) errors.push(fieldError('password', 'Password must be 72 characters or fewer'));
  else if (password !== confirm) errors.push(fieldError('confirmPassword', 'Passwords must match'));
  return { password, confirm, errors };
}

/** The submissions plugin's refusal of an address, in the words of the form. */
function accountMessage(message: string): string {
  if (/council/i.test(message) || /domain/i.test(message))
    return 'Use the email address your council gave you: this email domain is not a council on this site';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
