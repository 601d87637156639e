import { promises as fs } from 'fs';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { FILE_TOO_LARGE } from '../../../../../middlewares/client-errors';
import { isImageType } from '../../../../submissions/shared/attachments';
import { servedUploadHeaders } from '../../../../submissions/shared/upload-types';
import { PageStop } from '../pages/errors';
import { fieldError, formBody, text } from '../pages/forms';
import { render, type FieldError } from '../pages/render';
import { councilData, type Loaded, type Problem } from './council-data';
import { base, comment, editable } from './submission-pages';

/** A file input left empty still posts a part: no name, no bytes. */
interface Posted {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}
const postedFiles = (ctx: Context): Posted[] => {
  const raw = ((ctx.request as unknown as { files?: Record<string, unknown> }).files ?? {}).file;
  return (Array.isArray(raw) ? raw : raw ? [raw] : []) as Posted[];
};
const chosen = (files: Posted[]) => files.filter((f) => f.size > 0 || f.originalFilename);

/** Formidable's temporary copies: ours to delete (strapi::body only cleans a field named "files"). */
const discard = (files: Posted[]) => Promise.all(files.map((f) => fs.rm(f.filepath, { force: true })));

const CONFLICT = {
  upload:
    'Someone else changed this case study while your file was uploading, so it was not saved. Choose the file again and upload it.',
  remove: 'This case study changed after you opened this page, so nothing was removed. Check the list of files and try again.',
  cover: 'This case study changed after you opened this page, so the cover image was not changed. Check your choice and save it again.',
};

/** The API's refusal of a file ("must be 10 MB or smaller"), as a GOV.UK error on the file input. */
const fileErrors = (problem: Problem): FieldError[] =>
  (problem.fields.length ? problem.fields : [{ path: 'file', message: problem.message }]).map(({ path, message }) =>
    fieldError('file', path === 'file' && /^must /.test(message) ? `The selected file ${message}` : message)
  );

/**
 * The "Images and documents" step: the GOV.UK file upload pattern without JavaScript (a multipart
 * form, one file a time), the uploaded files with remove links, the cover image, and each file through
 * the officer's session only. Limits and checks are the submissions plugin's (its config and council API).
 */
export function attachmentPages(strapi: Core.Strapi) {
  const data = councilData(strapi);

  function show(ctx: Context, loaded: Loaded, errors: FieldError[] = [], status?: number) {
    const limits = data.attachmentLimits();
    const files = loaded.view.attachments ?? [];
    const step = loaded.steps.find((s) => s.slug === 'attachments')!;
    render(
      ctx,
      'attachments',
      {
        view: loaded.view,
        step,
        comment: comment(loaded, step),
        files,
        images: files.filter((f) => f.isImage),
        full: files.length >= limits.maxCount,
        limits,
        errors,
        base: base(loaded.view.id),
        backLink: base(loaded.view.id),
      },
      status
    );
  }

  async function mustEdit(ctx: Context) {
    const loaded = await data.loadOrNew(ctx, ctx.params.id);
    if (!editable(loaded)) {
      ctx.redirect(base(loaded.view.id));
      return null;
    }
    return loaded;
  }

  return {
    async list(ctx: Context) {
      const loaded = await mustEdit(ctx);
      if (!loaded) return;
      // Sent back here by the multipart parser's limit (src/middlewares/client-errors.ts): nothing was stored.
      if (ctx.query.error === FILE_TOO_LARGE) {
        const megabytes = Math.round(data.attachmentLimits().maxBytes / 1024 / 1024);
        return show(ctx, loaded, [fieldError('file', `The selected file must be ${megabytes} MB or smaller`)]);
      }
      show(ctx, loaded);
    },

    async upload(ctx: Context) {
      const files = postedFiles(ctx);
      try {
        const loaded = await mustEdit(ctx);
        if (!loaded) return;
        const limits = data.attachmentLimits();
        const picked = chosen(files);
        if (!picked.length) return show(ctx, loaded, [fieldError('file', 'Select a file to upload')]);
        if (picked.length > 1) return show(ctx, loaded, [fieldError('file', 'Select one file at a time')]);
        if (loaded.view.attachments.length >= limits.maxCount)
          return show(ctx, loaded, [
            fieldError('file', `You can upload up to ${limits.maxCount} file${limits.maxCount === 1 ? '' : 's'}: remove one before adding another`),
          ]);
        const user = await data.user(ctx);
        let id = loaded.view.id;
        if (loaded.isNew) {
          // The first upload saves the new case study, like the first answer would.
          const created = await data.attempt(() => data.api().create(user, {}));
          if (created.problem) throw new PageStop(404);
          id = created.data.id;
        }
        // Not pinned to a version: adding a file changes no one's answers, so the server retries a lost race.
        const added = await data.attempt(() => data.api().addAttachment(user, id, picked[0], {}));
        if (added.problem) {
          const now = await data.load(ctx, id);
          if (added.problem.status === 409) return show(ctx, now, [fieldError('file', CONFLICT.upload)], 409);
          return show(ctx, now, fileErrors(added.problem));
        }
        ctx.redirect(`${base(id)}/attachments`);
      } finally {
        await discard(files);
      }
    },

    async chooseCover(ctx: Context) {
      const loaded = await mustEdit(ctx);
      if (!loaded) return;
      const body = formBody(ctx);
      const choice = text(body, 'cover');
      const user = await data.user(ctx);
      const saved = await data.attempt(() =>
        data.api().update(user, loaded.view.id, {
          coverAttachment: choice && choice !== 'none' ? choice : null,
          version: Number(body.version) || loaded.view.version,
        })
      );
      if (saved.problem?.status === 409) return show(ctx, loaded, [fieldError('cover', CONFLICT.cover)], 409);
      if (saved.problem)
        return show(ctx, loaded, saved.problem.fields.map((f) => fieldError('cover', `Cover image ${f.message}`)));
      ctx.redirect(`${base(loaded.view.id)}/attachments`);
    },

    async removeForm(ctx: Context) {
      const loaded = await mustEdit(ctx);
      if (!loaded) return;
      const file = loaded.view.attachments.find((a) => a.id === ctx.params.fileId);
      if (!file) throw new PageStop(404);
      render(ctx, 'attachment-remove', { view: loaded.view, file, base: base(loaded.view.id), backLink: `${base(loaded.view.id)}/attachments` });
    },

    async remove(ctx: Context) {
      const loaded = await mustEdit(ctx);
      if (!loaded) return;
      const user = await data.user(ctx);
      const version = Number(formBody(ctx).version) || loaded.view.version;
      const removed = await data.attempt(() =>
        data.api().removeAttachment(user, loaded.view.id, ctx.params.fileId, { version })
      );
      if (removed.problem?.status === 409) return show(ctx, loaded, [fieldError('file', CONFLICT.remove)], 409);
      if (removed.problem) throw new PageStop(404);
      ctx.redirect(`${base(loaded.view.id)}/attachments`);
    },

    /** The file, to signed-in officers of its council only: anyone else (signed out too) gets 404. */
    async file(ctx: Context) {
      if (!(ctx.state as { siteUserId?: number }).siteUserId) throw new PageStop(404);
      const user = await data.user(ctx);
      const opened = await data.attempt(() => data.api().openAttachment(user, ctx.params.id, ctx.params.fileId));
      if (opened.problem) throw new PageStop(404);
      const { attachment, stream } = opened.data;
      ctx.set(servedUploadHeaders(attachment.mime));
      ctx.attachment(attachment.name, { type: isImageType(attachment.mime) ? 'inline' : 'attachment' });
      ctx.type = attachment.mime;
      ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = stream;
    },
  };
}
