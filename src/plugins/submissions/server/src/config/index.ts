import { UPLOAD_MIME_TYPES } from '../../../shared/upload-types';

/** Plugin configuration (config/plugins.ts: submissions.config). Workflow settings editors change live in the store instead. */
export interface SubmissionsConfig {
  /** Where links in emails point: the public site. */
  publicUrl: string;
  /** When each process looks for emails to retry: a rule for Strapi's cron service (with seconds). */
  emailRetrySchedule: string;
  /** On shutdown, how long to wait for emails being sent before releasing the rest, in ms. */
  outboxShutdownWaitMs: number;
  /** Attachments: the largest file, and the MIME types accepted (a subset of shared/upload-types). */
  attachmentMaxBytes: number;
  attachmentTypes: string[];
  /** Most attachments on one submission. */
  attachmentMaxCount: number;
  /**
   * Where files of submissions are kept until they are published: a folder outside public/ (relative to
   * the app), never served under /uploads. Several processes must share it (one network volume).
   */
  privateUploadsDir: string;
}

export default {
  default: (): SubmissionsConfig => ({
    publicUrl: 'http://localhost:1337', // config/plugins.ts sets it from PUBLIC_URL
    emailRetrySchedule: '*/30 * * * * *',
    outboxShutdownWaitMs: 10_000,
    attachmentMaxBytes: 10 * 1024 * 1024,
    attachmentTypes: [...UPLOAD_MIME_TYPES],
    attachmentMaxCount: 10,
    privateUploadsDir: '.tmp/private-uploads',
  }),
  validator: (config: SubmissionsConfig) => {
    if (!/^https?:\/\//.test(config.publicUrl))
      throw new Error('submissions.publicUrl must be an http(s) URL');
    if (!config.privateUploadsDir?.trim())
      throw new Error('submissions.privateUploadsDir must name a folder (PRIVATE_UPLOADS_DIR)');
  },
};
