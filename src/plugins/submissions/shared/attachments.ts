import { INLINE_UPLOAD_TYPES, UPLOAD_TYPES_IN_WORDS } from './upload-types';

/** A submission's files ("Images and documents"): what the API answers with, and what a form states as limits. */

/** An attachment's id: random (so it cannot be guessed), and the name of its file in private storage. */
export const ATTACHMENT_ID = /^[a-f0-9]{32}$/;

/** One file as stored on the submission (server side). */
export interface StoredAttachment {
  id: string;
  name: string;
  /** Decided from the file's content, never from what the client said. */
  mime: string;
  /** Bytes. */
  size: number;
  uploadedAt: string;
}

/** One file as the API shows it. `url` is the authorised download route for whoever asked. */
export interface AttachmentView extends StoredAttachment {
  isImage: boolean;
  /** The officer's or reviewer's choice of cover image for the published case study. */
  isCover: boolean;
  url: string;
}

/** Images (PNG, JPEG) can be a case study's cover and are shown inline; everything else downloads. */
export const isImageType = (mime: string) => INLINE_UPLOAD_TYPES.includes(mime.toLowerCase());

/** The limits in plain words, for a form's hint (the numbers come from the server's config). */
export function attachmentLimitsText(maxCount: number, maxBytes: number): string {
  const types = UPLOAD_TYPES_IN_WORDS.replace(/^an? /, '');
  return `Each file must be ${types.charAt(0).toUpperCase()}${types.slice(1)}, ${Math.round(
    maxBytes / 1024 / 1024
  )} MB or smaller. Up to ${maxCount} files.`;
}
