import type { ReadStream } from 'fs';
import type { Context } from 'koa';
import { ATTACHMENT_ID, isImageType, type StoredAttachment } from '../../../shared/attachments';
import { servedUploadHeaders } from '../../../shared/upload-types';
import { errors } from '@strapi/utils';
import { MESSAGES } from '../errors';

/** A file id from a path; a malformed one is as unknown as a wrong one (404). */
export function attachmentIdOf(raw: unknown): string {
  const id = String(raw ?? '');
  if (!ATTACHMENT_ID.test(id)) throw new errors.NotFoundError(MESSAGES.noSuchAttachment);
  return id;
}

/**
 * Serves a submission's private file so that it can never run as a page: its type from its content
 * (never sniffed again by the browser), downloaded unless it is an image, and sandboxed with no
 * scripts, styles or requests of its own should a browser open it anyway. Never cached by anyone else.
 */
export function sendAttachment(ctx: Context, attachment: StoredAttachment, stream: ReadStream) {
  ctx.set(servedUploadHeaders(attachment.mime)); // as /uploads serves files: nosniff, sandbox
  ctx.attachment(attachment.name, { type: isImageType(attachment.mime) ? 'inline' : 'attachment' });
  ctx.type = attachment.mime;
  ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = stream;
}
