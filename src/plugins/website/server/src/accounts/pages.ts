import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { siteUrl } from '../config';
import { fieldError, formBody, isEmail, text } from '../pages/forms';
import { render, type FieldError } from '../pages/render';
import { endSession, startSession } from '../session/cookies';
import { sessions } from '../session/tokens';
import { accountService } from './service';
import { signInLimiter } from './sign-in-limit';

const SIGNED_IN_HOME = '/submit/submissions';

/** Sign in, create an account, reset a password, sign out: all in-process. */
export function accountPages(strapi: Core.Strapi) {
  const limiter = signInLimiter(strapi);
  const accounts = accountService(strapi);

  return {
    signInForm: (ctx: Context) =>
      render(ctx, 'sign-in', { confirmed: ctx.query.confirmed === '1', reset: ctx.query.reset === '1' }),

    async signIn(ctx: Context) {
      const body = formBody(ctx);
      const values = { email: text(body, 'email'), password: typeof body.password === 'string' ? body.password : '' };
      const errors: FieldError[] = [];
      if (!values.email) errors.push(fieldError('email', 'Enter your email address'));
      if (!values.password) errors.push(fieldError('password', 'Enter your password'));
      if (errors.length) return render(ctx, 'sign-in', { values, errors });
      if (await limiter.blocked(values.email, ctx.request.ip)) {
        const wait = fieldError('email', 'Too many failed attempts to sign in. Wait 15 minutes, then try again');
        return render(ctx, 'sign-in', { values, errors: [wait] }, 429);
      }
      const user = await accounts.checkPassword(values.email, values.password);
      const refusal = !user
        ? 'Enter a correct email address and password'
        : !user.confirmed
          ? 'Confirm your email address first: use the link in the email we sent you'
          : user.blocked
            ? 'This account is blocked. Contact the case studies team'
            : null;
      if (!user || refusal) {
        await limiter.failed(values.email, ctx.request.ip);
        return render(ctx, 'sign-in', { values: { email: values.email }, errors: [fieldError('email', refusal!)] });
      }
      await limiter.succeeded(values.email);
      startSession(ctx, await sessions(strapi).issue(user.id));
      ctx.redirect(SIGNED_IN_HOME);
    },

    signOut(ctx: Context) {
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
      if (!errors.length && (await accounts.emailTaken(email)))
        errors.push(fieldError('email', 'An account already exists with this email address. Sign in or reset your password'));
      if (!errors.length) {
        try {
          const user = await accounts.register(email, password);
          await strapi.plugin('users-permissions').service('user').sendConfirmationEmail(user);
          return render(ctx, 'check-email', { email, purpose: 'confirm' });
        } catch (error) {
          if ((error as { name?: string }).name !== 'ValidationError') throw error;
          errors.push(fieldError('email', accountMessage((error as Error).message)));
        }
      }
      render(ctx, 'create-account', { values: { email }, errors });
    },

    forgotForm: (ctx: Context) => render(ctx, 'forgot-password'),

    async forgot(ctx: Context) {
      const email = text(formBody(ctx), 'email');
      if (!isEmail(email))
        return render(ctx, 'forgot-password', {
          values: { email },
          errors: [fieldError('email', 'Enter an email address in the correct format, like name@council.gov.uk')],
        });
      // The answer is the same whether or not the account exists.
      await accounts.sendPasswordReset(email, siteUrl(strapi, ctx.origin));
      render(ctx, 'check-email', { email, purpose: 'reset' });
    },

    resetForm: (ctx: Context) => render(ctx, 'reset-password', { code: String(ctx.query.code ?? '') }),

    async reset(ctx: Context) {
      const body = formBody(ctx);
      const code = text(body, 'code');
      const { password, errors } = newPassword(body);
      if (!errors.length) {
        const user = await accounts.resetPassword(code, password);
        if (user) {
          startSession(ctx, await sessions(strapi).issue(user.id));
          return ctx.redirect(SIGNED_IN_HOME);
        }
        errors.push(
          fieldError('password', 'This link has expired or was already used. Ask for a new one from the sign in page')
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
