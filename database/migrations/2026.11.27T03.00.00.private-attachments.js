'use strict';

/**
 * Submissions' files become private (issue 12). They used to be media-library files (public under
 * /uploads) linked through the media field `attachments`; that field is now the submission's list of
 * private files, and the old links move to the field `legacyAttachments`. At every boot the submissions
 * plugin copies any file still linked there into the private folder and deletes the public copy, unless
 * the submission is published (then the file is also the live case study's media and stays public).
 * Runs before Strapi's schema sync; on a new database there is nothing to move.
 */
module.exports = {
  async up(knex) {
    if (!(await knex.schema.hasTable('files_related_mph'))) return;
    await knex('files_related_mph')
      .where({ related_type: 'plugin::submissions.submission', field: 'attachments' })
      .update({ field: 'legacyAttachments' });
  },

  async down(knex) {
    if (!(await knex.schema.hasTable('files_related_mph'))) return;
    await knex('files_related_mph')
      .where({ related_type: 'plugin::submissions.submission', field: 'legacyAttachments' })
      .update({ field: 'attachments' });
  },
};
