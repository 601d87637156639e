/** Plugin configuration (config/plugins.ts: submissions.config). Workflow settings editors change live in the store instead. */
export interface SubmissionsConfig {
  /** Where links in emails point: the public site. */
  publicUrl: string;
  /** When each process looks for emails to retry: a rule for Strapi's cron service (with seconds). */
  emailRetrySchedule: string;
  /** On shutdown, how long to wait for emails being sent before releasing the rest, in ms. */
  outboxShutdownWaitMs: number;
  /** Attachments: the largest file, and the MIME types accepted. */
  attachmentMaxBytes: number;
  attachmentTypes: string[];
  /** Most attachments on one submission. */
  attachmentMaxCount: number;
}

export default {
  default: (): SubmissionsConfig => ({
    publicUrl: process.env.PUBLIC_URL || 'http://localhost:1337',
    emailRetrySchedule: '*/30 * * * * *',
    outboxShutdownWaitMs: 10_000,
    attachmentMaxBytes: 10 * 1024 * 1024,
    attachmentTypes: [
      'application/pdf',
      'image/png',
      'image/jpeg',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.text',
      'text/plain',
    ],
    attachmentMaxCount: 10,
  }),
  validator: (config: SubmissionsConfig) => {
    if (!/^https?:\/\//.test(config.publicUrl))
      throw new Error('submissions.publicUrl must be an http(s) URL');
  },
};
