import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { api } from './api';
import { fieldError, formBody, isEmail, normalisedEmail, text } from './forms';
import { render, type FieldError } from './render';
import { endSession, startSession } from './session';
import { signInLimiter } from './sign-in-limit';

const USER = 'plugin::users-permissions.user';
const SIGNED_IN_HOME = '/submit/submissions';

/** Sign in, create an account, reset a password, sign out. */
export function accountPages(strapi: Core.Strapi) {
  const limiter = signInLimiter(strapi);
  const usersPermissions = () => strapi.plugin('users-permissions');

  /**
   * Checked in-process rather than through POST /api/auth/local: every page request would reach that
   * route from this server's own address, so its per-IP limit would count all officers as one.
   */
  async function checkPassword(email: string, password: string): Promise<{ jwt?: string; error?: string }> {
    const user = await strapi.db
      .query(USER)
      .findOne({ where: { provider: 'local', $or: [{ email: email.toLowerCase() }, { username: email }] } });
    const valid =
      user?.password && (await usersPermissions().service('user').validatePassword(password, user.password));
    if (!valid) return { error: 'Enter a correct email address and password' };
    if (!user.confirmed)
      return { error: 'Confirm your email address first: use the link in the email we sent you' };
    if (user.blocked) return { error: 'This account is blocked. Contact the case studies team' };
    return { jwt: await strapi.plugin('submissions').service('sessions').issue(user.id) };
  }

  return {
    signInForm: (ctx: Context) =>
      render(ctx, 'sign-in', { confirmed: ctx.query.confirmed === '1', reset: ctx.query.reset === '1' }),

    async signIn(ctx: Context) {
      const body = formBody(ctx);
      const values = {
        email: text(body, 'email'),
        password: typeof body.password === 'string' ? body.password : '',
      };
      const errors: FieldError[] = [];
      if (!values.email) errors.push(fieldError('email', 'Enter your email address'));
      if (!values.password) errors.push(fieldError('password', 'Enter your password'));
      if (errors.length) return render(ctx, 'sign-in', { values, errors });
      if (await limiter.blocked(values.email, ctx.request.ip)) {
        return render(
          ctx,
          'sign-in',
          {
            values,
            errors: [
              fieldError('email', 'Too many failed attempts to sign in. Wait 15 minutes, then try again'),
            ],
          },
          429
        );
      }
      const result = await checkPassword(values.email, values.password);
      if (!result.jwt) {
        await limiter.failed(values.email, ctx.request.ip);
        return render(ctx, 'sign-in', {
          values: { email: values.email },
          errors: [fieldError('email', result.error!)],
        });
      }
      await limiter.succeeded(values.email);
      startSession(ctx, result.jwt);
      ctx.redirect(SIGNED_IN_HOME);
    },

    async signOut(ctx: Context) {
      // Ends this user's every session (other browsers, API tokens too), not just this cookie.
      const userId = (ctx.state as { siteUserId?: number }).siteUserId;
      if (userId) await strapi.plugin('submissions').service('sessions').endAll(userId);
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
      if (!errors.length) {
        const res = await api(ctx, '/api/auth/local/register', {
          method: 'POST',
          body: { username: normalisedEmail(email), email: normalisedEmail(email), password },
        });
        if (res.status < 300) return render(ctx, 'check-email', { email, purpose: 'confirm' });
        const message: string = res.body?.error?.message ?? 'Your account could not be created';
        const onPassword = /password/i.test(message) && !/email/i.test(message);
        errors.push(fieldError(onPassword ? 'password' : 'email', accountMessage(message)));
      }
      render(ctx, 'create-account', { values: { email }, errors });
    },

    forgotForm: (ctx: Context) => render(ctx, 'forgot-password'),

    async forgot(ctx: Context) {
      const email = text(formBody(ctx), 'email');
      if (!isEmail(email))
        return render(ctx, 'forgot-password', {
          values: { email },
          errors: [
            fieldError('email', 'Enter an email address in the correct format, like name@council.gov.uk'),
          ],
        });
      // The answer is the same whether or not the account exists.
      await api(ctx, '/api/auth/forgot-password', {
        method: 'POST',
        body: { email: normalisedEmail(email) },
      });
      render(ctx, 'check-email', { email, purpose: 'reset' });
    },

    resetForm: (ctx: Context) => render(ctx, 'reset-password', { code: String(ctx.query.code ?? '') }),

    async reset(ctx: Context) {
      const body = formBody(ctx);
      const code = text(body, 'code');
      const { password, confirm, errors } = newPassword(body);
      if (!errors.length) {
        const res = await api(ctx, '/api/auth/reset-password', {
          method: 'POST',
          body: { code, password, passwordConfirmation: confirm },
        });
        if (res.status < 300 && res.body?.jwt) {
          startSession(ctx, res.body.jwt);
          return ctx.redirect(SIGNED_IN_HOME);
        }
        errors.push(
          fieldError(
            'password',
            'This link has expired or was already used. Ask for a new one from the sign in page'
          )
        );
      }
      render(ctx, 'reset-password', { code, errors });
    },
  };
}

/** A new password and its confirmation, as posted, with what is wrong with them. */
function newPassword(body: Record<string, unknown>) {
  const password = typeof body.password === 'string' ? body.password : '';
  const confirm = typeof body.confirmPassword === 'string' ? body.confirmPassword : '';
  const errors: FieldError[] = [];
  if (password.length < 8) errors.push(fieldError('password', 'Password must be 8 characters or more'));
  else if (password !== confirm) errors.push(fieldError('confirmPassword', 'Passwords must match'));
  return { password, confirm, errors };
}

/** Strapi's sign-up messages, in the words of the form. */
function accountMessage(message: string): string {
  if (/already taken/i.test(message))
    return 'An account already exists with this email address. Sign in or reset your password';
  if (/council/i.test(message) || /domain/i.test(message))
    return 'Use the email address your council gave you: this email domain is not a council on this site';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
