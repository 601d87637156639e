import { accountPages } from '../accounts/pages';
import { serveAsset } from '../assets/serve';
import { submissionPages } from '../council/submission-pages';
import { libraryPages } from '../library/pages';
import type { Core } from '@strapi/strapi';

export default {
  library: () => libraryPages,
  submissions: () => submissionPages,
  accounts: ({ strapi }: { strapi: Core.Strapi }) => accountPages(strapi),
  assets: () => ({ serve: serveAsset }),
};
