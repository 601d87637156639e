import type { Core } from '@strapi/strapi';
import { accountPages } from '../accounts/pages';
import { serveAsset } from '../assets/serve';
import { attachmentPages } from '../council/attachment-pages';
import { submissionPages } from '../council/submission-pages';
import { libraryPages } from '../library/pages';
import { openDataActions } from '../open-data';

type WithStrapi = { strapi: Core.Strapi };

export default {
  library: ({ strapi }: WithStrapi) => libraryPages(strapi),
  submissions: ({ strapi }: WithStrapi) => submissionPages(strapi),
  attachments: ({ strapi }: WithStrapi) => attachmentPages(strapi),
  accounts: ({ strapi }: WithStrapi) => accountPages(strapi),
  assets: () => ({ serve: serveAsset }),
  openData: ({ strapi }: WithStrapi) => openDataActions(strapi),
};
